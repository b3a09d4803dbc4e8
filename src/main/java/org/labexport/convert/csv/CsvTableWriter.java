package org.labexport.convert.csv;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.RowPreparer;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
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
    /** Per column: whether its canonical text can never need quoting (numbers, booleans, dates...). */
    private final boolean[] plain;
    private final String charsetName;
    private char[] buf = new char[FLUSH_AT + 1024];
    private int len;
    private long rows;

    private CsvTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.target = target;
        Charset charset = options.charset("encoding");
        this.charsetName = charset.name();
        this.delimiter = options.character("delimiter");
        this.quote = options.character("quote_char");
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
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
                List<String> names = schema.names();
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
        return CsvTableWriter::new;
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

    /** A text field, quoted (with doubled quote characters) only if it holds the delimiter, quote or a line break. */
    private void appendField(String s) {
        int n = s.length();
        boolean needsQuotes = false;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == delimiter || c == quote || c == '\n' || c == '\r') {
                needsQuotes = true;
                break;
            }
        }
        if (!needsQuotes) {
            appendRaw(s);
            return;
        }
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
        if (buf.length > 4 * FLUSH_AT) {
            buf = new char[FLUSH_AT + 1024];
        }
    }

    private IOException translate(IOException e) {
        return new ConversionException(target.getFileName() + ": a value contains a character that the encoding "
                + charsetName + " cannot hold; choose UTF-8.", e);
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
