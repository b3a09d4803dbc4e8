package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.job.ExportJob;
import org.labexport.job.JobEvent;
import org.labexport.job.JobFixtures;
import org.labexport.job.JobProgress;
import org.labexport.ui.common.FxEventAdapter;
import org.testfx.api.FxToolkit;

/** The coalescing adapter between the service's worker-thread events and the FX thread, on a real service. */
class FxEventAdapterTest {
    @TempDir
    Path tmp;
    private AppServices services;
    private JobFixtures fixtures;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        fixtures = new JobFixtures(services, Files.createDirectories(tmp.resolve("data")));
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void thousandsOfProgressEventsFromWorkersReachTheFxThreadCoalescedWithTheLatestValues() throws Exception {
        int jobs = 4;
        int updates = 2_500;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            ids.add(fixtures.aProcessingJob().getId());
        }
        Map<Long, ExportJob> latestSeen = new ConcurrentHashMap<>();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger batchesWithDuplicates = new AtomicInteger();
        AtomicInteger offFxThread = new AtomicInteger();
        FxEventAdapter adapter = new FxEventAdapter(batch -> {
            if (!Platform.isFxApplicationThread()) {
                offFxThread.incrementAndGet();
            }
            delivered.addAndGet(batch.size());
            if (batch.stream().map(JobEvent::jobId).distinct().count() != batch.size()) {
                batchesWithDuplicates.incrementAndGet();
            }
            batch.forEach(e -> latestSeen.put(e.jobId(), e.job()));
        });
        services.exports().addListener(adapter);

        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (long id : ids) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 1; i <= updates; i++) {
                    services.exports().updateJobProgress(id,
                            new JobProgress(i * 100 / updates, i / 100, 0, i, updates));
                }
            }, "worker-" + id);
            t.start();
            workers.add(t);
        }
        start.countDown();
        for (Thread t : workers) {
            t.join();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> latestSeen.containsKey(id) && latestSeen.get(id).getBytesDone() == updates));
        int emitted = jobs * updates;
        System.out.printf("Coalescing: %d progress events emitted, %d delivered to the FX thread%n",
                emitted, delivered.get());
        assertThat(offFxThread.get()).isZero();
        assertThat(batchesWithDuplicates.get()).as("batches holding two events of one job").isZero();
        assertThat(delivered.get()).isLessThan(emitted / 2);
        assertThat(latestSeen.values()).allSatisfy(j -> assertThat(j.getProgress()).isEqualTo(100));
    }

    @Test
    void aLateProgressSnapshotNeverMovesAFinishedJobBack() {
        ExportJob processing = fixtures.aProcessingJob();
        ExportJob cancelled = services.exports().cancelExportJob(processing.getId());
        assertThat(FxEventAdapter.supersedes(cancelled, processing)).isFalse();
        assertThat(FxEventAdapter.supersedes(processing, cancelled)).isTrue();
    }

    @Test
    void anOlderSnapshotOfARunningJobNeverMovesItsProgressBarBack() {
        ExportJob job = fixtures.aProcessingJob();
        List<ExportJob> snapshots = new java.util.concurrent.CopyOnWriteArrayList<>();
        services.exports().addListener(e -> snapshots.add(e.job()));
        services.exports().updateJobProgress(job.getId(), new JobProgress(20, 2, 0, 200, 1000));
        services.exports().updateJobProgress(job.getId(), new JobProgress(40, 4, 0, 400, 1000));
        ExportJob at20 = snapshots.get(0);
        ExportJob at40 = snapshots.get(1);
        assertThat(at20.getProgress()).isEqualTo(20);
        assertThat(at40.getProgress()).isEqualTo(40);
        assertThat(FxEventAdapter.supersedes(at40, at20)).isFalse();
        assertThat(FxEventAdapter.supersedes(at20, at40)).isTrue();
    }
}
