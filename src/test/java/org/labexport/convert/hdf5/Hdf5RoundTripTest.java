package org.labexport.convert.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

class Hdf5RoundTripTest {
    @TempDir
    Path dir;

    private final SourceReader reader = FormatRegistry.reader(SourceFormat.HDF5).orElseThrow();

    private Path write(TableSchema schema, List<Object[]> rows) throws IOException {
        Path file = dir.resolve("table.h5");
        EdgeTable.write(FormatRegistry.writer(ExportFormat.HDF5).orElseThrow(), file, schema, rows,
                ExportOptions.defaults(ExportFormat.HDF5));
        return file;
    }

    private List<Object[]> readBack(Path file, String table, TableSchema expected) throws IOException {
        try (TableReader r = reader.open(file, table, ReadSettings.defaults(null))) {
            assertThat(r.schema()).isEqualTo(expected);
            List<Object[]> rows = EdgeTable.readAll(r);
            assertThat(r.bytesConsumed()).isEqualTo(r.bytesTotal()).isEqualTo(Files.size(file));
            return rows;
        }
    }

    @Test
    void roundTripKeepsEveryEdgeValueTypeNullAndColumnName() throws IOException {
        Path file = write(EdgeTable.SCHEMA, EdgeTable.rows());
        assertThat(SourceFormat.detect(file)).isEqualTo(SourceFormat.HDF5);
        assertThat(reader.tables(file, ReadSettings.defaults(null))).containsExactly("data");
        List<Object[]> back = readBack(file, "data", EdgeTable.SCHEMA);
        assertThat(EdgeTable.canonical(back)).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
    }

    @Test
    void nativeStreamingWriterIsUsedOnThisPlatform() {
        assertThat(Hdf5TableWriter.streams()).as("native HDF5 library loads on Linux x86-64").isTrue();
    }

    @Test
    void pureJavaFallbackWriterWritesTheSameTable() throws IOException {
        for (String compression : List.of("gzip", "none")) {
            Path file = dir.resolve("fallback-" + compression + ".h5");
            EdgeTable.write(JhdfTableWriter::open, file, EdgeTable.SCHEMA, EdgeTable.rows(),
                    EdgeTable.opts(ExportFormat.HDF5, Map.of("compression", compression)));
            assertThat(EdgeTable.canonical(readBack(file, "data", EdgeTable.SCHEMA)))
                    .isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
        }
    }

