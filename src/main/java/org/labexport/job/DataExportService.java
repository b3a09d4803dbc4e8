package org.labexport.job;

import org.labexport.base.ProcessIdentity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.labexport.base.ValidationException;
import org.labexport.catalog.CatalogService;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OptionException;
import org.labexport.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place for every rule about export jobs: validation at creation, the status life cycle (through
 * {@link ExportStatus#canTransitionTo}), progress, deletion with the output, expiry and statistics; storage and
 * queries are the {@link ExportJobStore}'s. Thread-safe; every job it returns or hands to listeners is a detached
 * copy.
 *
 * <p>Progress reaches listeners at once but the database at most every {@value #PROGRESS_WRITE_INTERVAL_MS} ms
 * per job (the last value is written by a trailing flush, and always together with a status change), so a job
 * reporting thousands of progress events does not turn into thousands of transactions.
 */
public final class DataExportService implements AutoCloseable {
    /** Smallest time between two progress writes of one job. */
    public static final long PROGRESS_WRITE_INTERVAL_MS = 500;
    public static final int MAX_NAME_LENGTH = 200;
    private static final int MAX_TEXT = 10_000;
    private static final DateTimeFormatter KEY_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(DataExportService.class);

    private final ExportJobStore store;
    private final CatalogService catalog;
    private final Clock clock;
    private final String userId;
    private final JobClaims claims;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
    private volatile OutputRemover outputRemover = new LocalOutputRemover();

    /** When progress reaches the database. */
    private final ProgressThrottle throttle = new ProgressThrottle(PROGRESS_WRITE_INTERVAL_MS, this::writeProgress);
    /** The newest state of each job reporting progress, as its listeners last saw it. */
    private final Map<Long, ExportJob> lastKnown = new ConcurrentHashMap<>();

    /** What this process last saw of each job (version and status), for {@link #pollExternalChanges()}. */
    private final Map<Long, Seen> seen = new ConcurrentHashMap<>();
    private final Object pollLock = new Object();

    private record Seen(long version, ExportStatus status) {
    }

    public DataExportService(Database db, CatalogService catalog, Clock clock) {
        this(new ExportJobStore(db), catalog, clock);
    }

    public DataExportService(ExportJobStore store, CatalogService catalog, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.userId = ProcessIdentity.user();
        this.claims = store.claims();
        rememberCurrentJobs();
    }

    // ---------------------------------------------------------------- creation and reads

    /**
     * Validates a request and stores a new pending job.
     *
     * @throws ValidationException naming the field at fault
     */
    public ExportJob createExportJob(NewExportJob r) {
        validateRequest(r);
        if (r.fileIds().isEmpty() && r.datasetIds().isEmpty()) {
            throw new ValidationException("file_ids", "Select at least one file or dataset (file_ids and dataset_ids"
                    + " are both empty).");
        }
        String name = r.name().strip();
        int ttl = r.ttlHours() == null ? ExpiryLimits.DEFAULT_HOURS : r.ttlHours();
        List<DataFile> files = catalog.resolveFiles(r.fileIds(), r.datasetIds());
        if (files.isEmpty()) {
            throw new ValidationException("dataset_ids", "The selected datasets contain no files.");
        }
        long bytesTotal = files.stream().mapToLong(DataFile::getSizeBytes).sum();
        String destination = r.destination() == null || r.destination().isBlank() ? null : r.destination().strip();

        Instant now = now();
        ExportJob created = store.insert(j -> {
            j.setName(name);
            j.setDescription(r.description());
            j.setUserId(userId);
            j.setCreatedHost(ProcessIdentity.host());
            j.setProjectId(r.projectId());
            j.setExportFormat(r.format());
            j.setIncludeMetadata(r.includeMetadata());
            j.setIncludeLineage(r.includeLineage());
            j.setCompress(r.compress());
            j.setFileIds(r.fileIds());
            j.setDatasetIds(r.datasetIds());
            j.setExportOptions(r.exportOptions());
            j.setStatus(ExportStatus.PENDING);
            j.setTotalFiles(files.size());
            j.setBytesTotal(bytesTotal);
            j.setDestination(destination);
            j.setPackageFormat(r.packageFormat());
            j.setLicense(blankToNull(r.license()));
            j.setAuthor(blankToNull(r.author()));
            j.setCreatedAt(now);
            j.setUpdatedAt(now);
            j.setExpiresAt(now.plus(Duration.ofHours(ttl)));
        }, j -> jobKey(j.getId(), now));
        remember(created);
        LOG.info("Created export job {} ({}, {} files)", created.getJobKey(), created.getExportFormat().wireName(),
                created.getTotalFiles());
        fire(JobEvent.Type.CREATED, created);
        return created;
    }

    /**
     * Checks every rule of a request that does not need the catalog (name, texts, format, expiry, options), so a
     * front end can refuse a bad request before it adds anything to the catalog.
     *
     * @throws ValidationException naming the field at fault
     */
    public void validateRequest(NewExportJob r) {
        if (r == null) {
            throw new ValidationException("request", "An export request is required.");
        }
        String name = r.name() == null ? null : r.name().strip();
        if (name == null || name.isEmpty()) {
            throw new ValidationException("name", "name is required and must not be blank.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ValidationException("name", "name must be at most " + MAX_NAME_LENGTH + " characters, got "
                    + name.length() + ".");
        }
        if (r.description() != null && r.description().length() > MAX_TEXT) {
            throw new ValidationException("description", "description must be at most " + MAX_TEXT + " characters.");
        }
        if (r.projectId() != null && r.projectId().length() > MAX_NAME_LENGTH) {
            throw new ValidationException("project_id", "project_id must be at most " + MAX_NAME_LENGTH
                    + " characters.");
        }
        if (r.format() == null) {
            throw new ValidationException("export_format", "export_format is required: one of "
                    + ExportFormat.wireNames() + ".");
        }
        for (String[] field : new String[][] {{"license", r.license()}, {"author", r.author()}}) {
            if (field[1] != null && field[1].length() > 1000) {
                throw new ValidationException(field[0], field[0] + " must be at most 1000 characters.");
            }
        }
        int ttl = r.ttlHours() == null ? ExpiryLimits.DEFAULT_HOURS : r.ttlHours();
        if (!ExpiryLimits.isAllowed(ttl)) {
            throw new ValidationException("ttl_hours", "ttl_hours must be a whole number from "
                    + ExpiryLimits.MIN_HOURS + " to " + ExpiryLimits.MAX_HOURS + ", got " + ttl + ".");
        }
        try {
            ExportOptions.parse(r.format(), r.exportOptions());
        } catch (OptionException e) {
            throw new ValidationException("export_options", e.getMessage());
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** {@code export_<id>_<yyyyMMddHHmmss>} with the creation time in UTC. */
    static String jobKey(long id, Instant createdAt) {
        return "export_" + id + "_" + KEY_TIME.format(createdAt);
    }

    public Optional<ExportJob> getExportJob(long id) {
        return store.find(id);
    }

    public Optional<ExportJob> getExportJobByKey(String jobKey) {
        return jobKey == null ? Optional.empty() : store.findByKey(jobKey);
    }

    /**
     * Finds a job by its numeric id or its job key.
     *
     * @throws JobNotFoundException if there is none
     */
    public ExportJob getExportJobByIdOrKey(String idOrKey) {
        String t = idOrKey == null ? "" : idOrKey.strip();
        Optional<ExportJob> found = Optional.empty();
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 19) {
            found = getExportJob(Long.parseLong(t));
        } else if (!t.isEmpty()) {
            found = getExportJobByKey(t);
        }
        return found.orElseThrow(() -> new JobNotFoundException(t));
    }

    /** Jobs matching the query's filters, newest first. */
    public List<ExportJob> listExportJobs(JobQuery query) {
        return store.list(query == null ? JobQuery.all() : query);
    }

    // ---------------------------------------------------------------- status life cycle

    /**
     * Moves a job to another status if the transition table allows it. Processing sets started_at; a finished
     * status sets completed_at. A non-null message becomes error_message.
     *
     * @throws JobNotFoundException          if the job does not exist
     * @throws IllegalJobTransitionException if the table refuses the change
     */
    public ExportJob updateJobStatus(long id, ExportStatus next, String errorMessageOrNull) {
        if (next == null) {
            throw new ValidationException("status", "A status is required: pending, processing, completed, failed"
                    + " or cancelled.");
        }
        return changeStatus(id, next, j -> {
            if (errorMessageOrNull != null) {
                j.setErrorMessage(clip(errorMessageOrNull));
            }
        });
    }

    /** pending to processing; sets started_at. */
    public ExportJob markProcessing(long id) {
        return changeStatus(id, ExportStatus.PROCESSING, j -> { });
    }

    /** processing to completed, recording what was produced; progress becomes 100. */
    public ExportJob markCompleted(long id, CompletedExport result) {
        if (result == null) {
            throw new ValidationException("result", "A completed export needs its result.");
        }
        return changeStatus(id, ExportStatus.COMPLETED, j -> {
            j.setOutputPath(result.outputPath());
            j.setOutputSize(result.outputSize());
            j.setDownloadUrl(result.downloadUrl());
            j.setProcessedFiles(result.processedFiles());
            j.setFailedFiles(result.failedFiles());
            j.setFailedFileIds(result.failedFileIds());
            j.setErrorMessage(clip(result.errorMessageOrNull()));
            j.setProgress(100);
            j.setBytesDone(Math.max(j.getBytesDone(), j.getBytesTotal()));
        });
    }

    /** pending or processing to failed, with the reason as error_message. */
    public ExportJob markFailed(long id, String reason) {
        return changeStatus(id, ExportStatus.FAILED, j -> j.setErrorMessage(clip(reason)));
    }

    /**
     * processing to failed because every file failed: all of them are listed in failed_file_ids and progress is 100,
     * since every file was tried.
     */
    public ExportJob markEveryFileFailed(long id, String reason, List<Long> failedFileIds) {
        return changeStatus(id, ExportStatus.FAILED, j -> {
            j.setErrorMessage(clip(reason));
            j.setFailedFileIds(failedFileIds);
            j.setFailedFiles(failedFileIds.size());
            j.setProgress(100);
        });
    }

    /**
     * pending or processing to failed, recording a finished export that was kept locally although its delivery
     * failed (an unreachable S3 store): as the job's output it is removed with the job and at expiry, not leaked.
     */
    public ExportJob markFailed(long id, String reason, String keptOutputPath, long keptOutputSize) {
        return changeStatus(id, ExportStatus.FAILED, j -> {
            j.setErrorMessage(clip(reason));
            j.setOutputPath(keptOutputPath);
            j.setOutputSize(keptOutputSize);
        });
    }

    /**
     * pending or processing to cancelled. The pipeline notices through {@link #isCancelRequested} or the STATUS
     * event and stops.
     *
     * @throws IllegalJobTransitionException if the job already finished
     */
    public ExportJob cancelExportJob(long id) {
        return changeStatus(id, ExportStatus.CANCELLED, j -> { });
    }

    private ExportJob changeStatus(long id, ExportStatus next, Consumer<ExportJob> apply) {
        JobProgress pending = throttle.takePending(id);
        ExportJob saved = update(id, j -> {
            ExportStatus from = j.getStatus();
            if (!from.canTransitionTo(next)) {
                throw refused(j, next);
            }
            if (pending != null) {
                apply(j, pending); // the throttled, not yet written progress goes in the same write
            }
            j.setStatus(next);
            Instant now = now();
            if (next == ExportStatus.PROCESSING && j.getStartedAt() == null) {
                j.setStartedAt(now);
            }
            if (next.isFinished()) {
                j.setCompletedAt(now);
            }
            apply.accept(j);
        });
        if (saved.getStatus().isFinished()) {
            throttle.forget(id);
            lastKnown.remove(id);
        } else {
            lastKnown.computeIfPresent(id, (k, old) -> saved.copy());
        }
        LOG.info("Job {} is now {}", saved.getJobKey(), saved.getStatus().wireName());
        fire(JobEvent.Type.STATUS, saved);
        return saved;
    }

    private static IllegalJobTransitionException refused(ExportJob j, ExportStatus next) {
        ExportStatus from = j.getStatus();
        String who = "Job " + j.getId() + " (" + j.getJobKey() + ")";
        String msg;
        if (from.isFinished() && next == ExportStatus.CANCELLED) {
            msg = who + " is already " + from.wireName() + " and cannot be cancelled; only pending or processing"
                    + " jobs can be cancelled.";
        } else if (from.isFinished()) {
            msg = who + " is already " + from.wireName() + "; a finished job never changes status (asked: "
                    + next.wireName() + ").";
        } else {
            msg = who + " cannot go from " + from.wireName() + " to " + next.wireName() + ".";
        }
        return new IllegalJobTransitionException(msg, from, next);
    }

    /** Records a fresh download link (a newly signed S3 URL). */
    public void setDownloadUrl(long id, String url) {
        ExportJob saved = update(id, j -> j.setDownloadUrl(url));
        fire(JobEvent.Type.PROGRESS, saved);
    }

    /**
     * Loads the job, applies a change and stores it in one transaction; a concurrent change by another process
     * (optimistic lock) makes it retry on fresh data, so the rules are always checked against the latest state.
     */
    private ExportJob update(long id, Consumer<ExportJob> change) {
        ExportJob saved = store.update(id, change, now());
        remember(saved);
        return saved;
    }

    // ---------------------------------------------------------------- progress

    /**
     * Reports progress: listeners hear it now; the database gets it at most every 500 ms per job, the last value
     * by a trailing flush. Progress of a job that is no longer active is ignored.
     *
     * @throws JobNotFoundException if the job does not exist
     */
    public void updateJobProgress(long id, JobProgress p) {
        if (p == null) {
            return;
        }
        if (!lastKnown.containsKey(id)) {
            ExportJob fresh = getExportJob(id).orElseThrow(() -> new JobNotFoundException(id));
            lastKnown.putIfAbsent(id, fresh);
        }
        ExportJob[] event = new ExportJob[1];
        lastKnown.computeIfPresent(id, (k, known) -> {
            if (!known.getStatus().isActive()) {
                return null; // finished meanwhile: forget it
            }
            ExportJob updated = known.copy();
            apply(updated, p);
            event[0] = updated;
            return updated;
        });
        if (event[0] == null) {
            LOG.debug("Ignoring progress of job {}: it is no longer active", id);
            return;
        }
        throttle.offer(id, p);
        fire(JobEvent.Type.PROGRESS, event[0]);
    }

    private static void apply(ExportJob j, JobProgress p) {
        j.setProgress(p.progress());
        j.setProcessedFiles(p.processedFiles());
        j.setFailedFiles(p.failedFiles());
        j.setBytesDone(p.bytesDone());
        j.setBytesTotal(p.bytesTotal());
    }

    /** One progress write; skipped when the job is gone or no longer active (for example cancelled elsewhere). */
    private void writeProgress(long id, JobProgress p) {
        ExportJob saved = store.updateIfActive(id, j -> apply(j, p), now());
        if (saved != null) {
            remember(saved);
        }
    }

    // ---------------------------------------------------------------- deletion and expiry

    /**
     * Removes a job and its output (through the registered {@link OutputRemover}). A processing job must be
     * cancelled first.
     *
     * @throws JobNotFoundException          if the job does not exist
     * @throws IllegalJobTransitionException if the job is processing
     * @throws JobOperationException         if its output could not be removed (the job is kept)
     */
    public void deleteExportJob(long id) {
        ExportJob job = getExportJob(id).orElseThrow(() -> new JobNotFoundException(id));
        if (job.getStatus() == ExportStatus.PROCESSING) {
            throw new IllegalJobTransitionException("Job " + id + " (" + job.getJobKey() + ") is processing;"
                    + " cancel it before deleting it.", job.getStatus(), null);
        }
        removeOutput(job);
        deleteRow(id);
    }

    private void removeOutput(ExportJob job) {
        try {
            outputRemover.removeOutput(job);
        } catch (IOException | RuntimeException e) {
            throw new JobOperationException("Could not remove the output of job " + job.getId() + " ("
                    + job.getOutputPath() + "): " + e.getMessage(), e);
        }
    }

    private void removeExpiredOutput(ExportJob job) {
        if (job.getOutputPath() != null && !outputRemover.isManaged(job)) {
            LOG.info("Job {} expired; its output {} is in a folder the user chose and stays", job.getJobKey(),
                    job.getOutputPath());
        }
        try {
            outputRemover.removeExpired(job);
        } catch (IOException | RuntimeException e) {
            throw new JobOperationException("Could not remove the output of job " + job.getId() + " ("
                    + job.getOutputPath() + "): " + e.getMessage(), e);
        }
    }

    private void deleteRow(long id) {
        boolean deleted = store.delete(id);
        throttle.forget(id);
        lastKnown.remove(id);
        seen.remove(id);
        if (deleted) {
            LOG.info("Deleted export job {}", id);
            fireDeleted(id);
        }
    }

    /**
     * Deletes every job whose expires_at has passed (except jobs still processing) together with its managed output
     * (the default exports folder, S3): files delivered into a folder the user chose are never deleted by expiry,
     * only by an explicit delete ({@link OutputRemover#isManaged}). A job whose output cannot be removed is
     * kept for the next run and logged.
     *
     * @return how many jobs were deleted
     */
    public int cleanupExpiredJobs() {
        Instant now = now();
        List<ExportJob> expired = store.findExpired(now);
        int deleted = 0;
        for (ExportJob job : expired) {
            try {
                removeExpiredOutput(job);
                deleteRow(job.getId());
                deleted++;
            } catch (JobOperationException e) {
                LOG.warn("Expired job {} kept: {}", job.getJobKey(), e.getMessage(), e);
            }
        }
        if (deleted > 0) {
            LOG.info("Cleaned up {} expired export jobs", deleted);
        }
        return deleted;
    }

    /** Replaces the remover used by delete and cleanup (the default removes local files and folders). */
    public void registerOutputRemover(OutputRemover remover) {
        this.outputRemover = remover == null ? new LocalOutputRemover() : remover;
    }

    // ---------------------------------------------------------------- statistics

    /** Totals over all jobs: every status and format present, zeros included. Plain JDBC, like the job list. */
    public ExportStatistics getExportStatistics() {
        return store.statistics();
    }

    // ---------------------------------------------------------------- shared queue (lab mode)

    /**
     * Whether jobs are claimed through the database (a lab's PostgreSQL server shared by several machines) rather
     * than owned by a file lock in this home (the embedded H2 database of one workstation).
     */
    public boolean isSharedQueue() {
        return store.isShared();
    }

    /**
     * Claims the next job of the shared queue for {@code owner} ({@code host:pid}): a processing job whose owner
     * stopped saying it is alive for {@code staleAfter} first, else the oldest pending one. The job is processing
     * and records its owner when this returns; every process hears of it as a status change.
     */
    public Optional<ClaimedJob> claimNext(String owner, Duration staleAfter) {
        Instant now = now();
        Optional<ClaimedJob> claimed = claims.claimNext(owner, now, now.minus(staleAfter));
        claimed.ifPresent(c -> announceClaim(c, owner));
        return claimed;
    }

    /** Claims one job if it is pending or its owner is gone; empty when it finished or a live process runs it. */
    public Optional<ClaimedJob> claim(long id, String owner, Duration staleAfter) {
        Instant now = now();
        Optional<ClaimedJob> claimed = claims.claim(id, owner, now, now.minus(staleAfter));
        claimed.ifPresent(c -> announceClaim(c, owner));
        return claimed;
    }

    /** The owner of a running job says it is alive; false when the job is no longer its to run, so it must stop. */
    public boolean heartbeat(long id, String owner) {
        return claims.heartbeat(id, owner, now());
    }

    /** Hands a processing job back to the queue at once, for another worker to resume; false if it was not ours. */
    public boolean releaseClaim(long id, String owner) {
        boolean released = claims.release(id, owner, now());
        if (released) {
            LOG.info("Handed job {} back to the queue", id);
        }
        return released;
    }

    private void announceClaim(ClaimedJob c, String owner) {
        getExportJob(c.jobId()).ifPresent(j -> {
            remember(j);
            lastKnown.remove(j.getId());
            LOG.info("{} job {} for {}", c.resumed() ? "Took over" : "Claimed", j.getJobKey(), owner);
            fire(JobEvent.Type.STATUS, j);
        });
    }

    // ---------------------------------------------------------------- cross-process

    /**
     * True when the job was cancelled (by this or any other process) or no longer exists. One small SQL read, cheap
     * enough to call between files or every few thousand rows.
     */
    public boolean isCancelRequested(long id) {
        return store.status(id).map(st -> st == ExportStatus.CANCELLED).orElse(true);
    }

    /**
     * Compares the database with what this process last saw and tells the listeners about jobs created, changed or
     * deleted by another process (for example a CLI command run while the window is open). Cheap: one query of ids
     * and versions, then one read per changed job.
     */
    public void pollExternalChanges() {
        synchronized (pollLock) {
            Map<Long, ExportJobStore.VersionAndStatus> current = store.versions();
            for (Map.Entry<Long, ExportJobStore.VersionAndStatus> e : current.entrySet()) {
                Seen before = seen.get(e.getKey());
                if (before != null && before.version() == e.getValue().version()) {
                    continue;
                }
                Optional<ExportJob> job = getExportJob(e.getKey());
                if (job.isEmpty()) {
                    continue; // deleted meanwhile; the next poll reports it
                }
                ExportJob j = job.get();
                remember(j);
                if (j.getStatus().isActive()) {
                    lastKnown.computeIfPresent(j.getId(), (k, old) -> j.copy());
                } else {
                    lastKnown.remove(j.getId());
                    throttle.forget(j.getId());
                }
                if (before == null) {
                    fire(JobEvent.Type.CREATED, j);
                } else if (before.status() != j.getStatus()) {
                    fire(JobEvent.Type.STATUS, j);
                } else {
                    fire(JobEvent.Type.PROGRESS, j);
                }
            }
            Set<Long> gone = new HashSet<>(seen.keySet());
            gone.removeAll(current.keySet());
            for (Long id : gone) {
                if (seen.remove(id) != null) {
                    throttle.forget(id);
                    lastKnown.remove(id);
                    fireDeleted(id);
                }
            }
        }
    }

    /** The starting point for polling: every job as it is now. */
    private void rememberCurrentJobs() {
        store.versions().forEach((id, v) -> seen.put(id, new Seen(v.version(), v.status())));
    }

    private void remember(ExportJob j) {
        seen.merge(j.getId(), new Seen(j.getVersion(), j.getStatus()),
                (old, now) -> now.version() >= old.version() ? now : old);
    }

    // ---------------------------------------------------------------- listeners

    public void addListener(JobListener l) {
        if (l != null) {
            listeners.add(l);
        }
    }

    public void removeListener(JobListener l) {
        listeners.remove(l);
    }

    private void fire(JobEvent.Type type, ExportJob job) {
        if (listeners.isEmpty()) {
            return;
        }
        JobEvent event = new JobEvent(type, job.getId(), job.copy());
        for (JobListener l : listeners) {
            try {
                l.onJobEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A job listener failed on {} of job {}", type, job.getId(), e);
            }
        }
    }

    private void fireDeleted(long id) {
        JobEvent event = new JobEvent(JobEvent.Type.DELETED, id, null);
        for (JobListener l : listeners) {
            try {
                l.onJobEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A job listener failed on DELETED of job {}", id, e);
            }
        }
    }

    // ---------------------------------------------------------------- misc

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String clip(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    /** Writes any throttled progress still pending and stops the background writer. */
    @Override
    public void close() {
        throttle.close();
    }
}
