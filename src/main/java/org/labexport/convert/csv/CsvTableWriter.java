package org.labexport.convert.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.List;
import org.labexport.convert.OutputFiles;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.RowPreparer;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.TextBatch;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * Writes CSV or TSV (RFC 4180 quoting, own loop: typed numbers, booleans and dates skip the quoting scan): typed
 * values in their canonical text ({@link ValueText#format}), a text source's values in the source's own text (see
 * {@link TableReader#nextText}; a CSV to TSV conversion changes delimiters, quoting and null tokens, not how a
 * number is spelled), nulls as empty fields, fields quoted
 * only when they contain the delimiter, the quote character or a line break, lines ending in LF. A character the
 * chosen {@code encoding} cannot hold fails the file instead of becoming '?'. The {@code bom} option writes U+FEFF
 * first for the Unicode encodings and is ignored for others.
 */
public final class CsvTableWriter implements TableWriter, RowPreparer {
    private static final int FLUSH_AT = 1 << 16;

    private final Path target;
    private final Writer out;
    private final char delimiter;
    private final char quote;
    /** The highest of the delimiter, the quote and the line breaks: no character above it makes a field quoted. */
    private final char highestSpecial;
    /** Per column: whether its canonical text can never need quoting (numbers, booleans, dates...). */
    private final boolean[] plain;
    private final String charsetName;
    private final Charset charset;
    private final List<String> names;
    private char[] buf = new char[FLUSH_AT + 1024];
    private int len;
    private long rows;
    /** Data rows written before the buffer's first character (to name the row of a character the encoding lacks). */
    private long rowsBeforeBuffer;
    /** Whether the buffer starts with the header line. */
    private boolean headerInBuffer;

    private CsvTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.target = target;
        Charset charset = options.charset("encoding");
        this.charset = charset;
        this.charsetName = charset.name();
        this.names = schema.names();
        this.delimiter = options.character("delimiter");
        this.quote = options.character("quote_char");
        this.highestSpecial = (char) Math.max(Math.max(delimiter, quote), '\r');
        OutputStream os = new BufferedOutputStream(OutputFiles.create(target), 1 << 16);
        this.out = new OutputStreamWriter(os, charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        boolean separatorsPlain = isPlainSafe(delimiter) && isPlainSafe(quote);
        this.plain = new boolean[schema.size()];
        for (int i = 0; i < plain.length; i++) {
            plain[i] = separatorsPlain && schema.column(i).type() != ColumnType.STRING;
        }
        boolean ok = false;
        try {
            if (options.bool("bom") && charsetName.toUpperCase(java.util.Locale.ROOT).startsWith("UTF")) {
                append('\uFEFF');
            }
            if (options.bool("include_header")) {
                headerInBuffer = true;
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        append(delimiter);
                    }
                    appendField(names.get(i));
                }
                append('\n');
            }
            ok = true;
        } finally {
            if (!ok) {
                out.close();
            }
        }
    }

    /** Characters that never occur in the canonical text of a number, boolean, date or timestamp. */
    private static boolean isPlainSafe(char c) {
        return !Character.isLetterOrDigit(c) && c != '-' && c != '+' && c != '.' && c != ':'
                && c != '\n' && c != '\r';
    }

    /** The factory registered for CSV and TSV (the options carry the delimiter). */
    public static TableWriterFactory factory() {
        // CSV and TSV have no place for provenance inside the file; the manifest and the RO-Crate describe them.
        return (target, schema, options, provenance) -> new CsvTableWriter(target, schema, options);
    }

    @Override
    public void write(Object[] row) throws IOException {
        for (int i = 0; i < plain.length; i++) {
            if (i > 0) {
                append(delimiter);
            }
            Object v = row[i];
            if (v == null) {
                continue;
            }
            if (v instanceof String text) {
                // Source text or a prepared value: a source's text may hold anything, so it is always checked.
                appendField(text);
            } else if (plain[i]) {
                appendRaw(ValueText.format(v));
            } else {
                appendField(ValueText.format(v));
            }
        }
        append('\n');
        rows++;
        if (len >= FLUSH_AT) {
            flushBuffer();
        }
    }

    @Override
    public boolean takesSourceText() {
        return true;
    }

    @Override
    public boolean takesTextBatches() {
        return true;
    }

    /** The source's text copied range by range, checked for quoting as {@link #appendField(String)} checks it. */
    @Override
    public void writeText(TextBatch batch) throws IOException {
        char[] text = batch.text();
        int columns = plain.length;
        for (int r = 0; r < batch.rows(); r++) {
            for (int i = 0; i < columns; i++) {
                if (i > 0) {
                    append(delimiter);
                }
                int start = batch.start(r, i);
                if (start >= 0) {
                    appendField(text, start, batch.end(r, i) - start);
                }
            }
            append('\n');
            rows++;
            if (len >= FLUSH_AT) {
                flushBuffer();
            }
        }
    }

    /** The same text comes out whatever the column types: a revised provisional schema changes nothing here. */
    @Override
    public boolean dependsOnColumnTypes() {
        return false;
    }

    /** Turns every value into its canonical text, on the reader's thread. */
    @Override
    public void prepare(Object[] row) {
        for (int i = 0; i < plain.length; i++) {
            Object v = row[i];
            if (v != null && !(v instanceof String)) {
                row[i] = ValueText.format(v);
            }
        }
    }

    /**
     * A text field, quoted (with doubled quote characters) only if it holds the delimiter, quote or a line break.
     * The text is copied first and looked at in the buffer: one array copy and one comparison per character for most
     * text (every character above the highest of the four), instead of reading the String a character at a time.
     */
    private void appendField(String s) {
        int n = s.length();
        ensure(n);
        s.getChars(0, n, buf, len);
        if (!endPlainField(n)) {
            appendQuoted(s);
        }
    }

    /** As {@link #appendField(String)} for the text {@code a[off, off + n)}. */
    private void appendField(char[] a, int off, int n) {
        ensure(n);
        System.arraycopy(a, off, buf, len, n);
        if (!endPlainField(n)) {
            appendQuoted(java.nio.CharBuffer.wrap(a, off, n));
        }
    }

    /**
     * Keeps the field of {@code n} characters just copied to {@link #len} if it needs no quotes; false if it does,
     * leaving {@link #len} where it was for the caller to write it quoted over the copy.
     */
    private boolean endPlainField(int n) {
        char[] b = buf;
        int start = len;
        int end = start + n;
        char d = delimiter;
        char q = quote;
        for (int i = start; i < end; i++) {
            char c = b[i];
            if (c <= highestSpecial && (c == d || c == q || c == '\n' || c == '\r')) {
                return false;
            }
        }
        len = end;
        return true;
    }

    /** The field quoted, from {@link #len} (over whatever was copied there). */
    private void appendQuoted(CharSequence s) {
        int n = s.length();
        append(quote);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == quote) {
                append(quote);
            }
            append(c);
        }
        append(quote);
    }

    private void appendRaw(String s) {
        int n = s.length();
        ensure(n);
        s.getChars(0, n, buf, len);
        len += n;
    }

    private void append(char c) {
        ensure(1);
        buf[len++] = c;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    private void flushBuffer() throws IOException {
        try {
            out.write(buf, 0, len);
        } catch (CharacterCodingException e) {
            throw translate(e);
        }
        len = 0;
        rowsBeforeBuffer = rows;
        headerInBuffer = false;
        if (buf.length > 4 * FLUSH_AT) {
            buf = new char[FLUSH_AT + 1024];
        }
    }

    private IOException translate(IOException e) {
        String where = whereUnencodable();
        if (where != null) {
            return new ConversionException(target.getFileName() + ": " + where + ", which the encoding " + charsetName
                    + " cannot represent. Choose UTF-8, or another encoding that has it.", e);
        }
        return new ConversionException(target.getFileName() + ": a value contains a character that the encoding "
                + charsetName + " cannot represent. Choose UTF-8, or another encoding that has it.", e);
    }

    /**
     * Finds the first character in the buffer the encoding lacks and says where it is ("row 3, column 'name'
     * holds 'é' (U+00E9)"), following the quoting this writer produced; null if none is found. Runs only once
     * the encoder has failed, so writing pays nothing for it.
     */
    private String whereUnencodable() {
        java.nio.charset.CharsetEncoder encoder = charset.newEncoder();
        int bad = -1;
        int width = 1;
        for (int i = 0; i < len && bad < 0; i++) {
            char c = buf[i];
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(buf[i + 1])) {
                if (!encoder.canEncode(new String(buf, i, 2))) {
                    bad = i;
                    width = 2;
                }
                i++;
            } else if (!encoder.canEncode(c)) {
                bad = i;
            }
        }
        if (bad < 0) {
            return null;
        }
        boolean header = headerInBuffer;
        long row = rowsBeforeBuffer;
        int field = 0;
        boolean quoted = false;
        for (int j = 0; j < bad; j++) {
            char c = buf[j];
            if (quoted) {
                if (c == quote) {
                    if (j + 1 < bad && buf[j + 1] == quote) {
                        j++;
                    } else {
                        quoted = false;
                    }
                }
            } else if (c == quote) {
                quoted = true;
            } else if (c == delimiter) {
                field++;
            } else if (c == '\n') {
                if (header) {
                    header = false;
                } else {
                    row++;
                }
                field = 0;
            }
        }
        String column = field < names.size() ? names.get(field) : "#" + (field + 1);
        int cp = Character.codePointAt(buf, bad);
        String shown = new String(buf, bad, width) + "' (U+" + String.format(java.util.Locale.ROOT, "%04X", cp) + ")";
        return (header ? "the name of column '" + column + "'" : String.format(java.util.Locale.ROOT,
                "row %,d, column '%s'", row + 1, column)) + " holds '" + shown;
    }

    @Override
    public WriteSummary finish() throws IOException {
        flushBuffer();
        try {
            out.close();
        } catch (CharacterCodingException e) {
            throw translate(e);
        }
        return WriteSummary.ofRows(rows);
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            // abandoned output: the caller deletes it
        }
    }
}
