package org.labexport.convert.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridDecoder;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.QuietLibraryLogs;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.binaryfixtures.EdgeTable;

/**
 * {@link PlainColumnEncoder} writes what parquet-java's own column writers write for the same values without a
 * dictionary, where pages are cut by rows: the same page bytes, statistics, page boundaries, column and offset
 * indexes, encodings and sizes, and values that read back unchanged in our reader and in DuckDB.
 */
@ExtendWith(QuietLibraryLogs.class)
class PlainColumnEncoderTest {
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("id", ColumnType.STRING), new Column("value", ColumnType.DOUBLE),
            new Column("count", ColumnType.LONG), new Column("flag", ColumnType.BOOLEAN),
            new Column("day", ColumnType.DATE), new Column("at", ColumnType.TIMESTAMP),
            new Column("note", ColumnType.STRING), new Column("never", ColumnType.DOUBLE),
            new Column("ratio", ColumnType.DOUBLE)));
    private static final double[] EDGE_DOUBLES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        -0.0, 0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e-300};
    /** Over two pages of rows and a part page, so that page boundaries and indexes are compared too. */
    private static final int ROWS = 2 * PlainColumnEncoder.PAGE_ROWS + 3_217;

    @TempDir
    Path dir;

    /**
     * Nulls nowhere (id), at random (value, count, flag, day), in whole pages only (at: the second page is all
     * null), and everywhere (never); text with multi-byte characters and empty strings; NaN, infinities, both zeros.
     * "ratio" has no NaN, so that its pages get a column index (a NaN invalidates a double column's index).
     */
    static List<Object[]> rows() {
        SplittableRandom random = new SplittableRandom(11);
        String[] notes = {"", "Grüße", "日本語", "plain", "a,\"quoted\"", "\u0000nul", "x".repeat(300)};
        List<Object[]> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            boolean secondPage = i >= PlainColumnEncoder.PAGE_ROWS && i < 2 * PlainColumnEncoder.PAGE_ROWS;
            double d = i % 97 == 0 ? EDGE_DOUBLES[(i / 97) % EDGE_DOUBLES.length] : random.nextGaussian() * 1e3;
            rows.add(new Object[] {
                String.format("G%08d", ROWS - i),
                random.nextInt(10) == 0 ? null : d,
                random.nextInt(7) == 0 ? null : (i % 501 == 0 ? Long.MIN_VALUE : random.nextLong()),
                random.nextInt(5) == 0 ? null : random.nextBoolean(),
                random.nextInt(9) == 0 ? null : LocalDate.of(1900, 1, 1).plusDays(random.nextInt(80_000)),
                secondPage ? null : Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000) * 1_000L),
                random.nextInt(4) == 0 ? null : notes[random.nextInt(notes.length)],
                null,
                i % 89 == 0 ? (Double) (i % 2 == 0 ? -0.0 : 0.0) : i % 3 == 0 ? null : (Double) (random.nextDouble() - 0.5)});
        }
        return rows;
    }

    @Test
    void pagesMatchWhatParquetJavasColumnWritersMakeForTheSameValues() throws IOException {
        List<Object[]> rows = rows();
        Path ours = dir.resolve("ours.parquet");
        Path theirs = dir.resolve("theirs.parquet");
        write(ours, rows, "uncompressed");
        writeWithParquetJava(theirs, rows);

        try (ParquetFileReader a = ParquetFileReader.open(new LocalInputFile(ours));
             ParquetFileReader b = ParquetFileReader.open(new LocalInputFile(theirs))) {
            BlockMetaData ga = a.getRowGroups().get(0);
            BlockMetaData gb = b.getRowGroups().get(0);
            assertThat(ga.getRowCount()).isEqualTo(ROWS).isEqualTo(gb.getRowCount());
            for (int c = 0; c < SCHEMA.size(); c++) {
                ColumnChunkMetaData x = ga.getColumns().get(c);
                ColumnChunkMetaData y = gb.getColumns().get(c);
                String name = SCHEMA.column(c).name();
                assertThat(x.getValueCount()).as(name).isEqualTo(y.getValueCount());
                assertThat(x.getEncodings()).as(name).isEqualTo(y.getEncodings());
                assertThat(x.getTotalUncompressedSize()).as(name).isEqualTo(y.getTotalUncompressedSize());
                assertThat(x.getStatistics()).as(name).isEqualTo(y.getStatistics());
                assertThat(x.getStatistics().getNanCount()).as(name).isEqualTo(y.getStatistics().getNanCount());
                assertThat(x.getSizeStatistics().getUnencodedByteArrayDataBytes()).as(name)
                        .isEqualTo(y.getSizeStatistics().getUnencodedByteArrayDataBytes());
                ColumnIndex ix = a.readColumnIndex(x);
                ColumnIndex iy = b.readColumnIndex(y);
                assertThat(ix == null).as(name + " has a column index").isEqualTo(iy == null);
                if (!name.equals("value")) {
                    assertThat(ix).as(name + " has a column index").isNotNull();
                }
                if (ix != null) {
                    assertThat(ix.getNullPages()).as(name).isEqualTo(iy.getNullPages());
                    assertThat(ix.getNullCounts()).as(name).isEqualTo(iy.getNullCounts());
                    assertThat(ix.getMinValues()).as(name).isEqualTo(iy.getMinValues());
                    assertThat(ix.getMaxValues()).as(name).isEqualTo(iy.getMaxValues());
                    assertThat(ix.getBoundaryOrder()).as(name).isEqualTo(iy.getBoundaryOrder());
                }
                OffsetIndex ox = a.readOffsetIndex(x);
                OffsetIndex oy = b.readOffsetIndex(y);
                assertThat(ox.getPageCount()).as(name).isEqualTo(oy.getPageCount()).isEqualTo(3);
                for (int p = 0; p < ox.getPageCount(); p++) {
                    assertThat(ox.getFirstRowIndex(p)).as(name + " page " + p).isEqualTo(oy.getFirstRowIndex(p));
                }
            }
        }
        assertThat(dataPages(ours)).isEqualTo(dataPages(theirs));
        assertReadsBack(ours, rows);
    }

    /** Each column's data pages, uncompressed, as their bytes (levels and values) and value counts. */
    private static List<String> dataPages(Path file) throws IOException {
        List<String> pages = new ArrayList<>();
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            PageReadStore group = r.readNextRowGroup();
            for (ColumnDescriptor column : r.getFooter().getFileMetaData().getSchema().getColumns()) {
                PageReader reader = group.getPageReader(column);
                DataPage page;
                while ((page = reader.readPage()) != null) {
                    DataPageV1 v1 = (DataPageV1) page;
                    pages.add(column.getPath()[0] + " " + v1.getValueCount() + " " + v1.getDlEncoding() + " "
                            + v1.getValueEncoding() + " " + java.util.HexFormat.of().formatHex(v1.getBytes().toByteArray()));
                }
            }
        }
        return pages;
    }

    @Test
    void everyValueReadsBackInDuckDbWithSnappyPages() throws Exception {
        List<Object[]> rows = rows();
        Path file = dir.resolve("snappy.parquet");
        write(file, rows, "snappy");
        assertReadsBack(file, rows);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, value, count, flag, CAST(day AS VARCHAR), epoch_us(\"at\"), note,"
                     + " never, ratio FROM read_parquet('" + file + "', file_row_number=true) ORDER BY file_row_number")) {
            int i = 0;
            while (rs.next()) {
                Object[] want = rows.get(i);
                String where = "row " + i;
                assertThat(rs.getString(1)).as(where).isEqualTo(want[0]);
                double d = rs.getDouble(2);
                assertThat(rs.wasNull() ? null : d).as(where).isEqualTo(want[1]);
                long n = rs.getLong(3);
                assertThat(rs.wasNull() ? null : n).as(where).isEqualTo(want[2]);
                boolean f = rs.getBoolean(4);
                assertThat(rs.wasNull() ? null : f).as(where).isEqualTo(want[3]);
                assertThat(rs.getString(5)).as(where).isEqualTo(want[4] == null ? null : want[4].toString());
                long us = rs.getLong(6);
                assertThat(rs.wasNull() ? null : us).as(where).isEqualTo(want[5] == null ? null
                        : RowGroupBuffer.toMicros((Instant) want[5]));
                assertThat(rs.getString(7)).as(where).isEqualTo(want[6]);
                rs.getDouble(8);
                assertThat(rs.wasNull()).as(where).isTrue();
                double ratio = rs.getDouble(9);
                assertThat(rs.wasNull() ? null : ratio).as(where).isEqualTo(want[8]);
                i++;
            }
            assertThat(i).isEqualTo(ROWS);
        }
    }

    @Test
    void textPagesCloseAtAMegabyteOfValues() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("text", ColumnType.STRING)));
        List<Object[]> rows = new ArrayList<>();
        String big = "é".repeat(300_000); // 600,000 bytes of UTF-8
        for (int i = 0; i < 7; i++) {
            rows.add(new Object[] {i == 3 ? null : big + i});
        }
        Path file = dir.resolve("big-text.parquet");
        try (TableWriter w = ParquetTableWriter.open(file, schema,
                EdgeTable.opts(ExportFormat.PARQUET, Map.of("use_dictionary", "false")), 0)) {
            for (Object[] r : rows) {
                w.write(r);
            }
            w.finish();
        }
        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
            ColumnChunkMetaData chunk = r.getRowGroups().get(0).getColumns().get(0);
            OffsetIndex pages = r.readOffsetIndex(chunk);
            // Each page is closed by the value that takes it to 1 MB: two values a page, the null adding nothing.
            assertThat(pages.getPageCount()).isEqualTo(3);
            assertThat(pages.getFirstRowIndex(1)).isEqualTo(2);
            assertThat(pages.getFirstRowIndex(2)).isEqualTo(5);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT text FROM read_parquet('" + file
                     + "', file_row_number=true) ORDER BY file_row_number")) {
            for (Object[] want : rows) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(want[0]);
            }
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void definitionLevelsOfOneRunAreItsLengthAndOneValue() throws IOException {
        boolean[] none = new boolean[20_000];
        byte[] present = PlainColumnEncoder.definitionLevels(none, 0, 20_000, 0).toByteArray();
        // Length 4 (little-endian), then the run header 40,000 as a varint (0xC0 0xB8 0x02) and the level 1.
        assertThat(present).containsExactly(4, 0, 0, 0, 0xC0 - 256, 0xB8 - 256, 0x02, 1);
        // And parquet-java's decoder reads back 20,000 ones.
        RunLengthBitPackingHybridDecoder decoder = new RunLengthBitPackingHybridDecoder(1,
                new java.io.ByteArrayInputStream(present, 4, present.length - 4));
        for (int i = 0; i < 20_000; i++) {
            assertThat(decoder.readInt()).isEqualTo(1);
        }
        boolean[] all = new boolean[3];
        java.util.Arrays.fill(all, true);
        assertThat(PlainColumnEncoder.definitionLevels(all, 0, 3, 3).toByteArray()).containsExactly(2, 0, 0, 0, 6, 0);
    }

    private static void write(Path file, List<Object[]> rows, String codec) throws IOException {
        ExportOptions options = EdgeTable.opts(ExportFormat.PARQUET, Map.of("use_dictionary", "false",
                "compression", codec, "row_group_size", String.valueOf(ROWS)));
        try (TableWriter w = ParquetTableWriter.open(file, SCHEMA, options, 0)) {
            for (Object[] r : rows) {
                w.write(r);
            }
            w.finish();
        }
    }

    /** The same rows as one row group through parquet-java's column writers, dictionaries off, uncompressed. */
    private static void writeWithParquetJava(Path file, List<Object[]> rows) throws IOException {
        MessageType schema = ParquetSchemas.toParquet(SCHEMA);
        ParquetProperties props = ParquetProperties.builder().withDictionaryEncoding(false).build();
        RowGroupBuffer buffer = new RowGroupBuffer(SCHEMA, rows.size());
        rows.forEach(buffer::add);
        CodecFactory codecs = new CodecFactory(new PlainParquetConfiguration(), ParquetProperties.DEFAULT_PAGE_SIZE);
        BytesInputCompressor compressor = codecs.getCompressor(CompressionCodecName.UNCOMPRESSED);
        ParquetFileWriter out = new ParquetFileWriter(new LocalOutputFile(file), schema,
                ParquetFileWriter.Mode.OVERWRITE, 128L << 20, 0, null, props);
        out.start();
        ColumnChunkPageWriteStore pages = ColumnChunkPageWriteStore.builder().withSchema(schema)
                .withAllocator(props.getAllocator()).withCompressorProvider(d -> compressor).build();
        ColumnWriteStore store = props.newColumnWriteStore(schema, pages, pages);
        List<ColumnDescriptor> columns = schema.getColumns();
        ColumnWriter[] writers = new ColumnWriter[columns.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = store.getColumnWriter(columns.get(c));
        }
        // Row by row, as a record-at-a-time writer feeds them, so that its page checks fall where it places them.
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < writers.length; c++) {
                buffer.column(c).write(writers[c], r, r + 1);
            }
            store.endRecord();
        }
        store.flush();
        out.startBlock(rows.size());
        pages.flushToFileWriter(out);
        out.endBlock();
        out.end(Map.of());
        store.close();
        pages.close();
        codecs.release();
    }

    private static void assertReadsBack(Path file, List<Object[]> rows) throws IOException {
        try (TableReader r = ParquetTableReader.open(file, null)) {
            Object[] row = new Object[SCHEMA.size()];
            int i = 0;
            while (r.next(row)) {
                assertThat(row).as("row " + i).isEqualTo(rows.get(i));
                i++;
            }
            assertThat(i).isEqualTo(ROWS);
        }
    }
}
