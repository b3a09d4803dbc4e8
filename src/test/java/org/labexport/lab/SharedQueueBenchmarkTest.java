package org.labexport.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.app.AppServices;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.base.AppHome;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ClaimedJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobQuery;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.RunnerOptions;
import org.labexport.testing.LabDatabase;

/**
 * Throughput of the shared queue on a real PostgreSQL: jobs per minute through two workers (each with its own
 * services and connection pool, as two processes would have) on tiny files, and the latency of one claim
 * ({@code FOR UPDATE SKIP LOCKED} plus the update) with two claimers racing. Run on demand:
 * {@code mvn -B -o -q test -Dtest=SharedQueueBenchmarkTest -Dlabexport.bench=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "labexport.bench", matches = "true")
class SharedQueueBenchmarkTest {
    private static final int JOBS = Integer.getInteger("bench.queue.jobs", 200);

    @TempDir
    Path dir;

    @Test
    void jobsPerMinuteWithTwoWorkersAndClaimLatency() throws Exception {
        Map<String, String> env = LabDatabase.environment(LabDatabase.freshDatabase());
        Path csv = dir.resolve("tiny.csv");
        Files.writeString(csv, "id,value\n1,2.5\n2,3.5\n");
        try (LabExportApp ws = open(dir.resolve("ws"), env)) {
            for (int i = 0; i < JOBS; i++) {
                ws.queueExport(ExportRequest.of(List.of(csv), NewExportJob.builder().name("bench-" + i)
                        .format(ExportFormat.JSON).build()));
            }
        }
        try (LabExportApp w1 = open(dir.resolve("w1"), env); LabExportApp w2 = open(dir.resolve("w2"), env)) {
            long start = System.nanoTime();
            Thread t1 = new Thread(() -> w1.worker(2, true, line -> { }).run());
            Thread t2 = new Thread(() -> w2.worker(2, true, line -> { }).run());
            t1.start();
            t2.start();
            t1.join();
            t2.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(w1.jobs(JobQuery.all().withStatus(ExportStatus.COMPLETED))).hasSize(JOBS);
            System.out.printf("BENCH shared queue: %d tiny jobs, 2 workers x 2 jobs at once: %.1f s, %.0f jobs/min%n",
                    JOBS, seconds, JOBS / seconds * 60);
        }

        // Claim latency alone: two claimers take jobs from a full queue at once.
        try (LabExportApp ws = open(dir.resolve("ws"), env)) {
            for (int i = 0; i < JOBS; i++) {
                ws.queueExport(ExportRequest.of(List.of(csv), NewExportJob.builder().name("claim-" + i)
                        .format(ExportFormat.JSON).build()));
            }
        }
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        try (LabExportApp c1 = open(dir.resolve("c1"), env); LabExportApp c2 = open(dir.resolve("c2"), env)) {
            Thread[] claimers = new Thread[2];
            LabExportApp[] apps = {c1, c2};
            for (int i = 0; i < 2; i++) {
                LabExportApp app = apps[i];
                String owner = "bench:" + i;
                claimers[i] = new Thread(() -> {
                    while (true) {
                        long t = System.nanoTime();
                        Optional<ClaimedJob> c = app.services().exports().claimNext(owner, Duration.ofMinutes(1));
                        if (c.isEmpty()) {
                            return;
                        }
                        nanos.add(System.nanoTime() - t);
                    }
                });
                claimers[i].start();
            }
            for (Thread t : claimers) {
                t.join();
            }
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        assertThat(sorted).hasSize(JOBS);
        System.out.printf("BENCH claim latency over %d claims by 2 racing claimers: p50 %.2f ms, p95 %.2f ms,"
                        + " max %.2f ms%n", sorted.size(), sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() * 95 / 100) / 1e6, sorted.get(sorted.size() - 1) / 1e6);
    }

    private static LabExportApp open(Path home, Map<String, String> env) {
        return LabExportApp.over(AppServices.open(new AppHome(home), Clock.systemUTC(), env),
                RunnerOptions.defaults().withEnvironment(env));
    }
}
