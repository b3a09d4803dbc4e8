package org.labexport.convert.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.RowPreparer;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * Writes a table as UTF-8 JSON: an array with one object per line ({@code lines=false}) or one object per line
 * with nothing around them ({@code lines=true}, newline-delimited JSON). Every record has every key, nulls as
 * {@code null}. Longs and finite doubles are JSON numbers (typed doubles in their shortest exact text, a text
 * source's numbers as the source spelled them, which the number grammar of {@link org.labexport.convert.ColumnTypeTracker} keeps valid
 * JSON); JSON has no NaN or infinity, so those are the strings {@code "NaN"}, {@code "Inf"}, {@code "-Inf"};
 * booleans are {@code true}/{@code false}; dates and timestamps are ISO strings (timestamps in UTC with a Z).
 */
public final class JsonTableWriter implements TableWriter, RowPreparer {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator gen;
    /** Field names encoded once, not escaped again for every record. */
    private final SerializedString[] names;
    private final boolean lines;
    /** Per column: its type, which says how a value given as text (prepared or the source's own) is written. */
    private final ColumnType[] types;
    private long rows;

    private JsonTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.lines = options.bool("lines");
        this.types = new ColumnType[schema.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.column(i).type();
        }
        this.names = new SerializedString[schema.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = new SerializedString(schema.column(i).name());
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
        this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        gen.setRootValueSeparator(null);
        if (!lines) {
            gen.writeRaw('[');
        }
    }

    /** The factory registered for JSON. */
    public static TableWriterFactory factory() {
        // The output is a bare array or lines of records: no place for provenance that readers would not take
        // for data. The manifest and the RO-Crate describe it.
        return (target, schema, options, provenance) -> new JsonTableWriter(target, schema, options);
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (lines) {
            if (rows > 0) {
                gen.writeRaw('\n');
            }
        } else {
            gen.writeRaw(rows > 0 ? ",\n" : "\n");
        }
        gen.writeStartObject();
        for (int i = 0; i < names.length; i++) {
            gen.writeFieldName(names[i]);
            Object v = row[i];
            if (v == null) {
                gen.writeNull();
            } else if (v instanceof Double d) {
                double x = d;
                if (Double.isFinite(x)) {
                    gen.writeNumber(ValueText.formatDouble(x));
                } else {
                    gen.writeString(ValueText.formatDouble(x));
                }
            } else if (v instanceof Long l) {
                gen.writeNumber(l);
            } else if (v instanceof String s) {
                writeText(types[i], s);
            } else if (v instanceof Boolean b) {
                gen.writeBoolean(b);
            } else {
                gen.writeString(ValueText.format(v));
            }
        }
        gen.writeEndObject();
        rows++;
    }

    /** A value given as text that fits its column's type: prepared canonical text or the source's own text. */
    private void writeText(ColumnType type, String s) throws IOException {
        switch (type) {
            case LONG -> gen.writeNumber(s);
            case DOUBLE -> {
                if (ValueText.isSpecialDouble(s)) {
                    gen.writeString(ValueText.formatDouble(ValueText.parseDouble(s)));
                } else if (s.equals("-0")) {
                    gen.writeNumber("-0.0"); // parsers that read -0 as the integer 0 would drop the sign
                } else {
                    gen.writeNumber(s);
                }
            }
            case BOOLEAN -> gen.writeBoolean(ValueText.parseBoolean(s));
            case TIMESTAMP -> gen.writeString(ValueText.format(ValueText.parse(s, ColumnType.TIMESTAMP)));
            default -> gen.writeString(s);
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
                gen.writeRaw('\n');
            }
        } else {
            gen.writeRaw(rows > 0 ? "\n]\n" : "]\n");
        }
        gen.close();
        return WriteSummary.ofRows(rows);
    }

    @Override
    public void close() throws IOException {
        if (!gen.isClosed()) {
            gen.close();
        }
    }
}
