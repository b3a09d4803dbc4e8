package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;
import org.labexport.app.AppServices;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobQuery;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code labexport export} in a real process: the job ends cancelled, its work
 * folder and partial output are gone, and the process exits 128 + the signal (docs/decisions/0071).
 */
class SignalCancelTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCCancelsTheExportRemovesItsWorkAndExits130() throws Exception {
        assumeTrue(signalNotIgnored(2), "this test runs with SIGINT ignored (inherited), as in a background job");
        interruptRunningExport("INT", 130);
    }

    @Test
    void sigtermDoesTheSameAndExits143() throws Exception {
        interruptRunningExport("TERM", 143);
    }

    private void interruptRunningExport(String signal, int expectedExit) throws Exception {
        Path home = dir.resolve("home");
        Path out = dir.resolve("out");
        Path input = bigCsv();
        LabExportProcess export = LabExportProcess.start(home, dir.resolve("logs"), "export", Map.of(), "export",
                input.toString(), "--format", "parquet", "--dest", out.toString());
        Path work = home.resolve("work");
        // Signal once the job is running: its work folder exists and holds more than the owner lock.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> workFiles(work) > 1);
        export.signal(signal);

        assertThat(export.process().waitFor(60, TimeUnit.SECONDS)).as("export stopped").isTrue();
        assertThat(export.process().exitValue()).as(export.stderr()).isEqualTo(expectedExit);
        assertThat(export.stderr()).contains("Cancelling").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(export.stdout()).contains("cancelled");
        assertThat(workFiles(work)).isZero();
        assertThat(Files.exists(out) ? Files.list(out).count() : 0).as("nothing delivered").isZero();
        try (AppServices services = AppServices.open(new AppHome(home))) {
            assertThat(services.exports().listExportJobs(JobQuery.all())).singleElement()
                    .extracting(ExportJob::getStatus).isEqualTo(ExportStatus.CANCELLED);
        }
    }

    private Path bigCsv() throws IOException {
        Path input = dir.resolve("big.csv");
        try (var w = Files.newBufferedWriter(input)) {
            w.write("id,x,y,label,n\n");
            for (int i = 0; i < 1_500_000; i++) {
                w.write(i + "," + (i * 0.25) + "," + (i % 97) * 1.5 + ",label" + (i % 1000) + "," + (i % 13) + "\n");
            }
        }
        return input;
    }

    private static long workFiles(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(work)) {
            return files.filter(p -> !p.equals(work)).count();
        }
    }

    /** Linux: whether this JVM (and so its children) receives the signal, from the SigIgn mask. */
    private static boolean signalNotIgnored(int number) throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return true;
        }
        try (Stream<String> lines = Files.lines(status)) {
            return lines.filter(l -> l.startsWith("SigIgn:")).findFirst()
                    .map(l -> (Long.parseUnsignedLong(l.substring(7).trim(), 16) & (1L << (number - 1))) == 0)
                    .orElse(true);
        }
    }
}
