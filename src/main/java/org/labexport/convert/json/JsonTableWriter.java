package org.labexport.convert.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.labexport.convert.OutputFiles;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.RowPreparer;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.TextBatch;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * Writes a table as UTF-8 JSON: an array with one object per line ({@code lines=false}) or one object per line
 * with nothing around them ({@code lines=true}, newline-delimited JSON). Every record has every key, nulls as
 * {@code null}. Longs and finite doubles are JSON numbers (typed doubles in their shortest exact text, a text
 * source's numbers as the source spelled them, which the number grammar of {@link org.labexport.convert.ColumnTypeTracker} keeps valid
 * JSON); JSON has no NaN or infinity, so those are the strings {@code "NaN"}, {@code "Inf"}, {@code "-Inf"};
 * booleans are {@code true}/{@code false}; dates and timestamps are ISO strings (timestamps in UTC with a Z).
 * Written straight into a byte buffer ({@link JsonBytes}), field names encoded once (docs/decisions/0131).
 */
public final class JsonTableWriter implements TableWriter, RowPreparer {
    private static final byte[] FIRST_IN_ARRAY = "\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_IN_ARRAY = ",\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NEXT_LINE = FIRST_IN_ARRAY;
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private final JsonBytes out;
    /** Per column: what comes before its value ({@code {"name":} for the first, {@code ,"name":} after). */
    private final byte[][] prefixes;
    private final boolean lines;
    /** Per column: its type, which says how a value given as text (prepared or the source's own) is written. */
    private final ColumnType[] types;
    private long rows;
    private boolean closed;

    private JsonTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.lines = options.bool("lines");
        this.types = new ColumnType[schema.size()];
        this.prefixes = new byte[schema.size()][];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.column(i).type();
            prefixes[i] = prefix(i == 0 ? '{' : ',', schema.column(i).name());
        }
        this.out = new JsonBytes(OutputFiles.create(target));
        if (!lines) {
            out.byte1('[');
        }
    }

    private static byte[] prefix(char first, String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonBytes b = new JsonBytes(bytes);
        b.byte1(first);
        b.string(name);
        b.byte1(':');
        b.close();
        return bytes.toByteArray();
    }

    /** The factory registered for JSON. */
    public static TableWriterFactory factory() {
        // The output is a bare array or lines of records: no place for provenance that readers would not take
        // for data. The manifest and the RO-Crate describe it.
        return (target, schema, options, provenance) -> new JsonTableWriter(target, schema, options);
    }

    /** What comes before a record: the separator from the one before, and an empty record's brace. */
    private void beginRecord() throws IOException {
        if (lines) {
            if (rows > 0) {
                out.raw(NEXT_LINE);
            }
        } else {
            out.raw(rows > 0 ? NEXT_IN_ARRAY : FIRST_IN_ARRAY);
        }
        if (prefixes.length == 0) {
            out.byte1('{');
        }
    }

    @Override
    public boolean takesTextBatches() {
        return true;
    }

    /** The source's text written range by range, as {@link #write} writes it given as Strings. */
    @Override
    public void writeText(TextBatch batch) throws IOException {
        char[] text = batch.text();
        for (int r = 0; r < batch.rows(); r++) {
            beginRecord();
            for (int i = 0; i < prefixes.length; i++) {
                out.raw(prefixes[i]);
                int start = batch.start(r, i);
                if (start < 0) {
                    out.raw(NULL);
                } else {
                    writeText(types[i], text, start, batch.end(r, i) - start);
                }
            }
            out.byte1('}');
            rows++;
        }
    }

    /**
     * As {@link #writeText(ColumnType, String)} for the text {@code a[off, off + n)}: numbers, booleans and strings
     * straight from the characters, anything rarer (NaN, infinities, -0, timestamps) through that method.
     */
    private void writeText(ColumnType type, char[] a, int off, int n) throws IOException {
        switch (type) {
            case LONG -> out.number(a, off, n);
            case DOUBLE -> {
                boolean plainNumber = n > 0 && (isDigit(a[off]) || a[off] == '-' && n > 1 && isDigit(a[off + 1]));
                if (plainNumber && !(n == 2 && a[off] == '-' && a[off + 1] == '0')) {
                    out.number(a, off, n);
                } else {
                    writeText(type, new String(a, off, n));
                }
            }
            case BOOLEAN -> {
                if (isWord(a, off, n, "true")) {
                    out.raw(TRUE);
                } else if (isWord(a, off, n, "false")) {
                    out.raw(FALSE);
                } else {
                    writeText(type, new String(a, off, n));
                }
            }
            case TIMESTAMP -> writeText(type, new String(a, off, n));
            default -> out.string(a, off, n);
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Whether the text is {@code lower} in any case (ASCII). */
    private static boolean isWord(char[] a, int off, int n, String lower) {
        if (n != lower.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if ((a[off + i] | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void write(Object[] row) throws IOException {
        beginRecord();
        for (int i = 0; i < prefixes.length; i++) {
            out.raw(prefixes[i]);
            Object v = row[i];
            if (v == null) {
                out.raw(NULL);
            } else if (v instanceof String s) {
                writeText(types[i], s);
            } else if (v instanceof Double d) {
                double x = d;
                if (Double.isFinite(x)) {
                    out.number(ValueText.formatDouble(x));
                } else {
                    out.string(ValueText.formatDouble(x));
                }
            } else if (v instanceof Long l) {
                out.number(Long.toString(l));
            } else if (v instanceof Boolean b) {
                out.raw(b ? TRUE : FALSE);
            } else {
                out.string(ValueText.format(v));
            }
        }
        out.byte1('}');
        rows++;
    }

    /** A value given as text that fits its column's type: prepared canonical text or the source's own text. */
    private void writeText(ColumnType type, String s) throws IOException {
        switch (type) {
            case LONG -> out.number(s);
            case DOUBLE -> {
                if (ValueText.isSpecialDouble(s)) {
                    out.string(ValueText.formatDouble(ValueText.parseDouble(s)));
                } else if (s.equals("-0")) {
                    out.number("-0.0"); // parsers that read -0 as the integer 0 would drop the sign
                } else {
                    out.number(s);
                }
            }
            case BOOLEAN -> out.raw(ValueText.parseBoolean(s) ? TRUE : FALSE);
            case TIMESTAMP -> out.string(ValueText.format(ValueText.parse(s, ColumnType.TIMESTAMP)));
            default -> out.string(s);
        }
    }

    @Override
    public boolean takesSourceText() {
        return true;
    }

    /**
     * Doubles and dates become their text on the reader's thread. Timestamps stay typed: text in a TIMESTAMP column
     * is a text source's own and is normalised by parsing, which the canonical text of a year past 9999 would fail.
     */
    @Override
    public void prepare(Object[] row) {
        for (int i = 0; i < types.length; i++) {
            Object v = row[i];
            if (v instanceof Double || v instanceof java.time.LocalDate) {
                row[i] = ValueText.format(v);
            }
        }
    }

    @Override
    public WriteSummary finish() throws IOException {
        if (lines) {
            if (rows > 0) {
                out.byte1('\n');
            }
        } else {
            out.raw((rows > 0 ? "\n]\n" : "]\n").getBytes(StandardCharsets.US_ASCII));
        }
        closed = true;
        out.close();
        return WriteSummary.ofRows(rows);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.close();
        }
    }
}
