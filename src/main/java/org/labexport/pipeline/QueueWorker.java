package org.labexport.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.labexport.job.ClaimedJob;
import org.labexport.job.DataExportService;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A headless worker ({@code labexport worker}): takes queued jobs and runs them on an {@link ExportRunner}, at most
 * {@code maxJobs} at a time, until stopped, or with {@code once} until the queue is empty. On a lab's PostgreSQL
 * server it claims jobs with {@code FOR UPDATE SKIP LOCKED} and takes over jobs whose worker died; on the embedded
 * H2 database it relies on the work folder's file lock as every other runner does. Writes one line per job event.
 */
public final class QueueWorker {
    private static final Logger LOG = LoggerFactory.getLogger(QueueWorker.class);

    private final ExportRunner runner;
    private final DataExportService exports;
    private final int maxJobs;
    private final boolean once;
    private final Consumer<String> events;
    private final Set<Long> mine = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean stopping;
    private int jobsRun;

    /**
     * @param maxJobs how many jobs run at once
     * @param once    stop when the queue is empty and this worker's jobs have ended
     * @param events  receives one line per job event (claimed, resumed, completed, failed, cancelled, handed back)
     */
    public QueueWorker(ExportRunner runner, DataExportService exports, int maxJobs, boolean once,
                       Consumer<String> events) {
        this.runner = runner;
        this.exports = exports;
        this.maxJobs = Math.max(1, maxJobs);
        this.once = once;
        this.events = events;
    }

    /**
     * Runs jobs until {@link #stop()} (or, with once, until the queue is drained); then stops the runner, which hands
     * jobs still running back to the queue with their work kept.
     *
     * @return how many jobs this worker took
     */
    public int run() {
        runner.setMaxConcurrentJobs(maxJobs);
        say("worker " + runner.owner() + " started: at most " + maxJobs + " job(s) at once"
                + (exports.isSharedQueue() ? ", shared queue" : ", this workstation's queue")
                + (once ? ", until the queue is empty" : ""));
        try {
            while (!stopping) {
                boolean took = fill();
                if (once && !took && runner.busyJobs() == 0) {
                    break;
                }
                synchronized (wake) {
                    if (!stopping) {
                        wake.wait(runner.timing().idlePoll().toMillis());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            runner.close();
            say("worker " + runner.owner() + " stopped after " + jobsRun + " job(s)");
            finished.countDown();
        }
        return jobsRun;
    }

    /** Stops taking jobs and ends {@link #run()}: running jobs are interrupted and handed back (safe from any thread). */
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Waits until {@link #run()} has stopped the runner; for a shutdown hook. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes jobs while there is room; true if it took any. */
    private boolean fill() {
        boolean took = false;
        while (!stopping && runner.busyJobs() < maxJobs) {
            Optional<ClaimedJob> next = exports.isSharedQueue()
                    ? exports.claimNext(runner.owner(), runner.timing().staleAfter())
                    : nextOnThisWorkstation();
            if (next.isEmpty()) {
                break;
            }
            start(next.get());
            took = true;
        }
        return took;
    }

    /** On H2: the oldest pending job this worker has not taken yet; the runner's file lock makes it exclusive. */
    private Optional<ClaimedJob> nextOnThisWorkstation() {
        return exports.listExportJobs(JobQuery.all().withStatus(ExportStatus.PENDING)).stream()
                .filter(j -> !mine.contains(j.getId()))
                .reduce((newer, older) -> older) // the list is newest first
                .map(j -> new ClaimedJob(j.getId(), false));
    }

    private void start(ClaimedJob claimed) {
        long id = claimed.jobId();
        mine.add(id);
        jobsRun++;
        Instant started = Instant.now();
        ExportJob job = exports.getExportJob(id).orElse(null);
        String key = job == null ? "job " + id : job.getJobKey();
        say(key + (claimed.resumed() ? " resumed (its worker stopped)" : " claimed")
                + (job == null ? "" : ": " + job.getTotalFiles() + " file(s) to " + job.getExportFormat().wireName()));
        if (exports.isSharedQueue()) {
            runner.submitClaimed(claimed);
        } else {
            runner.submit(id);
        }
        runner.completion(id).whenComplete((done, error) -> {
            mine.remove(id);
            say(key + " " + outcome(done) + " after " + Duration.between(started, Instant.now()).toMillis() + " ms");
            synchronized (wake) {
                wake.notifyAll();
            }
        });
    }

    private static String outcome(ExportJob done) {
        if (done == null) {
            return "deleted";
        }
        return switch (done.getStatus()) {
            case COMPLETED -> "completed" + (done.getFailedFiles() > 0 ? " with " + done.getFailedFiles()
                    + " failed file(s)" : "");
            case FAILED -> "failed: " + done.getErrorMessage();
            case CANCELLED -> "cancelled";
            case PROCESSING, PENDING -> "handed back to the queue";
        };
    }

    private void say(String line) {
        LOG.info(line);
        events.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + line);
    }
}
