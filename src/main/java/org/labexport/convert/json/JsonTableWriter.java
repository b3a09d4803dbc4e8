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
 * {@code null}. Longs and finite doubles are JSON numbers (doubles in their shortest exact text); JSON has no NaN or
 * infinity, so those are the strings {@code "NaN"}, {@code "Inf"}, {@code "-Inf"}; dates and timestamps are ISO strings.
 */
public final class JsonTableWriter implements TableWriter, RowPreparer {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator gen;
    /** Field names encoded once, not escaped again for every record. */
    private final SerializedString[] names;
    private final boolean lines;
    /** Per column: DOUBLE, whose prepared text is a JSON number unless it is NaN/Inf/-Inf. */
    private final boolean[] doubles;
    private long rows;

    private JsonTableWriter(Path target, TableSchema schema, ExportOptions options) throws IOException {
        this.lines = options.bool("lines");
        this.doubles = new boolean[schema.size()];
        for (int i = 0; i < doubles.length; i++) {
            doubles[i] = schema.column(i).type() == ColumnType.DOUBLE;
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
                if (doubles[i] && !isSpecial(s)) {
                    gen.writeNumber(s);
                } else {
                    gen.writeString(s);
                }
            } else if (v instanceof Boolean b) {
                gen.writeBoolean(b);
            } else {
                gen.writeString(ValueText.format(v));
            }
        }
        gen.writeEndObject();
        rows++;
    }

    /** Doubles, dates and timestamps become their text on the reader's thread. */
    @Override
    public void prepare(Object[] row) {
        for (int i = 0; i < doubles.length; i++) {
            Object v = row[i];
            if (v instanceof Double || v instanceof java.time.LocalDate || v instanceof java.time.Instant) {
                row[i] = ValueText.format(v);
            }
        }
    }

    private static boolean isSpecial(String s) {
        return s.equals(ValueText.NAN) || s.equals(ValueText.INF) || s.equals(ValueText.NEG_INF);
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
