package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labexport.convert.engine.FormatRegistry;

/** DuckDB, an independent reader, reads the CSV, TSV, JSON and Parquet that LabExport writes with the right values. */
@org.junit.jupiter.api.extension.ExtendWith(QuietLibraryLogs.class)
class DuckDbReadsOurOutputsTest {
    private static final int ROWS = 300;
    private static final String COLUMNS = "{'gene_id':'VARCHAR','gene_name':'VARCHAR','pvalue':'DOUBLE','big':'BIGINT',"
            + "'count':'BIGINT','significant':'BOOLEAN','sampled_on':'DATE','measured_at':'TIMESTAMP',"
            + "'late_text':'VARCHAR','Größe µm':'DOUBLE','nothing':'VARCHAR'}";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "csv|{}|read_csv('%s', header=true, columns=" + COLUMNS + ")",
            "tsv|{}|read_csv('%s', header=true, delim='\t', columns=" + COLUMNS + ")",
            "json|{}|read_json('%s', format='array', columns=" + COLUMNS + ")",
            "json|{\"lines\":\"true\"}|read_json('%s', format='newline_delimited', columns=" + COLUMNS + ")",
            "parquet|{}|read_parquet('%s')"})
    void duckDbReadsTheValuesWeWrote(String format, String optionsJson, String readExpression) throws Exception {
        ExportFormat f = ExportFormat.fromWireName(format).orElseThrow();
        if (FormatRegistry.writer(f).isEmpty()) {
            throw new org.opentest4j.TestAbortedException(format + " writer not registered");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> opts = new com.fasterxml.jackson.databind.ObjectMapper().readValue(optionsJson, Map.class);
        Path file = dir.resolve("out." + f.extension());
        List<Object[]> rows = RoundTripFixture.rows().subList(0, ROWS);
        try (TableWriter w = FormatRegistry.writer(f).orElseThrow().open(file, RoundTripFixture.SCHEMA,
                ExportOptions.parse(f, opts))) {
            for (Object[] r : rows) {
                w.write(r.clone());
            }
            w.finish();
        }
        String from = String.format(readExpression, file.toString().replace("'", "''"));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT gene_id, gene_name, pvalue, big, count, significant, "
                     + "CAST(sampled_on AS VARCHAR), epoch_us(measured_at), late_text, \"Größe µm\", nothing FROM "
                     + from)) {
            int i = 0;
            while (rs.next()) {
                Object[] want = rows.get(i);
                String where = format + " row " + i;
                assertThat(rs.getString(1)).as(where).isEqualTo(want[0]);
                assertThat(rs.getString(2)).as(where).isEqualTo(want[1]);
                assertDouble(rs, 3, (Double) want[2], where);
                assertLong(rs, 4, (Long) want[3], where);
                assertLong(rs, 5, (Long) want[4], where);
                boolean b = rs.getBoolean(6);
                assertThat(rs.wasNull() ? null : b).as(where).isEqualTo(want[5]);
                assertThat(rs.getString(7)).as(where).isEqualTo(want[6] == null ? null : ((LocalDate) want[6]).toString());
                Long micros = want[7] == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) want[7]);
                assertLong(rs, 8, micros, where);
                assertThat(rs.getString(9)).as(where).isEqualTo(want[8]);
                assertDouble(rs, 10, (Double) want[9], where);
                assertThat(rs.getString(11)).as(where).isNull();
                i++;
            }
            assertThat(i).isEqualTo(ROWS);
        }
    }

    private static void assertDouble(ResultSet rs, int col, Double want, String where) throws Exception {
        double d = rs.getDouble(col);
        Double got = rs.wasNull() ? null : d;
        assertThat(got).as(where + " column " + col).isEqualTo(want);
    }

    private static void assertLong(ResultSet rs, int col, Long want, String where) throws Exception {
        long v = rs.getLong(col);
        assertThat(rs.wasNull() ? null : v).as(where + " column " + col).isEqualTo(want);
    }
}
