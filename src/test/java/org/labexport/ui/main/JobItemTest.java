package org.labexport.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.job.CompletedExport;
import org.labexport.job.ExportJob;
import org.labexport.job.JobFixtures;
import org.labexport.ui.common.Formats;

/** What a card says and offers for jobs read from a real database: expiry, kept local copies, counts, waiting. */
class JobItemTest {
    @TempDir
    Path dir;
    private AppServices services;
    private JobFixtures fixtures;

    @BeforeEach
    void open() throws Exception {
        services = TestHome.open(dir.resolve("home"));
        fixtures = new JobFixtures(services, Files.createDirectories(dir.resolve("data")));
    }

    @AfterEach
    void close() {
        services.close();
    }

    private ExportJob completedInto(Path output) {
        ExportJob j = services.exports().createExportJob(fixtures.aRequest().ttlHours(1).build());
        services.exports().markProcessing(j.getId());
        return services.exports().markCompleted(j.getId(),
                new CompletedExport(output.toString(), 10, null, 1, 0, null, List.of()));
    }

    @Test
    void anExpiredJobNotYetCleanedUpShowsAsExpiredAndOffersNoLinkToAnOutputExpiryRemoves() {
        ExportJob job = completedInto(services.home().defaultExports().resolve("x"));
        Instant later = job.getExpiresAt().plus(Duration.ofMinutes(1));

        JobItem before = new JobItem(job, job.getCreatedAt(), true);
        assertThat(before.getCardStatus()).isEqualTo(CardStatus.COMPLETED);
        assertThat(before.localResultProperty().get()).isTrue();

        JobItem managed = new JobItem(job, later, true);
        assertThat(managed.getCardStatus()).isEqualTo(CardStatus.EXPIRED);
        assertThat(managed.statusTextProperty().get()).isEqualTo("EXPIRED");
        assertThat(managed.localResultProperty().get()).as("Open folder / Copy link").isFalse();
        assertThat(managed.remoteResultProperty().get()).as("Open link").isFalse();
        assertThat(managed.detailsTextProperty().get()).contains("expired");

        // A folder the user chose is left alone by expiry: it can still be opened.
        JobItem userFolder = new JobItem(job, later, false);
        assertThat(userFolder.getCardStatus()).isEqualTo(CardStatus.EXPIRED);
        assertThat(userFolder.localResultProperty().get()).isTrue();
    }

    @Test
    void aJobExpiresOnItsCardWhenTheClockPassesItsExpiry() {
        ExportJob job = completedInto(services.home().defaultExports().resolve("y"));
        JobItem item = new JobItem(job, job.getCreatedAt(), true);
        item.refreshTimes(job.getExpiresAt().plusSeconds(1));
        assertThat(item.getCardStatus()).isEqualTo(CardStatus.EXPIRED);
        assertThat(item.localResultProperty().get()).isFalse();
    }

    @Test
    void aFailedUploadThatKeptALocalCopyOffersOpenFolder() {
        ExportJob j = services.exports().createExportJob(fixtures.aRequest().destination("s3://bucket/x").build());
        services.exports().markProcessing(j.getId());
        Path kept = services.home().defaultExports().resolve("kept");
        ExportJob failed = services.exports().markFailed(j.getId(), "The bucket is unreachable.", kept.toString(), 10);

        JobItem item = new JobItem(failed, Instant.now(), true);
        assertThat(item.getCardStatus()).isEqualTo(CardStatus.FAILED);
        assertThat(item.localResultProperty().get()).isTrue();
        assertThat(item.remoteResultProperty().get()).isFalse();
        assertThat(item.getProgress()).isEqualTo(1.0);
    }

    @Test
    void oneFileIsSingularAndSizesSayTheirBinaryUnits() {
        ExportJob job = completedInto(dir.resolve("out"));
        assertThat(new JobItem(job, Instant.now()).filesTextProperty().get()).startsWith("1 of 1 file ").doesNotContain("files");
        assertThat(Formats.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Formats.bytes(5L * 1024 * 1024)).isEqualTo("5.0 MiB");
    }

    @Test
    void aPendingJobSaysWhyItWaits() {
        assertThat(MainViewModel.waitingReason(2, 2)).isEqualTo("Waiting: 2 exports are running");
        assertThat(MainViewModel.waitingReason(1, 1)).isEqualTo("Waiting: 1 export is running");
        assertThat(MainViewModel.waitingReason(0, 2)).isEqualTo("Queued for a worker");
        JobItem pending = new JobItem(fixtures.aPendingJob(), Instant.now());
        pending.setWaitingReason("Waiting: 2 exports are running");
        assertThat(pending.speedTextProperty().get()).isEqualTo("Waiting: 2 exports are running");
    }

    @Test
    void theErrorsHeadlineCountsWhatFailed() {
        ExportJob failed = fixtures.aFailedJob();
        assertThat(MainViewModel.errorsHeader(failed)).isEqualTo("The export failed.");
        ExportJob j = services.exports().markProcessing(fixtures.aPendingJob().getId());
        ExportJob partial = services.exports().markCompleted(j.getId(), new CompletedExport(null, 1, null, 1, 1,
                "1 of 2 files could not be exported", List.of(j.getFileIds().get(0))));
        assertThat(MainViewModel.errorsHeader(partial)).startsWith("1 of ").contains("could not be exported");
        assertThat(CardStatus.of(partial, Instant.now())).isEqualTo(CardStatus.COMPLETED_WITH_ERRORS);
    }
}
