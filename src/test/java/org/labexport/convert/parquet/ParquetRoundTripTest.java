package org.labexport.convert.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

class ParquetRoundTripTest {
    @TempDir
    Path dir;

    private Path writeEdgeTable(Map<String, String> options) throws IOException {
        Path file = dir.resolve("edge.parquet");
        EdgeTable.write(FormatRegistry.writer(ExportFormat.PARQUET).orElseThrow(), file, EdgeTable.SCHEMA,
                EdgeTable.rows(), EdgeTable.opts(ExportFormat.PARQUET, options));
        return file;
    }

    private static TableReader open(Path file) throws IOException {
        return FormatRegistry.reader(SourceFormat.PARQUET).orElseThrow()
                .open(file, null, ReadSettings.defaults(null));
    }

    @Test
    void roundTripKeepsEveryEdgeValueTypeAndColumnName() throws IOException {
        Path file = writeEdgeTable(Map.of());
        assertThat(SourceFormat.detect(file)).isEqualTo(SourceFormat.PARQUET);
        assertThat(FormatRegistry.reader(SourceFormat.PARQUET).orElseThrow()
                .tables(file, ReadSettings.defaults(null))).containsExactly((String) null);
        try (TableReader reader = open(file)) {
            assertThat(reader.schema()).isEqualTo(EdgeTable.SCHEMA);
            List<Object[]> back = EdgeTable.readAll(reader);
            assertThat(EdgeTable.canonical(back)).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
            assertThat(reader.bytesConsumed()).isEqualTo(reader.bytesTotal()).isEqualTo(Files.size(file));
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).containsExactly("edge.parquet");
    }