    @Test
    void compressionOptionIsHonoured() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("n", ColumnType.LONG)));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 100_000; i++) {
            rows.add(new Object[] {i % 7});
        }
        Path gzip = dir.resolve("gzip.h5");
        Path none = dir.resolve("none.h5");
        EdgeTable.write(Hdf5TableWriter::open, gzip, schema, rows, EdgeTable.opts(ExportFormat.HDF5, Map.of()));
        EdgeTable.write(Hdf5TableWriter::open, none, schema, rows,
                EdgeTable.opts(ExportFormat.HDF5, Map.of("compression", "none")));
        assertThat(Files.size(none)).isGreaterThan(800_000);
        assertThat(Files.size(gzip)).isLessThan(Files.size(none) / 4);
        try (HdfFile hdf = new HdfFile(gzip)) {
            assertThat(((Dataset) hdf.getByPath("/data/n")).getFilters()).isNotEmpty();
        }
        assertThat(EdgeTable.canonical(readBack(gzip, "data", schema))).isEqualTo(EdgeTable.canonical(rows));
    }

    @Test
    void layoutIsOneGroupWithOneDatasetPerColumnAndNamesAndTypesAsAttributes() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("complete", ColumnType.DOUBLE),
                new Column("gappy", ColumnType.STRING), new Column("day", ColumnType.DATE)));
        Path file = write(schema, List.of(new Object[] {1.0, "a", LocalDate.of(2024, 1, 2)},
                new Object[] {2.0, null, null}));
        try (HdfFile hdf = new HdfFile(file)) {
            Group g = (Group) hdf.getChild("data");
            assertThat((String[]) g.getAttribute("labexport_columns").getData())
                    .containsExactly("complete", "gappy", "day");
            assertThat((String[]) g.getAttribute("labexport_types").getData())
                    .containsExactly("double", "string", "date");
            assertThat(g.getChildren().keySet()).containsExactlyInAnyOrder("complete", "gappy", "day",
                    "gappy.__null_mask", "day.__null_mask");
            Dataset day = (Dataset) g.getChild("day");
            assertThat(day.getAttribute("column_name").getData()).isEqualTo("day");
            assertThat(day.getAttribute("column_type").getData()).isEqualTo("date");
            assertThat(day.getAttribute("encoding").getData()).isEqualTo("int64 days since 1970-01-01");
            assertThat((long[]) day.getData()).containsExactly(LocalDate.of(2024, 1, 2).toEpochDay(), 0L);
            assertThat((String[]) ((Dataset) g.getChild("gappy")).getData()).containsExactly("a", "");
            Object mask = ((Dataset) g.getChild("gappy.__null_mask")).getData();
            assertThat(java.lang.reflect.Array.getLength(mask)).isEqualTo(2);
            assertThat(((Number) java.lang.reflect.Array.get(mask, 0)).intValue()).isZero();
            assertThat(((Number) java.lang.reflect.Array.get(mask, 1)).intValue()).isEqualTo(1);
        }
    }

    @Test
    void emptyStringsAndNullsStayDistinct() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("s", ColumnType.STRING)));
        List<Object[]> rows = List.of(new Object[] {""}, new Object[] {null}, new Object[] {"x"});
        List<Object[]> back = readBack(write(schema, rows), "data", schema);
        assertThat(back).extracting(r -> r[0]).containsExactly("", null, "x");
    }

    @Test
    void tableWithoutRowsKeepsItsColumns() throws IOException {
        List<Object[]> back = readBack(write(EdgeTable.SCHEMA, List.of()), "data", EdgeTable.SCHEMA);
        assertThat(back).isEmpty();
    }

    @Test
    void columnNamesThatCannotBeDatasetNamesSurvive() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("ratio a/b", ColumnType.DOUBLE),
                new Column("", ColumnType.LONG), new Column("column_1", ColumnType.LONG),
                new Column("x.__null_mask", ColumnType.BOOLEAN)));
        List<Object[]> rows = List.of(new Object[] {0.5, 1L, 2L, true}, new Object[] {null, null, 3L, null});
        List<Object[]> back = readBack(write(schema, rows), "data", schema);
        assertThat(EdgeTable.canonical(back)).isEqualTo(EdgeTable.canonical(rows));
    }

    @Test
    void readsPlainDatasetsWrittenByOtherTools() throws IOException {
        Path file = dir.resolve("other.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putDataset("temperature", new double[] {20.5, -0.0, Double.NaN});
            hdf.putDataset("counts", new int[] {1, 2, 3});
            hdf.putDataset("matrix", new double[][] {{1, 2}, {3, 4}, {5, 6}});
            WritableGroup run = hdf.putGroup("run1");
            WritableDataset expr = run.putDataset("expression", new long[][] {{10, 20, 30}, {40, 50, 60}});
            expr.putAttribute("column_names", new String[] {"s1", "s2", "s3"});
            run.putDataset("labels", new String[] {"a", "ß"});
        }
        assertThat(reader.tables(file, ReadSettings.defaults(null))).containsExactlyInAnyOrder(
                "temperature", "counts", "matrix", "run1/expression", "run1/labels");
        assertThat(EdgeTable.canonical(readBack(file, "temperature",
                new TableSchema(List.of(new Column("temperature", ColumnType.DOUBLE))))))
                .isEqualTo(EdgeTable.canonical(List.of(new Object[] {20.5}, new Object[] {-0.0},
                        new Object[] {Double.NaN})));
        assertThat(readBack(file, "counts", new TableSchema(List.of(new Column("counts", ColumnType.LONG)))))
                .extracting(r -> r[0]).containsExactly(1L, 2L, 3L);
        List<Object[]> matrix = readBack(file, "matrix", new TableSchema(List.of(
                new Column("col_0", ColumnType.DOUBLE), new Column("col_1", ColumnType.DOUBLE))));
        assertThat(matrix).containsExactly(new Object[] {1.0, 2.0}, new Object[] {3.0, 4.0}, new Object[] {5.0, 6.0});
        List<Object[]> named = readBack(file, "run1/expression", new TableSchema(List.of(
                new Column("s1", ColumnType.LONG), new Column("s2", ColumnType.LONG), new Column("s3", ColumnType.LONG))));
        assertThat(named).containsExactly(new Object[] {10L, 20L, 30L}, new Object[] {40L, 50L, 60L});
        assertThat(readBack(file, "run1/labels", new TableSchema(List.of(new Column("labels", ColumnType.STRING)))))
                .extracting(r -> r[0]).containsExactly("a", "ß");
    }

    @Test
    void readsLongColumnsInBlocks() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("n", ColumnType.LONG), new Column("x", ColumnType.DOUBLE)));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < Hdf5TableReader.BLOCK * 2L + 17; i++) {
            rows.add(new Object[] {i, i % 5 == 0 ? null : i / 3.0});
        }
        List<Object[]> back = readBack(write(schema, rows), "data", schema);
        assertThat(EdgeTable.canonical(back)).isEqualTo(EdgeTable.canonical(rows));
    }

    @Test
    void tableTooLargeForTheHeapIsRefusedWithAClearMessageBeforeMemoryRunsOut() throws IOException {
        TableSchema schema = new TableSchema(List.of(new Column("id", ColumnType.STRING),
                new Column("x", ColumnType.DOUBLE)));
        Path target = dir.resolve("huge.h5");
        JhdfTableWriter w = new JhdfTableWriter(target, schema, 4L << 20);
        Object[] row = new Object[2];
        assertThatThrownBy(() -> {
            for (long i = 0; i < 10_000_000L; i++) {
                row[0] = "sample-" + i;
                row[1] = (double) i;
                w.write(row);
            }
        }).isInstanceOf(ConversionException.class).hasMessageContaining("huge.h5")
                .hasMessageContaining("too large to write as HDF5").hasMessageContaining("Parquet");
        w.close();
        assertThat(target).doesNotExist();
        // A caller that knows the row count is refused before any work.
        assertThatThrownBy(() -> JhdfTableWriter.checkFits(target, schema, 50_000_000_000L,
                JhdfTableWriter.defaultBudget())).isInstanceOf(ConversionException.class)
                .hasMessageContaining("huge.h5");
        JhdfTableWriter.checkFits(target, schema, 1_000, JhdfTableWriter.defaultBudget());
    }

    @Test
    void garbageTruncatedAndEmptyFilesAreRefusedNamingTheFile() throws IOException {
        Path good = write(EdgeTable.SCHEMA, EdgeTable.rows());
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.h5");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
        Path garbage = dir.resolve("garbage.h5");
        byte[] noise = new byte[4096];
        new java.util.Random(3).nextBytes(noise);
        Files.write(garbage, noise);
        Path empty = Files.createFile(dir.resolve("empty.h5"));
        for (Path bad : List.of(cut, garbage, empty)) {
            assertThatThrownBy(() -> {
                for (String t : reader.tables(bad, ReadSettings.defaults(null))) {
                    try (TableReader r = reader.open(bad, t, ReadSettings.defaults(null))) {
                        EdgeTable.readAll(r);
                    }
                }
            }).as(bad.toString()).isInstanceOf(ConversionException.class)
                    .hasMessageContaining(bad.getFileName().toString());
        }
    }

    @Test
    void fileWithoutAnyTableSaysSo() throws IOException {
        Path file = dir.resolve("scalars.h5");
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            hdf.putGroup("empty_group").putAttribute("note", "nothing here");
        }
        assertThatThrownBy(() -> reader.tables(file, ReadSettings.defaults(null)))
                .isInstanceOf(ConversionException.class).hasMessageContaining("scalars.h5 holds no table");
        assertThatThrownBy(() -> reader.open(file, "nope", ReadSettings.defaults(null)))
                .isInstanceOf(ConversionException.class).hasMessageContaining("no table 'nope'");
    }

    static Map<String, String> none() {
        return Map.of();
    }

    @Test
    void cancelledReadStopsWithCancellation() throws Exception {
        Path file = write(EdgeTable.COUNTER, EdgeTable.counter(140_000));
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        ReadSettings settings = new ReadSettings(ReadSettings.defaults(null).nullValues(), "", cancelled::get);
        try (TableReader r = reader.open(file, "data", settings)) {
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
