package org.labexport.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.TestHome.MutableClock;
import org.labexport.base.AppHome;
import org.labexport.base.LabExportException;
import org.labexport.base.ValidationException;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.RunnerOptions;

/** The use cases of the application layer on a real home: what both front ends get. */
class LabExportAppTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private LabExportApp app;

    @BeforeEach
    void open() {
        app = LabExportApp.over(TestHome.open(dir.resolve("home"), clock), RunnerOptions.defaults());
    }

    @AfterEach
    void close() {
        app.close();
    }

    private Path csv(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static NewExportJob.Builder csvJob() {
        return NewExportJob.builder().format(ExportFormat.CSV);
    }

    @Test
    void aRejectedRequestAddsNothingToTheCatalog() throws Exception {
        Path a = csv("a.csv", "x\n1\n");
        assertThatThrownBy(() -> app.queueExport(ExportRequest.of(List.of(a), csvJob().ttlHours(0).build())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("ttl_hours")
                .satisfies(e -> assertThat(((LabExportException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> app.queueExport(ExportRequest.of(List.of(a),
                csvJob().exportOptions(java.util.Map.of("delimiter", "abc")).build())))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> app.queueExport(ExportRequest.of(List.of(a, dir.resolve("missing.csv")),
                csvJob().build()))).isInstanceOf(ValidationException.class).hasMessageContaining("missing.csv");
        assertThat(app.files()).isEmpty();
    }

    @Test
    void theDefaultNameIsTheSameRuleAsTheWindows() throws Exception {
        Path a = csv("plate-2024.csv", "x\n1\n");
        Path b = csv("b.csv", "x\n2\n");
        ExportJob job = app.queueExport(ExportRequest.of(List.of(a, b), csvJob().build()));
        assertThat(job.getName()).isEqualTo("plate-2024 and 1 more");
        assertThat(job.getStatus()).isEqualTo(ExportStatus.PENDING);
        assertThat(ExportNames.suggest(List.of("plate-2024.csv", "b.csv"))).isEqualTo(job.getName());
    }

    @Test
    void aQueuedJobIsRunByResume() throws Exception {
        ExportJob queued = app.queueExport(ExportRequest.of(List.of(csv("a.csv", "x\n1\n")), csvJob().build()));
        assertThat(app.job(queued.getId()).getStatus()).isEqualTo(ExportStatus.PENDING);
        assertThat(app.resume()).containsExactly(queued.getId());
        ExportJob done = app.completion(queued.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
    }

    @Test
    void deleteCancelsAnActiveJobFirstForBothFrontEnds() throws Exception {
        ExportJob pending = app.queueExport(ExportRequest.of(List.of(csv("a.csv", "x\n1\n")), csvJob().build()));
        ExportJob deleted = app.delete(pending.getJobKey());
        assertThat(deleted.getStatus()).isEqualTo(ExportStatus.CANCELLED);
        assertThatThrownBy(() -> app.job(pending.getId())).isInstanceOf(LabExportException.class)
                .hasMessageContaining("No export job");
    }

    @Test
    void whenEveryFileFailsAllAreListedAndProgressIsFull() throws Exception {
        Path bad1 = csv("bad1.parquet", "not a parquet file");
        Path bad2 = csv("bad2.json", "{ not json");
        ExportJob job = app.startExport(ExportRequest.of(List.of(bad1, bad2), csvJob().build()));
        ExportJob done = app.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getFailedFileIds()).containsExactlyInAnyOrderElementsOf(done.getFileIds()).hasSize(2);
        assertThat(done.getFailedFiles()).isEqualTo(2);
        assertThat(done.getProgress()).isEqualTo(100);
    }

    @Test
    void anExpiredJobNotYetCleanedUpOffersNoLink() throws Exception {
        ExportJob job = app.startExport(ExportRequest.of(List.of(csv("a.csv", "x\n1\n")),
                csvJob().ttlHours(1).build()));
        ExportJob done = app.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(app.downloadLink(done.getId())).startsWith("file:");
        clock.advance(Duration.ofHours(2));
        ExportJob shown = app.show(done.getId());
        assertThat(shown.isExpiredAt(clock.instant())).isTrue();
        assertThat(app.downloadLink(done.getId())).isNull();
        assertThat(app.cleanup()).isEqualTo(1);
    }

    @Test
    void retryOfFailedFilesExportsOnlyThose() throws Exception {
        Path good = csv("good.csv", "x\n1\n");
        Path bad = csv("bad.json", "{ not json");
        ExportJob job = app.startExport(ExportRequest.of(List.of(good, bad), csvJob().build()));
        ExportJob done = app.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getFailedFileIds()).hasSize(1);
        ExportJob retried = app.retryFailedFiles(done.getId());
        assertThat(retried.getFileIds()).isEqualTo(done.getFailedFileIds());
        assertThatThrownBy(() -> app.retryFailedFiles(app.completion(retried.getId()).get(60, TimeUnit.SECONDS)
                .getId() + 1000)).isInstanceOf(LabExportException.class);
    }

    @Test
    void theExpiryNoticeDependsOnWhoseFolderItIs() {
        AppHome home = app.home();
        assertThat(app.expiryNotice(null)).startsWith("When the export expires, it is deleted from "
                + home.defaultExports());
        assertThat(app.expiryNotice(dir.resolve("mine").toString())).contains("are yours and stay");
        assertThat(app.expiryNotice("s3://bucket/prefix")).contains("deleted from the bucket");
    }
}
