package org.labexport.convert.csv;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * Writes CSV or TSV: values in their canonical text ({@link ValueText#format}), nulls as empty fields, fields quoted
 * only when they contain the delimiter, the quote character or a line break, lines ending in LF. A character the
 * chosen {@code encoding} cannot hold fails the file instead of becoming '?'. The {@code bom} option writes U+FEFF
 * first for the Unicode encodings and is ignored for others.
 */
public final class CsvTableWriter implements TableWriter {
    private final Path target;
    private final CsvWriter csv;
    private final String[] fields;
    private final String charsetName;
    private long rows;

    private CsvTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.target = target;
        Charset charset = options.charset("encoding");
        this.charsetName = charset.name();
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
        OutputStreamWriter writer = new OutputStreamWriter(out, charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
        boolean ok = false;
        try {
            if (options.bool("bom") && charsetName.toUpperCase(java.util.Locale.ROOT).startsWith("UTF")) {
                writer.write('\uFEFF');
            }
            this.csv = CsvWriter.builder()
                    .fieldSeparator(options.character("delimiter"))
                    .quoteCharacter(options.character("quote_char"))
                    .quoteStrategy(QuoteStrategies.REQUIRED)
                    .lineDelimiter(LineDelimiter.LF)
                    .bufferSize(1 << 16)
                    .build(writer);
            this.fields = new String[schema.size()];
            if (options.bool("include_header")) {
                csv.writeRecord(schema.names().toArray(new String[0]));
            }
            ok = true;
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } finally {
            if (!ok) {
                writer.close();
            }
        }
    }

    /** The factory registered for CSV and TSV (the options carry the delimiter). */
    public static TableWriterFactory factory() {
        return CsvTableWriter::new;
    }

    @Override
    public void write(Object[] row) throws IOException {
        String[] f = fields;
        for (int i = 0; i < f.length; i++) {
            Object v = row[i];
            f[i] = v == null ? "" : ValueText.format(v);
        }
        try {
            csv.writeRecord(f);
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        }
        rows++;
    }

    private IOException translate(IOException e) {
        if (e instanceof CharacterCodingException) {
            return new ConversionException(target.getFileName() + ": a value contains a character that the encoding "
                    + charsetName + " cannot hold; choose UTF-8.", e);
        }
        return e;
    }

    @Override
    public WriteSummary finish() throws IOException {
        try {
            csv.close();
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } catch (CharacterCodingException e) {
            throw translate(e);
        }
        return WriteSummary.ofRows(rows);
    }

    @Override
    public void close() throws IOException {
        try {
            csv.close();
        } catch (IOException | UncheckedIOException e) {
            // abandoned output: the caller deletes it
        }
    }
}
