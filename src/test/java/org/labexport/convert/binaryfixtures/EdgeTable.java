package org.labexport.convert.binaryfixtures;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.WriteSummary;

/** A small table holding every edge value the binary formats must keep, and helpers to write and read tables. */
public final class EdgeTable {
    public static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("gene_id", ColumnType.STRING),
            new Column("count", ColumnType.LONG),
            new Column("value", ColumnType.DOUBLE),
            new Column("significant", ColumnType.BOOLEAN),
            new Column("sampled_on", ColumnType.DATE),
            new Column("measured_at", ColumnType.TIMESTAMP),
            new Column("Größe µm", ColumnType.DOUBLE)));

    private EdgeTable() {
    }

    /** The rows; every column has a null somewhere. */
    public static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"0001234", 1234567890123456789L, 1e-300, true, LocalDate.of(2024, 2, 29),
                Instant.parse("2024-03-10T12:34:56.123456Z"), 1.5});
        rows.add(new Object[] {"MARCH1", Long.MAX_VALUE, 5e-324, false, LocalDate.of(1970, 1, 1),
                Instant.parse("1970-01-01T00:00:00Z"), -0.0});
        rows.add(new Object[] {"SEPT2", Long.MIN_VALUE, -0.0, Boolean.TRUE, LocalDate.of(1999, 12, 31),
                Instant.parse("1999-12-31T23:59:59.999Z"), Double.NaN});
        rows.add(new Object[] {"Ünïcødé 日本 \"q\", x", -9007199254740993L, Double.POSITIVE_INFINITY, null,
                LocalDate.of(2100, 1, 1), Instant.parse("2038-01-19T03:14:08Z"), 2.0});
        rows.add(new Object[] {"1e5", 9007199254740993L, Double.NEGATIVE_INFINITY, false, null, null, null});
        rows.add(new Object[] {null, null, Double.NaN, true, LocalDate.of(2000, 6, 15),
                Instant.parse("2000-06-15T00:00:00Z"), 1e308});
        rows.add(new Object[] {"TRUE", 0L, null, false, LocalDate.of(1900, 3, 1),
                Instant.parse("2024-11-25T19:30:00.000001Z"), Double.MIN_NORMAL});
        rows.add(new Object[] {"  padded  ", 42L, 0.1 + 0.2, null, LocalDate.of(2024, 1, 1),
                Instant.parse("2024-01-01T00:00:00.5Z"), 123456.789});
        return rows;
    }

    /** Writes rows through a factory and returns the summary. */
    public static WriteSummary write(TableWriterFactory factory, Path target, TableSchema schema, List<Object[]> rows,
                                     ExportOptions options) throws IOException {
        try (TableWriter w = factory.open(target, schema, options)) {
            for (Object[] row : rows) {
                w.write(row.clone());
            }
            return w.finish();
        }
    }

    /** Reads every row of a reader. */
    public static List<Object[]> readAll(TableReader reader) throws IOException {
        List<Object[]> out = new ArrayList<>();
        Object[] row = new Object[reader.schema().size()];
        while (reader.next(row)) {
            out.add(row.clone());
        }
        return out;
    }

    /** Row values as comparable text: doubles by their bits (so -0.0 and NaN compare exactly), others as is. */
    public static List<List<String>> canonical(List<Object[]> rows) {
        List<List<String>> out = new ArrayList<>();
        for (Object[] row : rows) {
            List<String> r = new ArrayList<>();
            for (Object v : row) {
                if (v == null) {
                    r.add("null");
                } else if (v instanceof Double d) {
                    r.add("Double:" + d + ":" + Long.toHexString(Double.doubleToLongBits(d)));
                } else {
                    r.add(v.getClass().getSimpleName() + ":" + v);
                }
            }
            out.add(r);
        }
        return out;
    }

    /** Parses options that the test knows are valid. */
    public static ExportOptions opts(org.labexport.convert.ExportFormat format, java.util.Map<String, String> raw) {
        try {
            return ExportOptions.parse(format, raw);
        } catch (org.labexport.convert.OptionException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static String show(Object[] row) {
        return Arrays.toString(row);
    }
}