    @Test
    void duckDbReadsOurFileWithTheRightColumnTypesAndValues() throws Exception {
        Path file = writeEdgeTable(Map.of());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            Map<String, String> types = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
            assertThat(types).containsExactly(Map.entry("gene_id", "VARCHAR"), Map.entry("count", "BIGINT"),
                    Map.entry("value", "DOUBLE"), Map.entry("significant", "BOOLEAN"),
                    Map.entry("sampled_on", "DATE"), Map.entry("measured_at", "TIMESTAMP WITH TIME ZONE"),
                    Map.entry("Größe µm", "DOUBLE"));
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT gene_id, count, value, significant, sampled_on::VARCHAR,"
                    + " epoch_us(measured_at), \"Größe µm\" FROM read_parquet('" + file + "')")) {
                while (rs.next()) {
                    Object[] row = new Object[7];
                    row[0] = rs.getString(1);
                    long count = rs.getLong(2);
                    row[1] = rs.wasNull() ? null : count;
                    double v = rs.getDouble(3);
                    row[2] = rs.wasNull() ? null : v;
                    boolean b = rs.getBoolean(4);
                    row[3] = rs.wasNull() ? null : b;
                    String d = rs.getString(5);
                    row[4] = d == null ? null : LocalDate.parse(d);
                    long us = rs.getLong(6);
                    row[5] = rs.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L),
                            Math.floorMod(us, 1_000_000L) * 1000);
                    double g = rs.getDouble(7);
                    row[6] = rs.wasNull() ? null : g;
                    rows.add(row);
                }
            }
            assertThat(EdgeTable.canonical(rows)).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"snappy", "gzip", "zstd", "lz4_raw", "uncompressed"})
    void compressionOptionSetsTheCodecAndValuesSurvive(String codec) throws IOException {
        Path file = writeEdgeTable(Map.of("compression", codec));
        try (ParquetFileReader r = footer(file)) {
            for (ColumnChunkMetaData col : r.getRowGroups().get(0).getColumns()) {
                assertThat(col.getCodec()).isEqualTo(ParquetTableWriter.codec(codec));
            }
        }
        assertThat(ParquetTableWriter.codec("lz4_raw")).isEqualTo(CompressionCodecName.LZ4_RAW);
        try (TableReader reader = open(file)) {
            assertThat(EdgeTable.canonical(EdgeTable.readAll(reader))).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
        }
    }

    @Test
    void rowGroupSizeCountsRows() throws IOException {
        Path file = writeEdgeTable(Map.of("row_group_size", "3"));
        try (ParquetFileReader r = footer(file)) {
            assertThat(r.getRowGroups()).extracting(BlockMetaData::getRowCount).containsExactly(3L, 3L, 2L);
        }
        try (TableReader reader = open(file)) {
            assertThat(EdgeTable.canonical(EdgeTable.readAll(reader))).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
        }
    }

    @Test
    void useDictionaryFalseWritesNoDictionaryPages() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("label", ColumnType.STRING)));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new Object[] {"repeated-" + (i % 3)});
        }
        Path plain = dir.resolve("plain.parquet");
        Path dict = dir.resolve("dict.parquet");
        EdgeTable.write(ParquetTableWriter::open, plain, schema, rows,
                EdgeTable.opts(ExportFormat.PARQUET, Map.of("use_dictionary", "false")));
        EdgeTable.write(ParquetTableWriter::open, dict, schema, rows, ExportOptions.defaults(ExportFormat.PARQUET));
        try (ParquetFileReader p = footer(plain); ParquetFileReader d = footer(dict)) {
            assertThat(p.getRowGroups().get(0).getColumns().get(0).hasDictionaryPage()).isFalse();
            assertThat(d.getRowGroups().get(0).getColumns().get(0).hasDictionaryPage()).isTrue();
            assertThat(d.getRowGroups().get(0).getColumns().get(0).getEncodings())
                    .containsAnyOf(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
        }
    }

    @Test
    void readsFilesWrittenByDuckDbWithTheirTypesMapped() throws Exception {
        Path file = dir.resolve("duck.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES"
                    + " (1::INTEGER, 1.5::FLOAT, 12.25::DECIMAL(10,2), 123456789012345678901234.5::DECIMAL(38,1),"
                    + "  42::DECIMAL(18,0), 'x'::VARCHAR, true, DATE '2024-02-29', TIMESTAMP '2024-03-10 12:34:56.123456',"
                    + "  TIMESTAMP_MS '2024-03-10 12:34:56.789', TIMESTAMPTZ '2024-03-10 12:34:56+00', 7::UTINYINT),"
                    + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL))"
                    + " t(i, f, d, big, whole, s, b, day, ts, ts_ms, tstz, u)) TO '" + file + "' (FORMAT parquet)");
        }
        try (TableReader reader = open(file)) {
            assertThat(reader.schema().columns()).extracting(Column::type).containsExactly(
                    ColumnType.LONG, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.LONG,
                    ColumnType.STRING, ColumnType.BOOLEAN, ColumnType.DATE, ColumnType.TIMESTAMP,
                    ColumnType.TIMESTAMP, ColumnType.TIMESTAMP, ColumnType.LONG);
            assertThat(reader.schema().names()).containsExactly("i", "f", "d", "big", "whole", "s", "b", "day", "ts",
                    "ts_ms", "tstz", "u");
            List<Object[]> rows = EdgeTable.readAll(reader);
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).containsExactly(1L, 1.5, 12.25, "123456789012345678901234.5", 42L, "x", true,
                    LocalDate.of(2024, 2, 29), Instant.parse("2024-03-10T12:34:56.123456Z"),
                    Instant.parse("2024-03-10T12:34:56.789Z"), Instant.parse("2024-03-10T12:34:56Z"), 7L);
            assertThat(rows.get(1)).containsOnlyNulls();
        }
    }

    @Test
    void nestedColumnIsRefusedNamingTheColumn() throws Exception {
        Path file = dir.resolve("nested.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1 AS id, [1, 2, 3] AS replicate_values) TO '" + file + "' (FORMAT parquet)");
        }
        // Listed in the schema, so that the columns option can leave it out; reading it fails naming it and its type.
        try (TableReader reader = open(file)) {
            assertThat(reader.schema().names()).containsExactly("id", "replicate_values");
            assertThatThrownBy(() -> EdgeTable.readAll(reader)).isInstanceOf(ConversionException.class)
                    .hasMessage("nested.parquet: column 'replicate_values' is a list (nested values), which LabExport"
                            + " cannot convert; only columns of plain values can be exported. Leave it out with the"
                            + " columns option to export the other columns.");
        }
    }

    @Test
    void truncatedFooterIsRefusedNamingTheFile() throws IOException {
        Path file = writeEdgeTable(Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.parquet");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 20));
        assertThatThrownBy(() -> open(cut)).isInstanceOf(ConversionException.class)
                .hasMessage("cut.parquet is not a Parquet file: it does not end with the Parquet marker (PAR1), so it"
                        + " is another kind of file, or a Parquet file cut short.");
    }

    @Test
    void garbageAndEmptyFilesAreRefusedNamingTheFile() throws IOException {
        Path garbage = dir.resolve("garbage.parquet");
        byte[] noise = new byte[5000];
        new java.util.Random(7).nextBytes(noise);
        Files.write(garbage, noise);
        Path empty = Files.createFile(dir.resolve("empty.parquet"));
        assertThatThrownBy(() -> open(garbage)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("garbage.parquet");
        assertThatThrownBy(() -> open(empty)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("empty.parquet");
    }

    @Test
    void damagedDataPagesGiveAClearErrorNotAHang() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("n", ColumnType.LONG), new Column("s", ColumnType.STRING)));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            rows.add(new Object[] {i * 7919, "sample-" + i});
        }
        Path file = dir.resolve("damaged.parquet");
        EdgeTable.write(ParquetTableWriter::open, file, schema, rows,
                EdgeTable.opts(ExportFormat.PARQUET, Map.of("compression", "gzip")));
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 200; i < bytes.length / 2; i += 3) {
            bytes[i] = (byte) (bytes[i] ^ 0x5a);
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> {
            try (TableReader reader = open(file)) {
                EdgeTable.readAll(reader);
            }
        }).isInstanceOf(ConversionException.class).hasMessageContaining("damaged.parquet");
    }

    private static ParquetFileReader footer(Path file) throws IOException {
        return ParquetFileReader.open(new LocalInputFile(file),
                org.apache.parquet.ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
    }

    @Test
    void cancelledReadStopsWithCancellation() throws Exception {
        Path file = dir.resolve("counter.parquet");
        EdgeTable.write(ParquetTableWriter::open, file, EdgeTable.COUNTER, EdgeTable.counter(70_000),
                EdgeTable.opts(ExportFormat.PARQUET, Map.of()));
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        ReadSettings settings = new ReadSettings(ReadSettings.defaults(null).nullValues(), "", cancelled::get);
        try (TableReader r = FormatRegistry.reader(SourceFormat.PARQUET).orElseThrow().open(file, null, settings)) {
            Object[] row = new Object[r.schema().size()];
            assertThat(r.next(row)).isTrue();
            cancelled.set(true);
            assertThatThrownBy(() -> {
                while (r.next(row)) {
                    // keeps reading until the cancel is seen
                }
            }).isInstanceOf(org.labexport.base.ConversionCancelledException.class);
        }
    }
}
