package org.labexport.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.app.AppServices;
import org.labexport.base.AppHome;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobQuery;
import org.labexport.persistence.DatabaseTarget;
import org.labexport.testing.LabDatabase;

/**
 * The shared job queue on a real PostgreSQL server, with real processes: workstations queue, headless workers claim
 * with FOR UPDATE SKIP LOCKED, a worker killed by SIGKILL loses its job to another, a cancel from a third process
 * reaches the worker.
 */
class SharedQueueTest {
    @TempDir
    Path dir;

    private Map<String, String> env;
    private AppServices lab;
    private final List<LabProcesses.Running> started = new ArrayList<>();

    @BeforeEach
    void labDatabase() throws Exception {
        DatabaseTarget target = LabDatabase.freshDatabase();
        env = LabDatabase.environment(target);
        // This test's own view of the lab, as a workstation would open it.
        lab = AppServices.open(new AppHome(dir.resolve("observer")), Clock.systemUTC(), env);
    }

    @AfterEach
    void stopProcesses() throws Exception {
        for (LabProcesses.Running r : started) {
            r.process().destroyForcibly();
            r.process().waitFor(10, TimeUnit.SECONDS);
        }
        lab.close();
    }

    @Test
    void twoWorkstationsQueueFortyJobsAndTwoWorkersRunEachExactlyOnce() throws Exception {
        Path a = csv("a.csv");
        Path b = csv("b.csv");
        LabProcesses.Running w1 = start(LabProcesses.labexport(dir.resolve("w1"), env, "worker", "--max-jobs", "2"));
        LabProcesses.Running w2 = start(LabProcesses.labexport(dir.resolve("w2"), env, "worker", "--max-jobs", "2"));
        LabProcesses.Running q1 = start(LabProcesses.java(dir.resolve("q1"), env, QueueJobsMain.class.getName(),
                "20", "q1", a.toString()));
        LabProcesses.Running q2 = start(LabProcesses.java(dir.resolve("q2"), env, QueueJobsMain.class.getName(),
                "20", "q2", a.toString(), b.toString()));
        assertThat(q1.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(q2.process().waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(q1.process().exitValue()).as(q1.output()).isZero();
        assertThat(q2.process().exitValue()).as(q2.output()).isZero();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                lab.exports().listExportJobs(JobQuery.all().withStatus(ExportStatus.COMPLETED)).size() == 40);
        List<ExportJob> jobs = lab.exports().listExportJobs(JobQuery.all());
        assertThat(jobs).hasSize(40).allSatisfy(j -> {
            assertThat(j.getStatus()).isEqualTo(ExportStatus.COMPLETED);
            assertThat(j.getAttempts()).as(j.getJobKey() + " claims").isEqualTo(1);
            assertThat(j.getClaimedBy()).as(j.getJobKey()).satisfiesAnyOf(c -> assertThat(c).endsWith(":" + w1.pid()),
                            c -> assertThat(c).endsWith(":" + w2.pid()));
        });

        // Each worker's log names every job it claimed; together they name each of the 40 once.
        stopGracefully(w1);
        stopGracefully(w2);
        List<String> claimed = new ArrayList<>(claimedKeys(w1));
        claimed.addAll(claimedKeys(w2));
        assertThat(claimed).hasSize(40).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(jobs.stream().map(ExportJob::getJobKey).toList());
        assertThat(w1.output()).contains("stopped after " + claimedKeys(w1).size() + " job(s)");
    }

    @Test
    void aWorkerKilledMidJobLosesItToAnotherWhichFinishesIt() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(csv("part" + i + ".csv").toString());
        }
        LabProcesses.Running slow = start(LabProcesses.java(dir.resolve("slow"), env,
                SlowWorkerMain.class.getName(), "400"));
        ExportJob job = queue(files);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ExportJob j = lab.exports().getExportJob(job.getId()).orElseThrow();
            return j.getStatus() == ExportStatus.PROCESSING && j.getProcessedFiles() >= 1;
        });
        assertThat(lab.exports().getExportJob(job.getId()).orElseThrow().getClaimedBy()).endsWith(":" + slow.pid());
        LabProcesses.Running other = start(LabProcesses.labexport(dir.resolve("other"), env, "worker"));

        slow.process().destroyForcibly(); // SIGKILL: no hook runs, the claim is left behind with its heartbeat
        assertThat(slow.process().waitFor(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(60)).until(() ->
                lab.exports().getExportJob(job.getId()).orElseThrow().getStatus() == ExportStatus.COMPLETED);
        ExportJob done = lab.exports().getExportJob(job.getId()).orElseThrow();
        assertThat(done.getClaimedBy()).endsWith(":" + other.pid());
        assertThat(done.getAttempts()).isEqualTo(2);
        assertThat(done.getProcessedFiles()).isEqualTo(6);
        assertThat(done.getFailedFiles()).isZero();
        assertThat(Path.of(done.getOutputPath())).isDirectory();
        await().atMost(Duration.ofSeconds(5)).until(() ->
                other.output().contains(job.getJobKey() + " resumed (its worker stopped)"));
        stopGracefully(other);
    }

    @Test
    void aCancelFromAThirdProcessStopsTheWorkersJobWithinTwoSeconds() throws Exception {
        List<String> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(csv("part" + i + ".csv").toString());
        }
        LabProcesses.Running worker = start(LabProcesses.java(dir.resolve("worker"), env,
                SlowWorkerMain.class.getName(), "500"));
        ExportJob job = queue(files);
        await().atMost(Duration.ofSeconds(60)).until(() ->
                lab.exports().getExportJob(job.getId()).orElseThrow().getStatus() == ExportStatus.PROCESSING);

        LabProcesses.Running cancel = start(LabProcesses.labexport(dir.resolve("third"), env, "jobs", "cancel",
                String.valueOf(job.getId())));
        assertThat(cancel.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        long cancelledAt = System.nanoTime();
        assertThat(cancel.process().exitValue()).as(cancel.output()).isZero();

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() ->
                worker.output().contains(job.getJobKey() + " cancelled"));
        long reachedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelledAt);
        assertThat(reachedMs).isLessThan(2000);
        assertThat(lab.exports().getExportJob(job.getId()).orElseThrow().getStatus())
                .isEqualTo(ExportStatus.CANCELLED);
        assertThat(dir.resolve("worker/work").resolve(job.getJobKey()).resolve(job.getJobKey())).doesNotExist();
    }

    private ExportJob queue(List<String> files) throws Exception {
        LabProcesses.Running q = start(LabProcesses.labexport(dir.resolve("workstation"), env,
                concat(List.of("export"), files, List.of("--format", "json", "--queue", "--json"))));
        assertThat(q.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(q.process().exitValue()).as(q.output()).isZero();
        List<ExportJob> jobs = lab.exports().listExportJobs(JobQuery.all());
        assertThat(jobs).hasSize(1);
        return jobs.get(0);
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all.toArray(String[]::new);
    }

    private LabProcesses.Running start(LabProcesses.Running r) {
        started.add(r);
        return r;
    }

    /** SIGTERM, and the worker ends on its own, saying so. */
    private static void stopGracefully(LabProcesses.Running worker) throws InterruptedException {
        worker.process().toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        assertThat(worker.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(worker.output()).contains(" stopped after "));
    }

    private static Set<String> claimedKeys(LabProcesses.Running worker) {
        Set<String> keys = new HashSet<>();
        Matcher m = Pattern.compile("(export_\\d+_\\d+) claimed").matcher(worker.output());
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }

    private Path csv(String name) throws Exception {
        Path p = dir.resolve("data").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "id,value\n1,2.5\n2,3.5\n");
        return p;
    }
}
