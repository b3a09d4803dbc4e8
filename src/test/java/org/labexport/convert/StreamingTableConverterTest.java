package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;
import org.labexport.convert.engine.StreamingTableConverter;

@org.junit.jupiter.api.extension.ExtendWith(QuietLibraryLogs.class)
class StreamingTableConverterTest {
    @TempDir
    Path dir;

    private final StreamingTableConverter converter = new StreamingTableConverter();

    private Path bigCsv(int rows) throws IOException {
        Path p = dir.resolve("in").resolve("big.csv");
        Files.createDirectories(p.getParent());
        StringBuilder sb = new StringBuilder("id,gene,value,flag\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",G").append(i).append(',').append(i * 0.25).append(',').append(i % 2 == 0).append('\n');
        }
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private Path out() throws IOException {
        return Files.createDirectories(dir.resolve("out"));
    }

    private static List<Path> list(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void convertsCsvToTsvWithColumnsInTheGivenOrderAndReportsProgressToTheEnd() throws Exception {
        Path src = bigCsv(10_000);
        List<long[]> reports = new CopyOnWriteArrayList<>();
        ExportOptions opts = ExportOptions.parse(ExportFormat.TSV, Map.of("columns", "[\"value\",\"id\"]"));
        ConversionResult r = converter.convert(src, opts, out(), "degs", (d, t) -> reports.add(new long[]{d, t}),
                CancelSignal.NEVER);
        assertThat(r.sourceFormat()).isEqualTo(SourceFormat.CSV);
        assertThat(r.outputs()).hasSize(1);
        Path written = r.outputs().get(0).path();
        assertThat(written).isEqualTo(dir.resolve("out/degs.tsv"));
        assertThat(list(out())).containsExactly(written);
        assertThat(r.outputs().get(0).rows()).isEqualTo(10_000);
        assertThat(r.outputs().get(0).schema().names()).containsExactly("value", "id");
        List<String> lines = Files.readAllLines(written);
        assertThat(lines.get(0)).isEqualTo("value\tid");
        assertThat(lines.get(4)).isEqualTo("0.75\t3");
        long size = Files.size(src);
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(reports.size() - 1)).containsExactly(size, size);
        for (int i = 1; i < reports.size(); i++) {
            assertThat(reports.get(i)[0]).isGreaterThanOrEqualTo(reports.get(i - 1)[0]);
        }
    }

    @Test
    void parquetTakesOnlyTheChosenColumnsInTheirOrder() throws Exception {
        Path src = bigCsv(30_000);
        ExportOptions opts = ExportOptions.parse(ExportFormat.PARQUET,
                Map.of("columns", "[\"flag\",\"value\",\"id\"]"));
        ConversionResult r = converter.convert(src, opts, out(), "degs", ProgressListener.NONE, CancelSignal.NEVER);
        TestTables.Table t = TestTables.read(r.outputs().get(0).path());
        assertThat(t.schema().columns()).containsExactly(new Column("flag", ColumnType.BOOLEAN),
                new Column("value", ColumnType.DOUBLE), new Column("id", ColumnType.LONG));
        assertThat(t.rows()).hasSize(30_000);
        assertThat(t.rows().get(29_999)).containsExactly(false, 7499.75, 29_999L);
        assertThat(t.rows().get(2)).containsExactly(true, 0.5, 2L);
    }

    @Test
    void unknownColumnIsAnErrorListingTheAvailableOnesAndLeavesNothing() throws Exception {
        Path src = bigCsv(10);
        ExportOptions opts = ExportOptions.parse(ExportFormat.CSV, Map.of("columns", "id,nope"));
        assertThatThrownBy(() -> converter.convert(src, opts, out(), "x", ProgressListener.NONE, CancelSignal.NEVER))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("big.csv")
                .hasMessageContaining("unknown column 'nope'")
                .hasMessageContaining("available columns: id, gene, value, flag");
        assertThat(list(out())).isEmpty();
    }

    @Test
    void unsupportedSourceIsRefusedNamingTheFile() throws Exception {
        Path src = dir.resolve("notes.docx");
        Files.writeString(src, "hello");
        assertThatThrownBy(() -> converter.convert(src, ExportOptions.defaults(ExportFormat.CSV), out(), "x",
                ProgressListener.NONE, CancelSignal.NEVER))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("notes.docx");
        assertThatThrownBy(() -> converter.convert(bigCsv(1), ExportOptions.defaults(ExportFormat.ZIP), out(), "x",
                ProgressListener.NONE, CancelSignal.NEVER))
                .isInstanceOf(ConversionException.class);
    }

    @Test
    void failureMidFileDeletesThePartialOutput() throws Exception {
        Path src = dir.resolve("bad.csv");
        StringBuilder sb = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++) {
            sb.append(i).append(",x\n");
        }
        sb.append("1,2,3\n");
        Files.writeString(src, sb.toString());
        assertThatThrownBy(() -> converter.convert(src, ExportOptions.defaults(ExportFormat.JSON.converts()
                        ? ExportFormat.CSV : ExportFormat.CSV), out(), "bad", ProgressListener.NONE, CancelSignal.NEVER))
                .isInstanceOf(ConversionException.class).hasMessageContaining("bad.csv line 50002");
        assertThat(list(out())).isEmpty();
    }

    @Test
    @Timeout(30)
    void cancelStopsMidFileAndLeavesNothing() throws Exception {
        Path src = bigCsv(300_000);
        AtomicBoolean cancelled = new AtomicBoolean();
        List<Long> seen = new ArrayList<>();
        ProgressListener cancelHalfway = (d, t) -> {
            seen.add(d);
            if (d > t / 2) {
                cancelled.set(true);
            }
        };
        long start = System.nanoTime();
        assertThatThrownBy(() -> converter.convert(src, ExportOptions.defaults(ExportFormat.CSV), out(), "c",
                cancelHalfway, cancelled::get))
                .isInstanceOf(ConversionCancelledException.class);
        assertThat(cancelled).isTrue();
        assertThat(list(out())).isEmpty();
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("convert-read-") || n.startsWith("csv-split-") || n.startsWith("csv-check-"))
                .toList()).isEmpty();
    }
}
