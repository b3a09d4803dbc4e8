package org.labexport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.TestHome.MutableClock;
import org.labexport.app.AppServices;
import org.labexport.convert.ExportFormat;

/** Statistics, deletion, expiry, events, progress throttling and cross-process polling on a real H2 database. */
class DataExportServiceTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock();
    private AppServices services;
    private DataExportService exports;
    private JobFixtures fixtures;

    @BeforeEach
    void open() {
        services = TestHome.open(dir.resolve("home"), clock);
        exports = services.exports();
        fixtures = new JobFixtures(services, dir);
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void statisticsCountEveryStatusAndFormatWithZeros() {
        fixtures.aPendingJob();
        fixtures.aProcessingJob();
        fixtures.aCompletedJob(1000, 3);
        fixtures.aCompletedJob(500, 2);
        fixtures.aFailedJob();
        exports.createExportJob(fixtures.aRequest().format(ExportFormat.PARQUET).build());

        ExportStatistics stats = exports.getExportStatistics();

        assertThat(stats.totalJobs()).isEqualTo(6);
        assertThat(stats.byStatus()).containsExactly(
                Map.entry(ExportStatus.PENDING, 2L), Map.entry(ExportStatus.PROCESSING, 1L),
                Map.entry(ExportStatus.COMPLETED, 2L), Map.entry(ExportStatus.FAILED, 1L),
                Map.entry(ExportStatus.CANCELLED, 0L));
        assertThat(stats.byFormat()).hasSize(7).containsEntry(ExportFormat.CSV, 5L)
                .containsEntry(ExportFormat.PARQUET, 1L).containsEntry(ExportFormat.ZIP, 0L);
        assertThat(stats.totalSizeBytes()).isEqualTo(1500);
        assertThat(stats.totalFilesExported()).isEqualTo(5);
    }

    @Test
    void statisticsOfAnEmptyDatabaseAreAllZero() {
        ExportStatistics stats = exports.getExportStatistics();
        assertThat(stats.totalJobs()).isZero();
        assertThat(stats.byStatus()).hasSize(5).allSatisfy((s, n) -> assertThat(n).isZero());
        assertThat(stats.totalSizeBytes()).isZero();
    }

    private ExportJob completedWithOutput(int ttlHours, Path output) {
        ExportJob job = exports.createExportJob(fixtures.aRequest().ttlHours(ttlHours).build());
        exports.markProcessing(job.getId());
        return exports.markCompleted(job.getId(),
                new CompletedExport(output.toString(), 10, null, 1, 0, null, List.of()));
    }

    @Test
    void cleanupDeletesExpiredJobsAndTheirManagedOutputButNeverAUserFolder() throws IOException {
        Path managed = Files.createDirectories(services.home().defaultExports().resolve("export_old"));
        Files.writeString(managed.resolve("data.csv"), "a\n1\n");
        Path userFolder = Files.createDirectories(dir.resolve("my-paper-figures/export_mine"));
        Path userFile = Files.writeString(userFolder.resolve("data.csv"), "a\n1\n");
        Path keptFile = Files.writeString(services.home().defaultExports().resolve("kept.zip"), "zip");
        ExportJob expiring = completedWithOutput(1, managed);
        ExportJob expiringInUserFolder = completedWithOutput(1, userFolder);
        ExportJob kept = completedWithOutput(48, keptFile);
        ExportJob pendingExpiring = exports.createExportJob(fixtures.aRequest().ttlHours(1).build());
        ExportJob runningExpiring = exports.markProcessing(
                exports.createExportJob(fixtures.aRequest().ttlHours(1).build()).getId());

        assertThat(exports.cleanupExpiredJobs()).isZero();
        clock.advance(Duration.ofHours(2));

        assertThat(exports.cleanupExpiredJobs()).isEqualTo(3);
        assertThat(exports.getExportJob(expiring.getId())).isEmpty();
        assertThat(exports.getExportJob(expiringInUserFolder.getId())).isEmpty();
        assertThat(exports.getExportJob(pendingExpiring.getId())).isEmpty();
        assertThat(managed).doesNotExist();
        assertThat(userFile).hasContent("a\n1\n");
        assertThat(exports.getExportJob(kept.getId())).isPresent();
        assertThat(exports.getExportJob(runningExpiring.getId())).isPresent();
        assertThat(keptFile).exists();
    }

    @Test
    void anExplicitDeleteRemovesTheOutputEvenInAUserFolder() throws IOException {
        Path userFolder = Files.createDirectories(dir.resolve("chosen/export_x"));
        Files.writeString(userFolder.resolve("data.csv"), "a\n");
        ExportJob job = completedWithOutput(48, userFolder);
        exports.deleteExportJob(job.getId());
        assertThat(userFolder).doesNotExist();
    }

    @Test
    void aSymbolicLinkIntoTheHomeDoesNotMakeAUserFolderManaged() throws IOException {
        Path real = Files.createDirectories(dir.resolve("real-user-folder/export_y"));
        Files.writeString(real.resolve("data.csv"), "a\n");
        Path link = Files.createSymbolicLink(services.home().root().resolve("link"), dir.resolve("real-user-folder"));
        ExportJob job = completedWithOutput(1, link.resolve("export_y"));
        clock.advance(Duration.ofHours(2));
        assertThat(exports.cleanupExpiredJobs()).isEqualTo(1);
        assertThat(exports.getExportJob(job.getId())).isEmpty();
        assertThat(real.resolve("data.csv")).exists();
    }

    @Test
    void deleteRemovesTheJobAndItsOutputThroughTheRegisteredRemover() throws IOException {
        Path out = Files.writeString(dir.resolve("result.csv"), "x");
        ExportJob job = completedWithOutput(48, out);
        exports.deleteExportJob(job.getId());
        assertThat(out).doesNotExist();
        assertThat(exports.getExportJob(job.getId())).isEmpty();

        List<String> removed = new CopyOnWriteArrayList<>();
        exports.registerOutputRemover(removing(j -> removed.add(j.getOutputPath())));
        ExportJob remote = completedWithOutput(48, Path.of("/nonexistent/remote-object"));
        exports.deleteExportJob(remote.getId());
        assertThat(removed).containsExactly("/nonexistent/remote-object");
        assertThatThrownBy(() -> exports.deleteExportJob(remote.getId())).isInstanceOf(JobNotFoundException.class);
    }

    @Test
    void deleteKeepsTheJobWhenItsOutputCannotBeRemoved() {
        ExportJob job = completedWithOutput(48, dir.resolve("x"));
        exports.registerOutputRemover(removing(j -> {
            throw new IOException("bucket unreachable");
        }));
        assertThatThrownBy(() -> exports.deleteExportJob(job.getId()))
                .isInstanceOf(JobOperationException.class).hasMessageContaining("bucket unreachable");
        assertThat(exports.getExportJob(job.getId())).isPresent();
    }

    @Test
    void aProcessingJobMustBeCancelledBeforeDeletion() {
        ExportJob job = fixtures.aProcessingJob();
        assertThatThrownBy(() -> exports.deleteExportJob(job.getId()))
                .isInstanceOf(IllegalJobTransitionException.class).hasMessageContaining("cancel it");
        exports.cancelExportJob(job.getId());
        exports.deleteExportJob(job.getId());
        assertThat(exports.getExportJob(job.getId())).isEmpty();
    }

    @Test
    void listenersHearEveryKindOfChangeWithDetachedCopies() {
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        exports.addListener(events::add);
        ExportJob job = fixtures.aPendingJob();
        exports.markProcessing(job.getId());
        exports.updateJobProgress(job.getId(), new JobProgress(50, 1, 0, 10, 20));
        exports.cancelExportJob(job.getId());
        exports.deleteExportJob(job.getId());

        assertThat(events).extracting(JobEvent::type).containsExactly(JobEvent.Type.CREATED, JobEvent.Type.STATUS,
                JobEvent.Type.PROGRESS, JobEvent.Type.STATUS, JobEvent.Type.DELETED);
        assertThat(events).allSatisfy(e -> assertThat(e.jobId()).isEqualTo(job.getId()));
        assertThat(events.get(2).job().getProgress()).isEqualTo(50);
        assertThat(events.get(2).job().getStatus()).isEqualTo(ExportStatus.PROCESSING);
        assertThat(events.get(3).job().getStatus()).isEqualTo(ExportStatus.CANCELLED);
        assertThat(events.get(4).job()).isNull();
        assertThat(events.get(1).job()).isNotSameAs(events.get(3).job());
        assertThatThrownBy(() -> events.get(0).job().getFileIds().add(1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFailingListenerDoesNotBreakTheServiceOrOtherListeners() {
        AtomicInteger heard = new AtomicInteger();
        exports.addListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        exports.addListener(e -> heard.incrementAndGet());
        fixtures.aPendingJob();
        assertThat(heard).hasValue(1);
    }

    @Test
    void thousandsOfProgressEventsBecomeFewDatabaseWritesButListenersSeeAll() {
        ExportJob job = fixtures.aProcessingJob();
        long versionBefore = exports.getExportJob(job.getId()).orElseThrow().getVersion();
        AtomicInteger progressEvents = new AtomicInteger();
        exports.addListener(e -> {
            if (e.type() == JobEvent.Type.PROGRESS) {
                progressEvents.incrementAndGet();
            }
        });
        int n = 5000;
        long start = System.nanoTime();
        for (int i = 1; i <= n; i++) {
            exports.updateJobProgress(job.getId(), new JobProgress(i * 100 / n, i / 50, 0, i, n));
        }
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(progressEvents).hasValue(n);
        // The trailing flush stores the last value soon after the burst.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(exports.getExportJob(job.getId()).orElseThrow().getBytesDone()).isEqualTo(n));
        ExportJob stored = exports.getExportJob(job.getId()).orElseThrow();
        long writes = stored.getVersion() - versionBefore;
        assertThat(writes).isGreaterThanOrEqualTo(1).isLessThanOrEqualTo(elapsedMs / 500 + 2);
        assertThat(stored.getProgress()).isEqualTo(100);
        assertThat(stored.getProcessedFiles()).isEqualTo(n / 50);
    }

    @Test
    void aStatusChangeStoresTheLatestThrottledProgress() {
        ExportJob job = fixtures.aProcessingJob();
        exports.updateJobProgress(job.getId(), new JobProgress(10, 1, 0, 100, 1000));  // written at once
        exports.updateJobProgress(job.getId(), new JobProgress(70, 7, 2, 700, 1000));  // throttled
        ExportJob failed = exports.markFailed(job.getId(), "stopped");
        assertThat(failed.getProcessedFiles()).isEqualTo(7);
        ExportJob stored = exports.getExportJob(job.getId()).orElseThrow();
        assertThat(stored.getProgress()).isEqualTo(70);
        assertThat(stored.getFailedFiles()).isEqualTo(2);
        assertThat(stored.getBytesDone()).isEqualTo(700);
    }

    @Test
    void progressOfAFinishedJobIsIgnored() {
        ExportJob job = fixtures.aCancelledJob();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        exports.addListener(events::add);
        exports.updateJobProgress(job.getId(), new JobProgress(50, 1, 0, 1, 2));
        assertThat(events).isEmpty();
        assertThat(exports.getExportJob(job.getId()).orElseThrow().getProgress()).isZero();
    }

    @Test
    void pollSeesJobsCreatedChangedAndDeletedElsewhere() {
        ExportJob changedElsewhere = fixtures.aPendingJob();
        ExportJob deletedElsewhere = fixtures.aPendingJob();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        exports.addListener(events::add);
        exports.pollExternalChanges();
        assertThat(events).isEmpty();

        // A second set of services on the same database stands in for another process here; the
        // subprocess version of this check is in CliSubprocessTest.
        ExportJob createdElsewhere;
        try (AppServices other = TestHome.open(dir.resolve("home"), clock)) {
            createdElsewhere = other.exports().createExportJob(fixtures.aRequest().build());
            other.exports().cancelExportJob(changedElsewhere.getId());
            other.exports().deleteExportJob(deletedElsewhere.getId());
        }
        exports.pollExternalChanges();

        assertThat(events).extracting(JobEvent::type, JobEvent::jobId).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(JobEvent.Type.CREATED, createdElsewhere.getId()),
                org.assertj.core.groups.Tuple.tuple(JobEvent.Type.STATUS, changedElsewhere.getId()),
                org.assertj.core.groups.Tuple.tuple(JobEvent.Type.DELETED, deletedElsewhere.getId()));
        events.clear();
        exports.pollExternalChanges();
        assertThat(events).isEmpty();
    }

    @Test
    void racingFinishesOfOneJobLeaveExactlyOneWinner() throws Exception {
        ExportJob job = fixtures.aProcessingJob();
        int threads = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<ExportStatus>> results = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int n = i;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return switch (n % 3) {
                            case 0 -> exports.cancelExportJob(job.getId()).getStatus();
                            case 1 -> exports.markFailed(job.getId(), "racer " + n).getStatus();
                            default -> exports.markCompleted(job.getId(),
                                    new CompletedExport(null, 1, null, 1, 0, null, List.of())).getStatus();
                        };
                    } catch (IllegalJobTransitionException e) {
                        return null;
                    }
                }));
            }
            go.countDown();
            List<ExportStatus> winners = new java.util.ArrayList<>();
            for (var f : results) {
                ExportStatus st = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                if (st != null) {
                    winners.add(st);
                }
            }
            assertThat(winners).hasSize(1);
            assertThat(exports.getExportJob(job.getId()).orElseThrow().getStatus()).isEqualTo(winners.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void setDownloadUrlStoresAFreshLink() {
        ExportJob job = fixtures.aCompletedJob(1, 1);
        exports.setDownloadUrl(job.getId(), "https://minio.local/b/k?sig=new");
        assertThat(exports.getExportJob(job.getId()).orElseThrow().getDownloadUrl())
                .isEqualTo("https://minio.local/b/k?sig=new");
    }

    /** A remover that manages every output, made from what its removal does. */
    private static OutputRemover removing(Removal removal) {
        return new OutputRemover() {
            @Override
            public void removeOutput(ExportJob job) throws IOException {
                removal.remove(job);
            }

            @Override
            public boolean isManaged(ExportJob job) {
                return true;
            }
        };
    }

    private interface Removal {
        void remove(ExportJob job) throws IOException;
    }
}
