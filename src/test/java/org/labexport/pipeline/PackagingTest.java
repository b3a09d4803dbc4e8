package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;
import org.labexport.job.JobProgress;

class PackagingTest {
    @TempDir
    Path tmp;

    @Test
    void zipHoldsEveryFileWithTheManifestLast() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("export_1"));
        Files.writeString(folder.resolve("export_metadata.json"), "{}");
        Files.writeString(folder.resolve("file_2_b.csv"), "b");
        Files.writeString(folder.resolve("file_1_a.parquet"), "a");
        Path zip = tmp.resolve("export_1.zip");

        ZipPackager.zip(folder, zip, CancelSignal.NEVER);

        assertThat(PipelineFixture.readZip(zip).keySet())
                .containsExactly("file_1_a.parquet", "file_2_b.csv", "export_metadata.json");
        assertThat(new String(PipelineFixture.readZip(zip).get("file_2_b.csv"))).isEqualTo("b");
    }

    @Test
    void cancelledZipLeavesNoFile() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("export_2"));
        Files.write(folder.resolve("big.csv"), new byte[3 << 20]);
        Path zip = tmp.resolve("export_2.zip");
        AtomicInteger checks = new AtomicInteger();

        assertThatThrownBy(() -> ZipPackager.zip(folder, zip, () -> checks.incrementAndGet() > 2))
                .isInstanceOf(ConversionCancelledException.class);
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("export_2");
        }
    }

    @Test
    void progressNeverGoesBackAndWaitsForDeliveryBeforeReaching100() {
        List<JobProgress> seen = new ArrayList<>();
        ProgressTracker t = new ProgressTracker(new long[] {1000, 3000}, 0, seen::add);

        t.update(1, 1500, 3000);
        t.update(1, 900, 3000);      // a late, smaller report from the same file
        t.update(0, 2000, 4000);     // reported over two passes: scaled to the file's size
        t.fileFinished(0, true);
        t.fileFinished(1, false);

        assertThat(seen).extracting(JobProgress::progress).isSorted();
        assertThat(seen.get(seen.size() - 1).progress()).isEqualTo(99);
        assertThat(seen.get(seen.size() - 1).processedFiles()).isEqualTo(1);
        assertThat(seen.get(seen.size() - 1).failedFiles()).isEqualTo(1);
        assertThat(seen.get(0).bytesDone()).isEqualTo(1500);
        t.finish();
        assertThat(seen.get(seen.size() - 1).progress()).isEqualTo(100);
        assertThat(seen.get(seen.size() - 1).bytesDone()).isEqualTo(4000);
    }

    @Test
    void ledgerSurvivesReopeningAndForgets() throws Exception {
        ProgressLedger ledger = ProgressLedger.open(tmp);
        Manifest.OutputEntry out = new Manifest.OutputEntry("file_1_a.csv", 3, "abc", 1, null, 2L, 1,
                List.of(new Manifest.ColumnEntry("x", "long")), List.of(), List.of());
        ledger.record(1, new ProgressLedger.Entry("src", List.of(out), null));

        ProgressLedger again = ProgressLedger.open(tmp);
        assertThat(again.get(1)).hasValueSatisfying(e -> assertThat(e.outputs()).containsExactly(out));
        again.forget(1);
        assertThat(ProgressLedger.open(tmp).get(1)).isEmpty();
    }
}
