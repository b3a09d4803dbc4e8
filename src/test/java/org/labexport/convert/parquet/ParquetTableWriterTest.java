package org.labexport.convert.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.QuietLibraryLogs;
import org.labexport.convert.RoundTripFixture;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;

/** The row-group pipeline of {@link ParquetTableWriter}: order, row groups, abandoning, dictionary choice. */
@ExtendWith(QuietLibraryLogs.class)
class ParquetTableWriterTest {
    @TempDir
    Path dir;

    private static ExportOptions options(Map<String, String> raw) {
        return org.labexport.convert.binaryfixtures.EdgeTable.opts(ExportFormat.PARQUET, raw);
    }

    /** Writes the rows through a reused array, as the converter may. */
    private static long write(Path file, TableSchema schema, List<Object[]> rows, ExportOptions options, int encoders)
            throws IOException {
        try (TableWriter w = ParquetTableWriter.open(file, schema, options, encoders)) {
            Object[] reused = new Object[schema.size()];
            for (Object[] r : rows) {
                System.arraycopy(r, 0, reused, 0, r.length);
                w.write(reused);
                Arrays.fill(reused, "garbage left in the reused array");
            }
            return w.finish().rows();
        }
    }

    private static ParquetFileReader footer(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file));
    }

    @Test
    void footerEntriesAreInOneOrderSoTheSameTableIsTheSameFile() throws Exception {
        List<Object[]> rows = RoundTripFixture.rows().subList(0, 100);
        Path plain = dir.resolve("plain.parquet");
        write(plain, RoundTripFixture.SCHEMA, rows, options(Map.of()), 0);
        Path withProvenance = dir.resolve("provenance.parquet");
        try (TableWriter w = ParquetTableWriter.open(withProvenance, RoundTripFixture.SCHEMA, options(Map.of()),
                OutputProvenance.builder().put(OutputProvenance.SOURCE_FILE, "table.csv").build())) {
            for (Object[] r : rows) {
                w.write(r);
            }
            w.finish();
        }
        // Written in the file's bytes in this order in every JVM (an unordered map's order is per JVM run).
        String bytes = new String(Files.readAllBytes(plain), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes.indexOf("created_by_app")).isPositive().isLessThan(bytes.indexOf("writer.model.name"));
        bytes = new String(Files.readAllBytes(withProvenance), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(bytes.indexOf("created_by_app")).isPositive().isLessThan(bytes.indexOf("writer.model.name"));
        assertThat(bytes.indexOf("writer.model.name")).isLessThan(bytes.indexOf(OutputProvenance.SOURCE_FILE));
    }

    @ParameterizedTest(name = "{0} encoder threads, {1}")
    @CsvSource({"0,snappy", "1,zstd", "2,gzip", "1,uncompressed"})
    void manyRowGroupsReadBackInDuckDbInOrderWithEveryValue(int encoders, String codec) throws Exception {
        Path file = dir.resolve("many.parquet");
        List<Object[]> rows = RoundTripFixture.rows();
        long written = write(file, RoundTripFixture.SCHEMA, rows,
                options(Map.of("row_group_size", "7000", "compression", codec)), encoders);

        assertThat(written).isEqualTo(RoundTripFixture.ROWS);
        try (ParquetFileReader r = footer(file)) {
            assertThat(r.getFooter().getFileMetaData().getKeyValueMetaData().get("created_by_app"))
                    .startsWith("LabExport ");
            assertThat(r.getRowGroups()).extracting(BlockMetaData::getRowCount)
                    .containsExactly(7000L, 7000L, 7000L, 7000L, 7000L, 7000L, 7000L, 1010L);
            for (BlockMetaData b : r.getRowGroups()) {
                assertThat(b.getColumns()).extracting(ColumnChunkMetaData::getCodec)
                        .containsOnly(ParquetTableWriter.codec(codec));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            String from = "read_parquet('" + file + "', file_row_number=true)";
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT row_group_id) FROM parquet_metadata('"
                    + file + "')")) {
                rs.next();
                assertThat(rs.getLong(2)).isEqualTo(8);
            }
            try (ResultSet rs = st.executeQuery("SELECT file_row_number, gene_id, gene_name, pvalue, big, count,"
                    + " significant, CAST(sampled_on AS VARCHAR), epoch_us(measured_at), late_text, \"Größe µm\","
                    + " nothing FROM " + from + " ORDER BY file_row_number")) {
                int i = 0;
                while (rs.next()) {
                    Object[] want = rows.get(i);
                    String where = "row " + i;
                    assertThat(rs.getLong(1)).as(where).isEqualTo(i);
                    assertThat(rs.getString(2)).as(where).isEqualTo(want[0]);
                    assertThat(rs.getString(3)).as(where).isEqualTo(want[1]);
                    assertThat(nullableDouble(rs, 4)).as(where).isEqualTo(want[2]);
                    assertThat(nullableLong(rs, 5)).as(where).isEqualTo(want[3]);
                    assertThat(nullableLong(rs, 6)).as(where).isEqualTo(want[4]);
                    boolean b = rs.getBoolean(7);
                    assertThat(rs.wasNull() ? null : b).as(where).isEqualTo(want[5]);
                    assertThat(rs.getString(8)).as(where)
                            .isEqualTo(want[6] == null ? null : ((LocalDate) want[6]).toString());
                    assertThat(nullableLong(rs, 9)).as(where).isEqualTo(
                            want[7] == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, (Instant) want[7]));
                    assertThat(rs.getString(10)).as(where).isEqualTo(want[8]);
                    assertThat(nullableDouble(rs, 11)).as(where).isEqualTo(want[9]);
                    assertThat(rs.getString(12)).as(where).isNull();
                    i++;
                }
                assertThat(i).isEqualTo(RoundTripFixture.ROWS);
            }
        }
    }

    @Test
    void ourReaderGetsBackTheSameRowsFromManyRowGroups() throws IOException {
        Path file = dir.resolve("back.parquet");
        List<Object[]> rows = RoundTripFixture.rows();
        write(file, RoundTripFixture.SCHEMA, rows, options(Map.of("row_group_size", "4096")), 2);
        try (TableReader r = ParquetTableReader.open(file, null)) {
            Object[] row = new Object[RoundTripFixture.SCHEMA.size()];
            int i = 0;
            while (r.next(row)) {
                assertThat(row).as("row " + i).isEqualTo(rows.get(i));
                i++;
            }
            assertThat(i).isEqualTo(RoundTripFixture.ROWS);
        }
    }

    @Test
    void aTableWithNoRowsIsAValidEmptyFile() throws Exception {
        Path file = dir.resolve("empty.parquet");
        assertThat(write(file, RoundTripFixture.SCHEMA, List.of(), options(Map.of()), 1)).isZero();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + file + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void rowGroupClosesEarlyWhenItsBufferedValuesReachTheByteLimit() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("n", ColumnType.LONG),
                new Column("text", ColumnType.STRING)));
        String big = "x".repeat(200_000);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(new Object[] {(long) i, big});
        }
        Path file = dir.resolve("wide.parquet");
        write(file, schema, rows, options(Map.of()), 1);
        long perGroup = ParquetTableWriter.ROW_GROUP_BYTES / 200_000 + 1;
        try (ParquetFileReader r = footer(file)) {
            assertThat(r.getRowGroups()).hasSizeGreaterThan(1);
            assertThat(r.getRowGroups()).allSatisfy(b -> assertThat(b.getRowCount()).isLessThanOrEqualTo(perGroup));
            assertThat(r.getRowGroups().stream().mapToLong(BlockMetaData::getRowCount).sum()).isEqualTo(300);
        }
    }

    @Test
    void aTableOfThousandsOfColumnsIsWrittenWhole() throws Exception {
        List<Column> cols = new ArrayList<>();
        for (int c = 0; c < 3000; c++) {
            cols.add(new Column("c" + c, c % 2 == 0 ? ColumnType.DOUBLE : ColumnType.STRING));
        }
        TableSchema schema = new TableSchema(cols);
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < 40; r++) {
            Object[] row = new Object[cols.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = c % 2 == 0 ? (Object) (r * 1000.0 + c) : (r + "/" + c);
            }
            rows.add(row);
        }
        Path file = dir.resolve("wide-columns.parquet");
        write(file, schema, rows, options(Map.of()), 1);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), sum(c2998), max(c2999) FROM read_parquet('" + file
                     + "')")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(40);
            assertThat(rs.getDouble(2)).isEqualTo(1000.0 * (39 * 40 / 2) + 2998 * 40);
            assertThat(rs.getString(3)).isEqualTo("9/2999");
        }
    }

    @Test
    void closeWithoutFinishStopsTheEncodersAndLeavesNothingButTheIncompleteTarget() throws Exception {
        Path file = dir.resolve("abandoned.parquet");
        TableWriter w = ParquetTableWriter.open(file, RoundTripFixture.SCHEMA,
                options(Map.of("row_group_size", "1000")), 2);
        for (int i = 0; i < 9_500; i++) {
            w.write(RoundTripFixture.row(i));
        }
        w.close();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("abandoned.parquet");
        }
        assertThatThrownBy(() -> footer(file).close()).isInstanceOf(RuntimeException.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> encoderThreads().isEmpty());
        w.close(); // a second close is harmless
    }

    @Test
    void aFailingRowNamesTheRowAndCloseStillCleansUp() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("day", ColumnType.DATE)));
        Path file = dir.resolve("bad.parquet");
        TableWriter w = ParquetTableWriter.open(file, schema, options(Map.of("row_group_size", "10")), 1);
        for (int i = 0; i < 25; i++) {
            w.write(new Object[] {LocalDate.of(2020, 1, 1).plusDays(i)});
        }
        assertThatThrownBy(() -> w.write(new Object[] {LocalDate.MAX}))
                .isInstanceOf(ConversionException.class).hasMessageContaining("bad.parquet").hasMessageContaining("row 26");
        w.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> encoderThreads().isEmpty());
    }

    private static Set<String> encoderThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("parquet-encode-")).collect(Collectors.toSet());
    }

    private static final TableSchema MIXED = new TableSchema(List.of(
            new Column("condition", ColumnType.STRING), new Column("replicate", ColumnType.LONG),
            new Column("intensity", ColumnType.DOUBLE), new Column("log2.FC", ColumnType.DOUBLE),
            new Column("probe_id", ColumnType.STRING), new Column("day", ColumnType.DATE)));

    private static List<Object[]> mixedRows(int n) {
        SplittableRandom random = new SplittableRandom(7);
        String[] conditions = {"control", "treated", "knockdown"};
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {conditions[i % 3], (long) (i % 4), random.nextDouble() * 1000,
                i % 10 == 0 ? null : random.nextGaussian(), "PROBE-" + i, LocalDate.of(2024, 1, 1).plusDays(i % 5)});
        }
        return rows;
    }

    private static boolean dictionaryEncoded(ColumnChunkMetaData c) {
        return c.hasDictionaryPage() || c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                || c.getEncodings().contains(Encoding.RLE_DICTIONARY);
    }

    @Test
    void repeatedValuesKeepTheirDictionaryAndNearlyUniqueValuesSkipIt() throws IOException {
        Path file = dir.resolve("mixed.parquet");
        write(file, MIXED, mixedRows(60_000), options(Map.of("row_group_size", "25000")), 1);
        try (ParquetFileReader r = footer(file)) {
            assertThat(r.getRowGroups()).hasSize(3);
            for (BlockMetaData b : r.getRowGroups()) {
                List<ColumnChunkMetaData> cols = b.getColumns();
                assertThat(cols.get(0).getPath().toDotString()).isEqualTo("condition");
                assertThat(dictionaryEncoded(cols.get(0))).as("condition").isTrue();
                assertThat(dictionaryEncoded(cols.get(1))).as("replicate").isTrue();
                assertThat(dictionaryEncoded(cols.get(2))).as("intensity").isFalse();
                assertThat(dictionaryEncoded(cols.get(3))).as("log2.FC (a dotted name)").isFalse();
                assertThat(dictionaryEncoded(cols.get(4))).as("probe_id").isFalse();
                assertThat(dictionaryEncoded(cols.get(5))).as("day").isTrue();
            }
        }
    }

    @Test
    void useDictionaryFalseKeepsEveryColumnOffTheDictionary() throws IOException {
        Path file = dir.resolve("plain.parquet");
        write(file, MIXED, mixedRows(30_000), options(Map.of("use_dictionary", "false")), 1);
        try (ParquetFileReader r = footer(file)) {
            for (ColumnChunkMetaData c : r.getRowGroups().get(0).getColumns()) {
                assertThat(dictionaryEncoded(c)).as(c.getPath().toDotString()).isFalse();
            }
        }
    }

    @Test
    void aSmallFirstRowGroupLeavesTheChoiceToParquetPerChunk() throws IOException {
        Path file = dir.resolve("small.parquet");
        write(file, MIXED, mixedRows(900), options(Map.of()), 1);
        try (ParquetFileReader r = footer(file)) {
            List<ColumnChunkMetaData> cols = r.getRowGroups().get(0).getColumns();
            assertThat(dictionaryEncoded(cols.get(0))).as("condition").isTrue();
            assertThat(cols.get(0).getCodec()).isEqualTo(CompressionCodecName.SNAPPY);
        }
    }

    @Test
    void theChoiceIsMadeFromTheFirstRowGroupsValues() {
        RowGroupBuffer first = new RowGroupBuffer(MIXED, 25_000);
        for (Object[] r : mixedRows(25_000)) {
            first.add(r);
        }
        assertThat(DictionaryChoice.plainColumns(MIXED, first)).containsExactlyInAnyOrder("intensity", "log2.FC",
                "probe_id");
    }

    private static final TableSchema EVERY_TYPE = new TableSchema(List.of(
            new Column("gene", ColumnType.STRING), new Column("count", ColumnType.LONG),
            new Column("score", ColumnType.DOUBLE), new Column("hit", ColumnType.BOOLEAN),
            new Column("day", ColumnType.DATE), new Column("at", ColumnType.TIMESTAMP)));

    private static List<Object[]> everyTypeRows(int n, String longText) {
        SplittableRandom random = new SplittableRandom(11);
        List<Object[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {
                i % 13 == 0 ? null : (longText != null ? longText : "G" + i + (i % 7 == 0 ? "-Grüße" : "")),
                i % 11 == 0 ? null : (long) random.nextInt(),
                i % 5 == 0 ? null : (i % 17 == 0 ? Double.NaN : random.nextGaussian()),
                i % 9 == 0 ? null : i % 2 == 0,
                i % 6 == 0 ? null : LocalDate.of(2024, 1, 1).plusDays(i % 400),
                i % 8 == 0 ? null : Instant.parse("2024-01-02T03:04:05.123456Z").plusSeconds(i)});
        }
        return rows;
    }

    /** The same rows as column batches of {@code batchRows} rows each. */
    private static long writeColumns(Path file, TableSchema schema, List<Object[]> rows, ExportOptions options,
                                     int batchRows) throws IOException {
        ColumnType[] types = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
        try (TableWriter w = ParquetTableWriter.open(file, schema, options, 0)) {
            assertThat(w.takesColumns()).isTrue();
            for (int from = 0; from < rows.size(); from += batchRows) {
                int n = Math.min(batchRows, rows.size() - from);
                org.labexport.convert.ColumnBatch batch = new org.labexport.convert.ColumnBatch(types, batchRows);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < types.length; c++) {
                        batch.set(c, r, rows.get(from + r)[c]);
                    }
                }
                batch.setRows(n);
                w.writeColumns(batch);
            }
            return w.finish().rows();
        }
    }

    @ParameterizedTest(name = "batches of {0} rows, row groups of {1}")
    @CsvSource({"2048, 25000", "1000, 25000", "7, 1000", "30000, 25000"})
    void columnBatchesWriteTheSameFileAsRows(int batchRows, int rowGroupRows) throws IOException {
        List<Object[]> rows = everyTypeRows(60_000, null);
        ExportOptions opts = options(Map.of("row_group_size", String.valueOf(rowGroupRows)));
        Path byRows = dir.resolve("rows.parquet");
        Path byColumns = dir.resolve("columns.parquet");
        write(byRows, EVERY_TYPE, rows, opts, 0);
        assertThat(writeColumns(byColumns, EVERY_TYPE, rows, opts, batchRows)).isEqualTo(60_000);
        assertThat(Files.readAllBytes(byColumns)).isEqualTo(Files.readAllBytes(byRows));
    }

    @Test
    void columnBatchesCloseARowGroupAtTheSameRowWhenTextFillsIt() throws IOException {
        // 10,000-character values: about 24 MB of text closes a row group after some 2,400 rows, inside a batch.
        List<Object[]> rows = everyTypeRows(6_000, "x".repeat(10_000));
        Path byRows = dir.resolve("rows.parquet");
        Path byColumns = dir.resolve("columns.parquet");
        write(byRows, EVERY_TYPE, rows, options(Map.of()), 0);
        writeColumns(byColumns, EVERY_TYPE, rows, options(Map.of()), 2048);
        try (ParquetFileReader r = footer(byColumns)) {
            assertThat(r.getRowGroups().size()).isGreaterThan(1);
        }
        assertThat(Files.readAllBytes(byColumns)).isEqualTo(Files.readAllBytes(byRows));
    }

    @Test
    void aDateParquetCannotHoldFailsByRowInColumnBatchesToo() {
        List<Object[]> rows = everyTypeRows(3_000, null);
        rows.get(2_500)[4] = LocalDate.MAX.minusDays(1); // beyond 32-bit days since 1970
        assertBothPathsFailNaming(rows, "row 2501 holds a date or timestamp outside the range");
        // An earlier bad value in a later column is the one named, as row by row.
        rows.get(2_100)[5] = Instant.MAX;
        assertBothPathsFailNaming(rows, "row 2101 holds a date or timestamp outside the range");
    }

    @Test
    void aColumnBatchOfAnotherShapeIsRefused() throws IOException {
        try (TableWriter w = ParquetTableWriter.open(dir.resolve("shape.parquet"), EVERY_TYPE, options(Map.of()), 0)) {
            ColumnType[] swapped = {ColumnType.LONG, ColumnType.STRING, ColumnType.DOUBLE, ColumnType.BOOLEAN,
                ColumnType.DATE, ColumnType.TIMESTAMP};
            assertThatThrownBy(() -> w.writeColumns(new org.labexport.convert.ColumnBatch(swapped, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Batch column 0 is LONG, schema says STRING");
            assertThatThrownBy(() -> w.writeColumns(
                    new org.labexport.convert.ColumnBatch(new ColumnType[] {ColumnType.STRING}, 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Batch has 1 columns, schema has 6");
        }
    }

    private void assertBothPathsFailNaming(List<Object[]> rows, String message) {
        assertThatThrownBy(() -> writeColumns(dir.resolve("bad.parquet"), EVERY_TYPE, rows, options(Map.of()), 2048))
                .isInstanceOf(ConversionException.class).hasMessageContaining(message);
        assertThatThrownBy(() -> write(dir.resolve("bad-rows.parquet"), EVERY_TYPE, rows, options(Map.of()), 0))
                .isInstanceOf(ConversionException.class).hasMessageContaining(message);
    }

    @Test
    void aDictionaryMustSaveAQuarterOfThePlainBytes() {
        TableSchema schema = new TableSchema(List.of(new org.labexport.convert.Column("padj", ColumnType.DOUBLE)));
        // Two values in three distinct (like adjusted p-values): smaller as a dictionary, but not by a quarter.
        RowGroupBuffer mostlyDistinct = new RowGroupBuffer(schema, 20_000);
        // One in eight distinct: well worth it.
        RowGroupBuffer repeating = new RowGroupBuffer(schema, 20_000);
        for (int i = 0; i < 20_000; i++) {
            mostlyDistinct.add(new Object[] {(double) (i % 3 == 2 ? i - 1 : i)});
            repeating.add(new Object[] {(double) (i % 2_500)});
        }
        assertThat(DictionaryChoice.worthADictionary(ColumnType.DOUBLE, mostlyDistinct.column(0), 20_000)).isFalse();
        assertThat(DictionaryChoice.worthADictionary(ColumnType.DOUBLE, repeating.column(0), 20_000)).isTrue();
    }

    @Test
    void onlyTheChosenColumnsGoThroughDictionaryWritersEvenWithADotInTheName() {
        MessageType schema = ParquetSchemas.toParquet(MIXED);
        ParquetTableWriter.EncodingPlan plan = ParquetTableWriter.EncodingPlan.of(schema,
                Set.of("condition", "log2.FC", "day"));
        assertThat(plan.dictionarySchema().getColumns()).extracting(d -> d.getPath()[0])
                .containsExactly("condition", "log2.FC", "day");
        assertThat(plan.dictionaryColumns()).containsExactly(0, 3, 5);
        assertThat(plan.plainColumns()).containsExactly(1, 2, 4);
        ParquetTableWriter.EncodingPlan none = ParquetTableWriter.EncodingPlan.of(schema, Set.of());
        assertThat(none.dictionarySchema()).isNull();
        assertThat(none.plainColumns()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void theChoiceFromTheFirstRowGroupHoldsForTheLaterOnes() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("value", ColumnType.DOUBLE)));
        List<Object[]> rows = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Object[] {random.nextDouble()});
        }
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Object[] {(double) (i % 3)});
        }
        Path file = dir.resolve("later.parquet");
        write(file, schema, rows, options(Map.of("row_group_size", "20000")), 0);
        try (ParquetFileReader r = footer(file)) {
            assertThat(r.getRowGroups()).hasSize(2);
            assertThat(dictionaryEncoded(r.getRowGroups().get(0).getColumns().get(0))).isFalse();
            assertThat(dictionaryEncoded(r.getRowGroups().get(1).getColumns().get(0))).isFalse();
        }
    }

    private static Double nullableDouble(ResultSet rs, int col) throws Exception {
        double d = rs.getDouble(col);
        return rs.wasNull() ? null : d;
    }

    private static Long nullableLong(ResultSet rs, int col) throws Exception {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }
}
