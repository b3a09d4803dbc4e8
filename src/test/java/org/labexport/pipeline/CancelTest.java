package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;

/** Cancel in the middle of a ~200 MB file: stops within a second and leaves nothing behind. */
class CancelTest {
    @TempDir
    static Path tmp;
    static AppServices services;
    static PipelineFixture fx;
    static ExportRunner runner;
    static DataFile big;

    @BeforeAll
    static void open() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
        runner = new ExportRunner(services);
        big = fx.aLargeCsv("large.csv", 200);
    }

    @AfterAll
    static void close() {
        runner.close();
        services.close();
    }

    @Test
    void cancelStopsMidFileWithinASecondAndLeavesNothing() throws Exception {
        ExportJob job = fx.create(fx.request(ExportFormat.JSON, List.of(big)).compress(true));
        runner.submit(job.getId());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> {
            ExportJob j = services.exports().getExportJob(job.getId()).orElseThrow();
            return j.getStatus() == ExportStatus.PROCESSING && j.getBytesDone() > 0;
        });
        Path work = services.home().work().resolve(job.getJobKey());
        assertThat(work).isDirectory();

        long start = System.nanoTime();
        runner.cancel(job.getId());
        ExportJob done = runner.completion(job.getId()).get(10, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.CANCELLED);
        assertThat(done.getProgress()).isLessThan(100);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(1));
        assertThat(work).doesNotExist();
        assertThat(services.home().defaultExports().resolve(job.getJobKey() + ".zip")).doesNotExist();
        assertThat(services.home().defaultExports().resolve(job.getJobKey())).doesNotExist();
    }

    @Test
    void cancelFromAnotherProcessStopsTheJobWithinASecond() throws Exception {
        ExportJob job = fx.create(fx.request(ExportFormat.JSON, List.of(big)).compress(true));
        runner.submit(job.getId());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
                services.exports().getExportJob(job.getId()).orElseThrow().getBytesDone() > 0);

        Process cancel = Subprocesses.labexport(services.home().root(), "jobs", "cancel", job.getId().toString());
        assertThat(cancel.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long cancelledAt = System.nanoTime();
        assertThat(cancel.exitValue()).as(Subprocesses.output(cancel)).isZero();
        ExportJob done = runner.completion(job.getId()).get(10, TimeUnit.SECONDS);
        Duration afterExit = Duration.ofNanos(System.nanoTime() - cancelledAt);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.CANCELLED);
        assertThat(afterExit).isLessThan(Duration.ofSeconds(1));
        assertThat(services.home().work().resolve(job.getJobKey())).doesNotExist();
        assertThat(services.home().defaultExports().resolve(job.getJobKey())).doesNotExist();
    }

    @Test
    void ctrlCInTheExportCommandCancelsTheJobAndCleansUp() throws Exception {
        Process export = Subprocesses.labexport(services.home().root(), "export", big.getPath(), "--format", "json",
                "--compress");
        String output;
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() ->
                    !export.isAlive() || services.exports().listExportJobs(
                            org.labexport.job.JobQuery.all().withStatus(ExportStatus.PROCESSING)).stream()
                            .anyMatch(j -> j.getBytesDone() > 0));
            assertThat(export.isAlive()).isTrue();
            new ProcessBuilder("kill", "-INT", Long.toString(export.pid())).start().waitFor();
            assertThat(export.waitFor(30, TimeUnit.SECONDS)).isTrue();
            output = Subprocesses.output(export);
        } finally {
            export.destroyForcibly();
        }
        ExportJob job = services.exports().listExportJobs(org.labexport.job.JobQuery.all()).get(0);

        assertThat(job.getStatus()).as(output).isEqualTo(ExportStatus.CANCELLED);
        assertThat(output).contains("Cancelling " + job.getJobKey());
        assertThat(services.home().work().resolve(job.getJobKey())).doesNotExist();
        assertThat(services.home().defaultExports().resolve(job.getJobKey() + ".zip")).doesNotExist();
    }
}
