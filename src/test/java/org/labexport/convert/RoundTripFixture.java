package org.labexport.convert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The round-trip fixture: a table holding every edge value the formats must keep, 50,010 rows long. */
public final class RoundTripFixture {
    /** Rows before the only text value of {@code late_text}. */
    public static final int NUMBERS_BEFORE_TEXT = 50_000;
    public static final int ROWS = NUMBERS_BEFORE_TEXT + 10;

    public static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("gene_id", ColumnType.STRING),
            new Column("gene_name", ColumnType.STRING),
            new Column("pvalue", ColumnType.DOUBLE),
            new Column("big", ColumnType.LONG),
            new Column("count", ColumnType.LONG),
            new Column("significant", ColumnType.BOOLEAN),
            new Column("sampled_on", ColumnType.DATE),
            new Column("measured_at", ColumnType.TIMESTAMP),
            new Column("late_text", ColumnType.STRING),
            new Column("Größe µm", ColumnType.DOUBLE),
            new Column("nothing", ColumnType.STRING)));

    private static final String[] NAMES = {"MARCH1", "SEPT2", "Grüße", "日本語 テキスト", "TP53", "a,\"quoted\" name",
            "x\ty", "MT-CO1"};
    private static final Double[] DOUBLES = {1e-300, Double.MIN_VALUE, -0.0, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN, 0.1, null, 0.30000000000000004, Double.MAX_VALUE, 1.0, 2.5e-8,
            -1234.5678, Double.MIN_NORMAL};
    private static final Long[] LONGS = {1234567890123456789L, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, null,
            9007199254740993L, 42L};

    private RoundTripFixture() {
    }

    public static Object[] row(int i) {
        return new Object[]{
                i % 13 == 12 ? null : String.format("%07d", i),
                NAMES[i % NAMES.length],
                DOUBLES[i % DOUBLES.length],
                LONGS[i % LONGS.length],
                (long) i - 100,
                i % 3 == 0 ? Boolean.TRUE : i % 3 == 1 ? Boolean.FALSE : null,
                i % 7 == 6 ? null : LocalDate.of(2000, 1, 1).plusDays(i % 20_000),
                i % 11 == 10 ? null : Instant.ofEpochSecond(1_700_000_000L + i * 37L, (i % 1000) * 1000L),
                i < NUMBERS_BEFORE_TEXT ? Integer.toString(i) : (i == NUMBERS_BEFORE_TEXT + 5 ? "late text" : null),
                i % 5 == 4 ? null : i / 7.0,
                null};
    }

    public static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    /**
     * The same table as CSV text as a researcher's tools might write it: booleans in mixed case, other spellings of
     * the same doubles ({@code 1e-300}, {@code inf}, {@code 5e-324}), {@code NA} for missing values.
     */
    public static String handWrittenCsv() {
        StringBuilder sb = new StringBuilder();
        List<String> names = SCHEMA.names();
        for (int c = 0; c < names.size(); c++) {
            sb.append(c > 0 ? "," : "").append(names.get(c));
        }
        sb.append('\n');
        for (int i = 0; i < ROWS; i++) {
            Object[] row = row(i);
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(handText(row[c], i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String handText(Object v, int i) {
        if (v == null) {
            return i % 2 == 0 ? "NA" : "";
        }
        if (v instanceof Boolean b) {
            return i % 2 == 0 ? (b ? "TRUE" : "FALSE") : (b ? "True" : "false");
        }
        if (v instanceof Double d) {
            if (d == 1e-300) {
                return "1e-300";
            }
            if (d == Double.MIN_VALUE) {
                return "5e-324";
            }
            if (d.isInfinite()) {
                return d > 0 ? "inf" : "-Infinity";
            }
            if (d.isNaN()) {
                return "nan";
            }
        }
        if (v instanceof Instant t && i % 2 == 0) {
            return t.toString().replace('T', ' ').replace("Z", "+00:00");
        }
        String s = ValueText.format(v);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
