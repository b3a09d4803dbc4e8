package org.labexport.convert.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_chunk_info;
import static org.bytedeco.hdf5.global.hdf5.H5Dget_num_chunks;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_RDONLY;
import static org.bytedeco.hdf5.global.hdf5.H5S_ALL;
import static org.bytedeco.hdf5.global.hdf5.H5Z_FILTER_DEFLATE;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.filter.PipelineFilterWithData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.hdf5.DSetCreatPropList;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.binaryfixtures.EdgeTable;

/**
 * The chunks the writer compresses itself and puts into the file with direct chunk writes read back exactly, through
 * jHDF (our reader), through the HDF5 library itself and through h5dump where installed; and the file's filter
 * pipeline is what the library's own compression gave: deflate level 1, no shuffle, 65,536-row chunks.
 */
class Hdf5DirectChunksTest {
    private static final int CHUNK = Hdf5Layout.CHUNK_ROWS;
    /** Two full chunks and a partial one. */
    private static final int ROWS = 2 * CHUNK + 1_234;
    /** The date column's first null, in the last chunk: its mask has no chunks before that one. */
    private static final int FIRST_DATE_NULL = 2 * CHUNK + 100;
    private static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL,
        Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
    /** The pipeline the library's own compression gave every dataset. */
    private static final String DEFLATE = "filter " + H5Z_FILTER_DEFLATE + " [" + Hdf5Layout.DEFLATE_LEVEL + "]";
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("n", ColumnType.LONG), new Column("x", ColumnType.DOUBLE),
            new Column("flag", ColumnType.BOOLEAN), new Column("day", ColumnType.DATE),
            new Column("at", ColumnType.TIMESTAMP), new Column("name", ColumnType.STRING)));

    @TempDir
    Path dir;

    private static Object[] row(int k) {
        Long n = k % 5 == 3 ? null : k == 7 ? Long.MIN_VALUE : k == 9 ? Long.MAX_VALUE : k * 0x9E37_79B9_7F4A_7C15L;
        Double x = k % 7 == 0 ? null : k % 10 == 1 ? SPECIAL[(k / 10) % SPECIAL.length] : k / 3.0;
        Boolean flag = k % 11 == 5 ? null : k % 3 == 0;
        LocalDate day = k >= FIRST_DATE_NULL && k % 17 == 0 ? null : LocalDate.ofEpochDay(k % 100_000 - 50_000);
        Instant at = Instant.ofEpochSecond(k * 37L - 1_000_000L, (k % 1000) * 1000L);
        String name = k % 13 == 0 ? null : k % 13 == 1 ? "" : "s-" + k + (k % 101 == 0 ? " Größe 日本" : "");
        return new Object[] {n, x, flag, day, at, name};
    }

    private static List<Object[]> rows(int count) {
        List<Object[]> rows = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            rows.add(row(k));
        }
        return rows;
    }

    private Path write(String name, boolean compress, int count) throws IOException {
        assertThat(NativeHdf5TableWriter.available()).isTrue();
        Path file = dir.resolve(name);
        EdgeTable.write((target, schema, options, provenance) -> NativeHdf5TableWriter.open(target, schema, compress),
                file, SCHEMA, rows(count), null);
        return file;
    }

    @Test
    void everyColumnTypeWithNullsAndAPartialLastChunkReadsBackThroughJhdfTheLibraryAndH5dump() throws Exception {
        for (boolean compress : new boolean[] {true, false}) {
            Path file = write("table-" + compress + ".h5", compress, ROWS);
            List<Object[]> expected = rows(ROWS);
            try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
                assertThat(r.schema()).isEqualTo(SCHEMA);
                assertThat(EdgeTable.canonical(EdgeTable.readAll(r))).isEqualTo(EdgeTable.canonical(expected));
            }
            Map<String, Object> stored = storedThroughTheLibrary(file);
            assertThat(stored.keySet()).containsExactlyInAnyOrder("n", "x", "flag", "day", "at",
                    "n.__null_mask", "x.__null_mask", "flag.__null_mask", "day.__null_mask", "name.__null_mask");
            for (int k = 0; k < ROWS; k++) {
                Object[] v = expected.get(k);
                assertThat(((long[]) stored.get("n"))[k]).as("n row %d", k).isEqualTo(v[0] == null ? 0L : v[0]);
                assertThat(Double.doubleToRawLongBits(((double[]) stored.get("x"))[k])).as("x row %d", k)
                        .isEqualTo(Double.doubleToRawLongBits(v[1] == null ? Double.NaN : (Double) v[1]));
                assertThat(((byte[]) stored.get("flag"))[k]).isEqualTo((byte) (Boolean.TRUE.equals(v[2]) ? 1 : 0));
                assertThat(((long[]) stored.get("day"))[k])
                        .isEqualTo(v[3] == null ? 0L : ((LocalDate) v[3]).toEpochDay());
                assertThat(((long[]) stored.get("at"))[k]).isEqualTo(ColumnBuffer.toMicros((Instant) v[4]));
                String[] masked = {"n", "x", "flag", "day", "name"};
                int[] columns = {0, 1, 2, 3, 5};
                for (int c = 0; c < masked.length; c++) {
                    assertThat(((byte[]) stored.get(masked[c] + ".__null_mask"))[k]).as("%s mask row %d", masked[c], k)
                            .isEqualTo((byte) (v[columns[c]] == null ? 1 : 0));
                }
            }
            assertThat(chunkOffsets(file, "day.__null_mask")).containsExactly(2L * CHUNK);
            assertThat(chunkOffsets(file, "x")).containsExactly(0L, (long) CHUNK, 2L * CHUNK);
            if (Files.isExecutable(Path.of("/usr/bin/h5dump"))) {
                String dump = run("/usr/bin/h5dump", "-d", "/data/n", "-d", "/data/x", "-d", "/data/name",
                        "-d", "/data/day.__null_mask", file.toString());
                assertThat(dump).contains("-9223372036854775808", "9223372036854775807", "\"s-" + (ROWS - 1) + "\"",
                        "-inf", "nan").doesNotContain("h5dump error");
            }
        }
    }

    /**
     * Measured doubles (15-17 significant digits) gain nothing from zlib's search for repeated strings: their column
     * is Huffman-coded, a column of counters keeps the search, and both read back exactly through jHDF and the library.
     */
    @Test
    void measuredDoublesAreHuffmanCodedCountersAreNotAndBothReadBackExactly() throws Exception {
        DirectChunks.Codec base = DirectChunks.deflate(Hdf5Layout.DEFLATE_LEVEL);
        List<DirectChunks.Codec> columnCodecs = new java.util.concurrent.CopyOnWriteArrayList<>();
        DirectChunks.Codec recording = new DirectChunks.Codec() {
            @Override
            public byte[] encode(byte[] raw) {
                return base.encode(raw);
            }

            @Override
            public DirectChunks.Codec forWideColumn() {
                DirectChunks.Codec c = base.forWideColumn();
                columnCodecs.add(c);
                return c;
            }
        };
        TableSchema schema = new TableSchema(List.of(new Column("x", ColumnType.DOUBLE),
                new Column("n", ColumnType.LONG)));
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        List<Object[]> rows = new ArrayList<>();
        for (int k = 0; k < CHUNK + 5_000; k++) {
            rows.add(new Object[] {Math.exp(random.nextDouble() * 12.0) * (random.nextBoolean() ? 1 : -1),
                1_000_000L + k});
        }
        Path file = dir.resolve("measured.h5");
        EdgeTable.write((target, s, options, provenance) -> NativeHdf5TableWriter.open(target, s, true,
                OutputProvenance.NONE, recording), file, schema, rows, null);

        assertThat(columnCodecs).hasSize(2);
        assertThat(DirectChunks.chosenStrategy(columnCodecs.get(0))).isEqualTo(java.util.zip.Deflater.HUFFMAN_ONLY);
        assertThat(DirectChunks.chosenStrategy(columnCodecs.get(1)))
                .isEqualTo(java.util.zip.Deflater.DEFAULT_STRATEGY);
        try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
            assertThat(EdgeTable.canonical(EdgeTable.readAll(r))).isEqualTo(EdgeTable.canonical(rows));
        }
        Map<String, Object> stored = storedThroughTheLibrary(file);
        for (int k = 0; k < rows.size(); k++) {
            assertThat(((double[]) stored.get("x"))[k]).isEqualTo((Double) rows.get(k)[0]);
            assertThat(((long[]) stored.get("n"))[k]).isEqualTo((Long) rows.get(k)[1]);
        }
        assertThat(chunkOffsets(file, "x")).containsExactly(0L, (long) CHUNK);
    }

    @Test
    void theFilterPipelineIsTheLibrarysDeflateAtLevelOneWithoutShuffleOnEveryDataset() throws Exception {
        Path gzip = write("gzip.h5", true, ROWS);
        Path none = write("none.h5", false, ROWS);
        for (String dataset : List.of("n", "x", "flag", "day", "at", "name", "n.__null_mask", "name.__null_mask")) {
            assertThat(pipeline(gzip, dataset)).as(dataset).containsExactly(DEFLATE);
            assertThat(pipeline(none, dataset)).as(dataset).isEmpty();
        }
        try (HdfFile hdf = new HdfFile(gzip)) {
            for (Node node : ((Group) hdf.getByPath("/data")).getChildren().values()) {
                ChunkedDataset d = (ChunkedDataset) node;
                assertThat(d.getChunkDimensions()).as(node.getName()).containsExactly(CHUNK);
                List<PipelineFilterWithData> filters = d.getFilters();
                assertThat(filters).as(node.getName()).hasSize(1);
                assertThat(filters.get(0).getId()).isEqualTo(1);
                assertThat(filters.get(0).getFilterData()).containsExactly(Hdf5Layout.DEFLATE_LEVEL);
            }
        }
        // Random-looking doubles barely compress; the rest does, as it did through the library.
        assertThat(Files.size(gzip)).isLessThan(Files.size(none) * 3 / 4);
        if (Files.isExecutable(Path.of("/usr/bin/h5dump"))) {
            String header = run("/usr/bin/h5dump", "-p", "-H", gzip.toString());
            assertThat(header).contains("COMPRESSION DEFLATE { LEVEL 1 }", "CHUNKED ( 65536 )")
                    .doesNotContain("SHUFFLE");
        }
    }

    @Test
    void anEmptyTableHasItsColumnsAndNoChunks() throws Exception {
        Path file = write("empty.h5", true, 0);
        try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
            assertThat(r.schema()).isEqualTo(SCHEMA);
            assertThat(EdgeTable.readAll(r)).isEmpty();
        }
        assertThat(storedThroughTheLibrary(file).keySet()).containsExactlyInAnyOrder("n", "x", "flag", "day", "at");
        assertThat(chunkOffsets(file, "x")).isEmpty();
        assertThat(pipeline(file, "x")).containsExactly(DEFLATE);
    }

    @Test
    void aTableEndingOnAChunkBoundaryHasNoPaddedChunk() throws Exception {
        Path file = write("exact.h5", true, CHUNK);
        try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
            assertThat(EdgeTable.canonical(EdgeTable.readAll(r))).isEqualTo(EdgeTable.canonical(rows(CHUNK)));
        }
        assertThat(chunkOffsets(file, "n")).containsExactly(0L);
    }

    @Test
    void blocksOfLongTextsEndingMidChunkStillGiveWholeAlignedChunks() throws Exception {
        // Texts of about 2 KB: a block of strings is handed on at 32 MB, every 16,000 rows or so, mid-chunk.
        TableSchema schema = new TableSchema(List.of(new Column("n", ColumnType.LONG),
                new Column("x", ColumnType.DOUBLE), new Column("text", ColumnType.STRING)));
        int rows = CHUNK + 5_000;
        String pad = "t".repeat(2_000);
        Path file = dir.resolve("texts.h5");
        assertThat(NativeHdf5TableWriter.available()).isTrue();
        try (TableWriter w = NativeHdf5TableWriter.open(file, schema, true)) {
            for (int k = 0; k < rows; k++) {
                w.write(new Object[] {(long) k, k == CHUNK + 7 ? null : k / 3.0, pad + k});
            }
            w.finish();
        }
        try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
            Object[] row = new Object[3];
            int k = 0;
            while (r.next(row)) {
                assertThat(row).as("row %d", k).containsExactly((long) k, k == CHUNK + 7 ? null : k / 3.0, pad + k);
                k++;
            }
            assertThat(k).isEqualTo(rows);
        }
        assertThat(chunkOffsets(file, "n")).containsExactly(0L, (long) CHUNK);
        assertThat(chunkOffsets(file, "x.__null_mask")).containsExactly((long) CHUNK);
    }

    @Test
    void aFailureWhileCompressingAChunkFailsTheWriteNamingTheFileAndTheLibraryStillWrites() throws Exception {
        Path file = dir.resolve("broken.h5");
        AtomicInteger encoded = new AtomicInteger();
        DirectChunks.Codec deflate = DirectChunks.deflate(Hdf5Layout.DEFLATE_LEVEL);
        DirectChunks.Codec failing = raw -> {
            if (encoded.incrementAndGet() == 8) {
                throw new IllegalStateException("no memory for the compressor");
            }
            return deflate.encode(raw);
        };
        try (TableWriter w = NativeHdf5TableWriter.open(file, SCHEMA, true, OutputProvenance.NONE, failing)) {
            assertThatThrownBy(() -> {
                for (int k = 0; k < 4 * CHUNK; k++) {
                    w.write(row(k));
                }
                w.finish();
            }).isInstanceOf(ConversionException.class)
                    .hasMessageContaining("broken.h5: the HDF5 file could not be written")
                    .hasMessageContaining("no memory for the compressor");
        }
        assertThat(encoded.get()).isGreaterThanOrEqualTo(8);
        Path after = write("after.h5", true, 10);
        try (TableReader r = new Hdf5SourceReader().open(after, "data", ReadSettings.defaults(null))) {
            assertThat(EdgeTable.readAll(r)).hasSize(10);
        }
    }

    /** Every dataset of the table group as the HDF5 library reads it: long[], double[] or byte[] (strings left out). */
    private static Map<String, Object> storedThroughTheLibrary(Path file) {
        Map<String, Object> out = new LinkedHashMap<>();
        synchronized (NativeHdf5TableWriter.NATIVE) {
            H5File f = new H5File(file.toString(), H5F_ACC_RDONLY);
            try {
                for (String name : List.of("n", "x", "flag", "day", "at", "n.__null_mask", "x.__null_mask",
                        "flag.__null_mask", "day.__null_mask", "at.__null_mask", "name.__null_mask")) {
                    if (!f.nameExists("/data/" + name)) {
                        continue;
                    }
                    DataSet ds = f.openDataSet("/data/" + name);
                    DataSpace space = ds.getSpace();
                    int n = (int) space.getSimpleExtentNpoints();
                    space.close();
                    int kind = name.equals("x") ? 'd' : name.equals("flag") || name.endsWith("mask") ? 'b' : 'l';
                    if (kind == 'd') {
                        double[] values = new double[n];
                        DoublePointer p = new DoublePointer(Math.max(1, n));
                        if (n > 0) {
                            ds.read(p, PredType.NATIVE_DOUBLE());
                        }
                        p.get(values);
                        p.deallocate();
                        out.put(name, values);
                    } else if (kind == 'b') {
                        byte[] values = new byte[n];
                        BytePointer p = new BytePointer(Math.max(1, n));
                        if (n > 0) {
                            ds.read(p, PredType.NATIVE_UINT8());
                        }
                        p.get(values);
                        p.deallocate();
                        out.put(name, values);
                    } else {
                        long[] values = new long[n];
                        LongPointer p = new LongPointer(Math.max(1, n));
                        if (n > 0) {
                            ds.read(p, PredType.NATIVE_INT64());
                        }
                        p.get(values);
                        p.deallocate();
                        out.put(name, values);
                    }
                    ds.close();
                }
            } finally {
                f.close();
            }
        }
        return out;
    }

    /** The first row of each stored chunk of a dataset, checking that every filter was applied to each. */
    private static List<Long> chunkOffsets(Path file, String dataset) {
        List<Long> offsets = new ArrayList<>();
        synchronized (NativeHdf5TableWriter.NATIVE) {
            H5File f = new H5File(file.toString(), H5F_ACC_RDONLY);
            try {
                DataSet ds = f.openDataSet("/data/" + dataset);
                long[] count = new long[1];
                assertThat(H5Dget_num_chunks(ds.getId(), H5S_ALL(), count)).isNotNegative();
                for (long c = 0; c < count[0]; c++) {
                    long[] offset = new long[1];
                    int[] filterMask = new int[1];
                    long[] address = new long[1];
                    long[] size = new long[1];
                    assertThat(H5Dget_chunk_info(ds.getId(), H5S_ALL(), c, offset, filterMask, address, size))
                            .isNotNegative();
                    assertThat(filterMask[0]).as("filters skipped in chunk at %d", offset[0]).isZero();
                    offsets.add(offset[0]);
                }
                ds.close();
            } finally {
                f.close();
            }
        }
        return offsets;
    }

    /** A dataset's filters as the library reports them: "filter ID [client data]". */
    private static List<String> pipeline(Path file, String dataset) {
        List<String> filters = new ArrayList<>();
        synchronized (NativeHdf5TableWriter.NATIVE) {
            H5File f = new H5File(file.toString(), H5F_ACC_RDONLY);
            try {
                DataSet ds = f.openDataSet("/data/" + dataset);
                DSetCreatPropList plist = ds.getCreatePlist();
                long[] chunk = new long[1];
                assertThat(plist.getChunk(1, chunk)).isEqualTo(1);
                assertThat(chunk[0]).isEqualTo(CHUNK);
                for (int k = 0; k < plist.getNfilters(); k++) {
                    int[] flags = new int[1];
                    SizeTPointer elements = new SizeTPointer(1).put(8);
                    int[] data = new int[8];
                    byte[] name = new byte[64];
                    int id = plist.getFilter(k, flags, elements, data, name.length, name, new int[1]);
                    StringBuilder s = new StringBuilder("filter " + id + " [");
                    for (int e = 0; e < elements.get(); e++) {
                        s.append(e == 0 ? "" : ", ").append(data[e]);
                    }
                    elements.deallocate();
                    filters.add(s.append(']').toString());
                }
                plist.close();
                ds.close();
            } finally {
                f.close();
            }
        }
        return filters;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
