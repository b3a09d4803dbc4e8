package org.labexport.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.labexport.base.ConversionCancelledException;
import org.labexport.base.FileTrees;
import org.labexport.convert.TableConverter;
import org.labexport.base.ProcessIdentity;
import org.labexport.job.ClaimedJob;
import org.labexport.job.DataExportService;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.IllegalJobTransitionException;
import org.labexport.job.JobNotFoundException;
import org.labexport.job.JobQuery;
import org.labexport.pipeline.PipelineServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs export jobs in the background: a queue served by a configurable number of job threads (default from the
 * settings' maxConcurrentJobs), each job converting its files on its own bounded pool. Plain Java, used by the CLI and,
 * wrapped in JavaFX services, by the window.
 *
 * <p>Cancel works across processes: a watcher asks the database every 250 ms whether a running job was cancelled
 * (by {@code labexport jobs cancel} or another window) and stops its conversions. A running job holds an OS lock on
 * its work folder, so {@link #resumeInterrupted()} in any process takes over exactly the jobs whose process died.
 */
public final class ExportRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExportRunner.class);

    private final PipelineServices services;
    private final DataExportService exports;
    private final TableConverter converter;
    private final Destinations destinations;
    private final RunnerOptions options;
    private final ThreadPoolExecutor jobThreads;
    private final ScheduledExecutorService watcher;
    private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<ExportJob>> completions = new ConcurrentHashMap<>();
    /** Jobs the shared queue handed to this runner already claimed (claimNext), waiting for a job thread. */
    private final Map<Long, ClaimedJob> preclaimed = new ConcurrentHashMap<>();
    /** Shared lab mode: jobs are claimed through the database, with a heartbeat, instead of by the file lock only. */
    private final boolean shared;
    private final String owner = ProcessIdentity.processId();
    private final QueueTiming timing;
    private volatile boolean closed;

    /** A runner with the standard converter and destinations; reads maxConcurrentJobs from the settings. */
    public ExportRunner(PipelineServices services) {
        this(services, RunnerOptions.defaults());
    }

    public ExportRunner(PipelineServices services, RunnerOptions options) {
        this.services = services;
        this.exports = services.exports();
        this.options = options;
        this.converter = options.converter() != null ? options.converter() : StandardConverter.create();
        this.destinations = new Destinations(services.home(), services::settings, options.effectiveEnvironment(),
                options.s3Retry());
        int n = Math.max(1, services.settings().getMaxConcurrentJobs());
        this.jobThreads = new ThreadPoolExecutor(n, n, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new NamedThreads("labexport-job"));
        this.watcher = new ScheduledThreadPoolExecutor(1, new NamedThreads("labexport-cancel-watch"));
        long poll = options.cancelPollInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::pollCancels, poll, poll, TimeUnit.MILLISECONDS);
        this.shared = exports.isSharedQueue();
        this.timing = QueueTiming.fromSystemProperties();
        if (shared) {
            long beat = timing.heartbeat().toMillis();
            watcher.scheduleWithFixedDelay(this::heartbeats, beat, beat, TimeUnit.MILLISECONDS);
        }
        exports.registerOutputRemover(destinations.outputRemover());
    }

    /** Queues a pending job (or a processing one whose process died); a job already queued here is not queued twice. */
    public void submit(long jobId) {
        if (closed) {
            throw new IllegalStateException("The export runner is closed");
        }
        CompletableFuture<ExportJob> fresh = new CompletableFuture<>();
        CompletableFuture<ExportJob> existing = completions.putIfAbsent(jobId, fresh);
        if (existing != null && !existing.isDone()) {
            return;
        }
        if (existing != null) {
            completions.put(jobId, fresh);
        }
        jobThreads.execute(() -> runJob(jobId, fresh));
    }

    /**
     * Runs a job this process already claimed from the shared queue ({@link DataExportService#claimNext}).
     */
    public void submitClaimed(ClaimedJob claimed) {
        preclaimed.put(claimed.jobId(), claimed);
        submit(claimed.jobId());
    }

    /** How many jobs this runner has queued or running. */
    public int busyJobs() {
        return (int) completions.values().stream().filter(f -> !f.isDone()).count();
    }

    /** This process as the owner of the jobs it claims ({@code host:pid}). */
    public String owner() {
        return owner;
    }

    /** The heartbeat and stale limits this runner uses in shared lab mode. */
    public QueueTiming timing() {
        return timing;
    }

    /** Cancels through the service (so every process sees it) and stops this process's work within a second. */
    public void cancel(long jobId) {
        try {
            exports.cancelExportJob(jobId);
        } catch (IllegalJobTransitionException | JobNotFoundException e) {
            LOG.info("Job {} not cancelled: {}", jobId, e.getMessage());
        }
        JobExecution exec = running.get(jobId);
        if (exec != null) {
            exec.cancel();
        }
    }

    /**
     * Queues the pending jobs again and resumes the jobs left processing by a process that died (their work folder's
     * lock is free). Jobs running in a live process, this one or another, are left alone.
     *
     * @return how many jobs were queued
     */
    public int resumeInterrupted() {
        return resumeInterruptedJobIds().size();
    }

    /** As {@link #resumeInterrupted()}, returning the ids of the jobs queued, pending ones first. */
    public List<Long> resumeInterruptedJobIds() {
        List<Long> queued = new ArrayList<>();
        for (ExportJob job : exports.listExportJobs(JobQuery.all().withStatus(ExportStatus.PENDING))) {
            if (shared && !isFromThisWorkstation(job)) {
                continue; // the lab's workers run the lab's queue; a workstation resumes only its own jobs
            }
            submit(job.getId());
            queued.add(job.getId());
        }
        for (ExportJob job : exports.listExportJobs(JobQuery.all().withStatus(ExportStatus.PROCESSING))) {
            if (running.containsKey(job.getId())) {
                continue;
            }
            if (shared) {
                // The claim decides at run time whether its owner is gone; only this workstation's jobs are asked.
                if (isFromThisWorkstation(job) && isStale(job)) {
                    submit(job.getId());
                    queued.add(job.getId());
                }
                continue;
            }
            try {
                if (JobLock.isHeld(jobDir(job))) {
                    LOG.info("Job {} is running in another live process; not resuming it", job.getJobKey());
                    continue;
                }
            } catch (IOException e) {
                LOG.warn("Cannot check the lock of job {}: {}", job.getJobKey(), e.toString());
                continue;
            }
            LOG.info("Resuming job {} left processing by a process that stopped", job.getJobKey());
            submit(job.getId());
            queued.add(job.getId());
        }
        return queued;
    }

    /** Changes how many jobs run at once; queued jobs start as threads free up. */
    public void setMaxConcurrentJobs(int n) {
        int size = Math.max(1, n);
        if (size > jobThreads.getMaximumPoolSize()) {
            jobThreads.setMaximumPoolSize(size);
            jobThreads.setCorePoolSize(size);
        } else {
            jobThreads.setCorePoolSize(size);
            jobThreads.setMaximumPoolSize(size);
        }
    }

    /**
     * Completes with the job as it ended (completed, failed or cancelled; or still processing if another process
     * owns it or this runner closed first). A job never submitted here completes at once with its current state.
     */
    public CompletableFuture<ExportJob> completion(long jobId) {
        CompletableFuture<ExportJob> f = completions.get(jobId);
        if (f != null) {
            return f;
        }
        return CompletableFuture.completedFuture(exports.getExportJob(jobId).orElse(null));
    }

    /** The jobs this runner has queued or is running (submitted and not yet ended), in no particular order. */
    public List<Long> activeJobIds() {
        List<Long> ids = new ArrayList<>();
        completions.forEach((id, f) -> {
            if (!f.isDone()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** A new download URL: re-signed for S3 outputs, the file: URI for local ones; null if there is no output. */
    public String freshDownloadUrl(ExportJob job) {
        try {
            return destinations.freshDownloadUrl(job);
        } catch (IOException e) {
            LOG.warn("Cannot refresh the download URL of job {}: {}", job.getJobKey(), e.getMessage());
            return job.getDownloadUrl();
        }
    }

    /**
     * Stops the workers: running jobs are interrupted within a second and stay processing with their work kept, so
     * that {@link #resumeInterrupted()} finishes them later; queued jobs stay pending.
     */
    @Override
    public void close() {
        closed = true;
        running.values().forEach(JobExecution::stop);
        for (Runnable r : jobThreads.shutdownNow()) {
            LOG.debug("Dropped queued job task {}", r);
        }
        try {
            if (!jobThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Export jobs did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        watcher.shutdownNow();
        completions.forEach((id, f) -> f.complete(exports.getExportJob(id).orElse(null)));
    }

    private static boolean isFromThisWorkstation(ExportJob job) {
        return ProcessIdentity.user().equals(job.getUserId()) && ProcessIdentity.host().equals(job.getCreatedHost());
    }

    private boolean isStale(ExportJob job) {
        return job.getClaimedBy() == null || job.getHeartbeatAt() == null
                || job.getHeartbeatAt().isBefore(java.time.Instant.now().minus(timing.staleAfter()));
    }

    /** Shared lab mode: tells the lab this process still runs its jobs; stops a job that is no longer its own. */
    private void heartbeats() {
        for (JobExecution exec : running.values()) {
            try {
                if (exports.heartbeat(exec.jobId(), owner) || exec.isCancelled()) {
                    continue;
                }
                if (exports.isCancelRequested(exec.jobId())) {
                    exec.cancel();
                } else {
                    LOG.warn("Job {} is no longer claimed by this process (finished, cancelled or taken over after"
                            + " missed heartbeats); stopping it", exec.jobId());
                    exec.stop();
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot send the heartbeat of job {}: {}", exec.jobId(), e.toString());
            }
        }
    }

    private Path jobDir(ExportJob job) {
        return services.home().work().resolve(job.getJobKey());
    }

    private void pollCancels() {
        for (JobExecution exec : running.values()) {
            try {
                if (!exec.isUserCancelled() && exports.isCancelRequested(exec.jobId())) {
                    LOG.info("Job {} was cancelled; stopping it", exec.jobId());
                    exec.cancel();
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot check whether job {} was cancelled: {}", exec.jobId(), e.toString());
            }
        }
    }

    private void runJob(long jobId, CompletableFuture<ExportJob> done) {
        ExportJob last = null;
        try {
            Optional<ExportJob> found = exports.getExportJob(jobId);
            if (found.isEmpty() || !found.get().getStatus().isActive()) {
                last = found.orElse(null);
                return;
            }
            Path jobDir = jobDir(found.get());
            ClaimedJob claim = null;
            if (shared) {
                claim = preclaimed.remove(jobId);
                if (claim == null) {
                    claim = exports.claim(jobId, owner, timing.staleAfter()).orElse(null);
                }
                if (claim == null) {
                    LOG.info("Job {} is run by another live process of the lab; leaving it", found.get().getJobKey());
                    last = found.get();
                    return;
                }
            }
            Optional<JobLock> lock = JobLock.tryAcquire(jobDir);
            if (lock.isEmpty()) {
                LOG.info("Job {} is owned by another live runner; leaving it", found.get().getJobKey());
                if (claim != null) {
                    exports.releaseClaim(jobId, owner);
                }
                last = found.get();
                return;
            }
            try (JobLock held = lock.get()) {
                last = runLocked(jobId, jobDir, claim);
            }
            if (claim != null && last != null && last.getStatus().isActive()) {
                exports.releaseClaim(jobId, owner); // interrupted by close(): another worker resumes it at once
            }
            // Removed only after the lock is released (Windows cannot delete a locked file); a job still active was
            // interrupted by close() and keeps its work for resume.
            Optional<ExportJob> after = exports.getExportJob(jobId);
            if (after.isEmpty() || !after.get().getStatus().isActive()) {
                FileTrees.deleteRecursively(jobDir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Job {} could not run", jobId, e);
            try {
                // The message of an unexpected error may be a database statement or a class name: the log has it.
                exports.markFailed(jobId, "The export stopped on an unexpected error; the details are in the log "
                        + services.home().logs().resolve("labexport.log") + ".");
            } catch (RuntimeException ignored) {
                // the job is already finished or gone
            }
        } finally {
            done.complete(exports.getExportJob(jobId).orElse(last));
        }
    }

    /** Runs a job whose lock this thread holds; returns it as it ended. */
    private ExportJob runLocked(long jobId, Path jobDir, ClaimedJob claim) throws IOException {
        ExportJob job = exports.getExportJob(jobId).orElse(null);
        if (job == null || !job.getStatus().isActive()) {
            FileTrees.deleteRecursively(jobDir.resolve(ProgressLedger.FILE_NAME));
            return job;
        }
        // A claim already moved the job to processing; it is a resume when it was processing before the claim.
        boolean resumed = claim != null ? claim.resumed() : job.getStatus() == ExportStatus.PROCESSING;
        if (!resumed && claim == null) {
            try {
                job = exports.markProcessing(jobId);
            } catch (IllegalJobTransitionException e) {
                return exports.getExportJob(jobId).orElse(job);
            }
        }
        JobExecution exec = new JobExecution(jobId);
        running.put(jobId, exec);
        boolean keepWork = false;
        try {
            if (closed) {
                exec.stop();
            }
            new ExportJobWork(services, converter, destinations, exec, options.effectiveConvertThreads(), job, resumed,
                    jobDir).run();
        } catch (ConversionCancelledException e) {
            if (exec.isStopping()) {
                keepWork = true;
                LOG.info("Job {} interrupted by shutdown; its work is kept for resume", job.getJobKey());
            } else {
                ensureCancelled(jobId);
                LOG.info("Job {} cancelled; stopped {} ms after the cancel", job.getJobKey(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exec.cancelledAtNanos()));
            }
        } catch (IOException e) {
            LOG.warn("Job {} failed", job.getJobKey(), e);
            String reason = ExportJobWork.reason(e);
            failQuietly(jobId, "The export failed: " + reason + (reason.endsWith(".") ? "" : "."));
        } finally {
            running.remove(jobId);
            if (!keepWork) {
                deleteWorkExceptLock(jobDir);
            }
        }
        return exports.getExportJob(jobId).orElse(job);
    }

    private void ensureCancelled(long jobId) {
        try {
            exports.getExportJob(jobId).filter(j -> j.getStatus().isActive())
                    .ifPresent(j -> exports.cancelExportJob(jobId));
        } catch (RuntimeException e) {
            LOG.debug("Job {} already finished: {}", jobId, e.getMessage());
        }
    }

    private void failQuietly(long jobId, String reason) {
        try {
            exports.markFailed(jobId, reason);
        } catch (RuntimeException e) {
            LOG.debug("Job {} not marked failed: {}", jobId, e.getMessage());
        }
    }

    private static void deleteWorkExceptLock(Path jobDir) {
        try (java.util.stream.Stream<Path> entries = java.nio.file.Files.list(jobDir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                if (!p.getFileName().toString().equals(JobLock.FILE_NAME)) {
                    FileTrees.deleteRecursively(p);
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not delete the work folder {}: {}", jobDir, e.toString());
        }
    }
}
