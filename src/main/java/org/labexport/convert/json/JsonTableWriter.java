package org.labexport.convert.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * Writes a table as UTF-8 JSON: an array with one object per line ({@code lines=false}) or one object per line
 * with nothing around them ({@code lines=true}, newline-delimited JSON). Every record has every key, nulls as
 * {@code null}. Longs and finite doubles are JSON numbers (doubles in their shortest exact text); JSON has no NaN or
 * infinity, so those are the strings {@code "NaN"}, {@code "Inf"}, {@code "-Inf"}; dates and timestamps are ISO strings.
 */
public final class JsonTableWriter implements TableWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator gen;
    private final String[] names;
    private final boolean lines;
    private long rows;

    private JsonTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.lines = options.bool("lines");
        this.names = schema.names().toArray(new String[0]);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
        this.gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        gen.setRootValueSeparator(null);
        if (!lines) {
            gen.writeRaw('[');
        }
    }

    /** The factory registered for JSON. */
    public static TableWriterFactory factory() {
        return JsonTableWriter::new;
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
                gen.writeString(s);
            } else if (v instanceof Boolean b) {
                gen.writeBoolean(b);
            } else {
                gen.writeString(ValueText.format(v));
            }
        }
        gen.writeEndObject();
        rows++;
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
