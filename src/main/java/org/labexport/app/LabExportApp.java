package org.labexport.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.labexport.base.AppHome;
import org.labexport.base.ProcessIdentity;
import org.labexport.base.ValidationException;
import org.labexport.catalog.CatalogService;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.catalog.ReadAheadHashes;
import org.labexport.catalog.SourcePaths;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.SourceFormat;
import org.labexport.job.DataExportService;
import org.labexport.job.ExpiryLimits;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatistics;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobListener;
import org.labexport.job.JobQuery;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.Destinations;
import org.labexport.pipeline.ExpiredJobCleaner;
import org.labexport.pipeline.ExportRunner;
import org.labexport.pipeline.ExportVerification;
import org.labexport.pipeline.QueueWorker;
import org.labexport.pipeline.RunnerOptions;
import org.labexport.publish.VerifyReport;
import org.labexport.settings.Settings;
import org.labexport.settings.SettingsStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application layer: one object per process that owns the services, the export runner (made on first need, so
 * read-only commands never start worker threads) and the destinations, and offers every use case once. The command
 * line and the window's view models call only this, so a behaviour cannot differ between them.
 */
public final class LabExportApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabExportApp.class);
    /** How long a delete waits for this process's run of the job to stop after the cancel. */
    private static final long STOP_WAIT_SECONDS = 15;

    private final AppServices services;
    private final RunnerOptions runnerOptions;
    private final Destinations destinations;
    private ExportRunner runner;
    private ExpiredJobCleaner cleaner;

    private LabExportApp(AppServices services, RunnerOptions runnerOptions) {
        this.services = services;
        this.runnerOptions = runnerOptions;
        this.destinations = new Destinations(services.home(), services::settings,
                runnerOptions.effectiveEnvironment(), runnerOptions.s3Retry());
    }

    /**
     * Starts taking the digests of files a command is about to add, on a background thread, so that it runs while
     * the process opens its home instead of after (docs/decisions/0132). Call before {@link #open}; harmless if the
     * files are never added.
     */
    public static void readAhead(List<Path> files) {
        ReadAheadHashes.start(files);
    }

    /** Opens the home (creating and migrating its database if needed) with the system clock. */
    public static LabExportApp open(AppHome home) {
        return over(AppServices.open(home), RunnerOptions.defaults());
    }

    /** Opens the home with a clock (tests that need time to pass). */
    public static LabExportApp open(AppHome home, Clock clock) {
        return over(AppServices.open(home, clock), RunnerOptions.defaults());
    }

    /** The application over services already open; closing it closes them. */
    public static LabExportApp over(AppServices services, RunnerOptions runnerOptions) {
        return new LabExportApp(services, runnerOptions);
    }

    // ------------------------------------------------------------------ settings and home

    public AppHome home() {
        return services.home();
    }

    /** The settings loaded at open; change them and save with {@link #saveSettings}. */
    public Settings settings() {
        return services.settings();
    }

    /** Saves the settings and applies what applies at once (how many jobs run together). */
    public void saveSettings(Settings settings) {
        synchronized (settings) {
            services.settingsStore().save(settings);
        }
        ExportRunner r = existingRunner();
        if (r != null) {
            r.setMaxConcurrentJobs(settings.getMaxConcurrentJobs());
        }
    }

    /** The settings file's store, for the settings screen. */
    public SettingsStore settingsStore() {
        return services.settingsStore();
    }

    /** The services below this layer, for the pipeline's tests and the launcher's wiring only. */
    public AppServices services() {
        return services;
    }

    // ------------------------------------------------------------------ catalog

    /**
     * Adds a data file to the catalog (the same unchanged file keeps its id), with metadata and optionally into a
     * dataset (created if needed).
     */
    public DataFile addFile(Path file, Map<String, ?> metadata, String datasetName) {
        return catalog().addFile(file.toAbsolutePath().normalize(), metadata == null ? Map.of() : metadata,
                datasetName);
    }

    /**
     * As {@link #addFile(Path, Map, String)}; with upload, the file is also put in the lab bucket (once per content)
     * so that a worker on another machine can read it.
     *
     * @throws ValidationException naming the file when the upload fails or no lab bucket is configured
     */
    public DataFile addFile(Path file, Map<String, ?> metadata, String datasetName, boolean upload) {
        DataFile added = addFile(file, metadata, datasetName);
        if (!upload || added.getStoredAt() != null) {
            return added;
        }
        try {
            String storedAt = destinations.labFiles().storeFile(Path.of(added.getPath()),
                    added.getSha256() + "/" + added.getFileName(), org.labexport.base.CancelSignal.NEVER);
            return catalog().setStoredAt(added.getId(), storedAt);
        } catch (java.io.IOException e) {
            throw new ValidationException("files", "Could not upload " + added.getPath() + " to the lab bucket: "
                    + e.getMessage());
        }
    }

    public List<DataFile> files() {
        return catalog().listFiles();
    }

    public Optional<DataFile> file(long id) {
        return catalog().getFile(id);
    }

    public List<Dataset> datasets() {
        return catalog().listDatasets();
    }

    /** A dataset by id (all digits) or, failing that, by name. */
    public Optional<Dataset> dataset(String idOrName) {
        String t = idOrName == null ? "" : idOrName.strip();
        if (t.matches("\\d{1,18}")) {
            Optional<Dataset> byId = catalog().getDataset(Long.parseLong(t));
            if (byId.isPresent()) {
                return byId;
            }
        }
        return catalog().getDatasetByName(t);
    }

    /**
     * Creates a dataset (or takes the existing one of that name) holding these files: paths are added to the catalog
     * first, catalog ids as they are.
     *
     * @throws ValidationException when the name is blank or a path is not a file
     */
    public Dataset saveDataset(String name, List<Path> paths, List<Long> fileIds) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new ValidationException("dataset", "Give the dataset a name.");
        }
        for (Path p : paths) {
            SourcePaths.problem(p).ifPresent(problem -> {
                throw new ValidationException("files", problem);
            });
        }
        Dataset dataset = catalog().createDataset(n, null);
        List<Long> ids = new ArrayList<>(fileIds);
        for (Path p : paths) {
            ids.add(addFile(p, Map.of(), null).getId());
        }
        catalog().addToDataset(dataset.getId(), ids);
        return catalog().getDataset(dataset.getId()).orElse(dataset);
    }

    /** The files of catalog ids and datasets, without duplicates, in order. */
    public List<DataFile> resolveFiles(List<Long> fileIds, List<Long> datasetIds) {
        return catalog().resolveFiles(fileIds, datasetIds);
    }

    // ------------------------------------------------------------------ exports

    /**
     * Checks a request as {@link #queueExport} will, without changing anything: the job's settings and options, that
     * every file is a data file the chosen format can read (any file for ZIP), that the datasets exist and that the
     * destination can be written. The command line's export and the create-export dialog both ask this, so they
     * refuse the same requests with the same words, before any work runs.
     *
     * @throws ValidationException naming the field or file at fault, worded for a person
     */
    public void check(ExportRequest request) {
        NewExportJob settings = withDefaultName(request);
        exports().validateRequest(settings);
        for (Path p : request.paths()) {
            // A folder, a device or a FIFO would make the export hang or fail late: refused by what it is.
            SourcePaths.problem(p).ifPresent(problem -> {
                throw new ValidationException("files", problem);
            });
        }
        checkDestination(settings.destination());
        List<Long> datasetIds = new ArrayList<>(settings.datasetIds());
        for (String d : request.datasets()) {
            datasetIds.add(datasetId(d));
        }
        if (settings.format().converts()) {
            for (Path p : request.paths()) {
                checkReadable(p.getFileName().toString(), detect(p));
            }
            if (!settings.fileIds().isEmpty() || !datasetIds.isEmpty()) {
                for (DataFile f : catalog().resolveFiles(settings.fileIds(), datasetIds)) {
                    checkReadable(f.getFileName(), f.getDetectedFormat());
                }
            }
        }
    }

    private long datasetId(String idOrName) {
        return dataset(idOrName).orElseThrow(() -> new ValidationException("dataset_ids",
                "No dataset '" + idOrName + "' in the catalog.")).getId();
    }

    private static SourceFormat detect(Path p) {
        try {
            return SourceFormat.detect(p);
        } catch (java.io.IOException e) {
            throw new ValidationException("files", p.getFileName() + " cannot be read: check that it exists and that"
                    + " you may open it.");
        }
    }

    private static void checkReadable(String fileName, SourceFormat format) {
        if (format == null || format == SourceFormat.UNKNOWN) {
            throw new ValidationException("files", fileName + " is not a data file LabExport can convert (CSV, TSV,"
                    + " JSON, Excel, Parquet or HDF5): remove it, or choose ZIP to export it as it is.");
        }
    }

    /**
     * Checks the request ({@link #check}), adds its files to the catalog and creates the job, pending, for a runner
     * to pick up (the window's, or {@code labexport jobs resume}). A rejected request adds nothing to the catalog.
     *
     * @throws ValidationException naming the field at fault
     */
    public ExportJob queueExport(ExportRequest request) {
        check(request);
        NewExportJob settings = withDefaultName(request);
        List<Long> datasetIds = new ArrayList<>(settings.datasetIds());
        for (String d : request.datasets()) {
            datasetIds.add(datasetId(d));
        }
        Set<Long> fileIds = new LinkedHashSet<>(settings.fileIds());
        for (Path p : request.paths()) {
            // The export checks what it reads against the catalog; a file read by another machine is checked here.
            DataFile f = request.upload() ? addFile(p, Map.of(), null, true) : catalog().addFileToExport(p);
            fileIds.add(f.getId());
        }
        NewExportJob.Builder b = settings.toBuilder().fileIds(List.copyOf(fileIds)).datasetIds(datasetIds);
        if (isSharedLab() && (settings.destination() == null || settings.destination().isBlank())
                && destinations.labOutput() != null) {
            // A lab worker may run it: deliver where every workstation can reach, not into the worker's own folder.
            b.destination(destinations.labOutput());
        }
        NewExportJob complete = b.build();
        return exports().createExportJob(complete);
    }

    /**
     * The first {@code rows} rows of a data file as an export to {@code format} with these options will write them:
     * the columns it exports, each with the type the export infers and a warning where the format cannot keep a
     * shown value (integers beyond 2^53 in Excel, for one). Reads only the start of a CSV or TSV file.
     *
     * @throws ValidationException when the file is not a data file, or an option or column name is wrong
     * @throws java.io.IOException when the file cannot be read (the message names it)
     */
    public TablePreview preview(Path file, ExportFormat format, Map<String, String> options, int rows)
            throws java.io.IOException {
        return TablePreviewer.preview(file, format, options == null ? Map.of() : options, Math.max(0, rows));
    }

    /** As {@link #queueExport}, then runs the job in this process's runner. */
    public ExportJob startExport(ExportRequest request) {
        ExportJob job = queueExport(request);
        run(job.getId());
        return job;
    }

    /** Runs a queued job in this process; {@link #completion} tells when it ends. */
    public void run(long jobId) {
        runner().submit(jobId);
    }

    /** Completes with the job as it ended when this process runs it; at once with its state otherwise. */
    public CompletableFuture<ExportJob> completion(long jobId) {
        ExportRunner r = existingRunner();
        if (r == null) {
            return CompletableFuture.completedFuture(exports().getExportJob(jobId).orElse(null));
        }
        return r.completion(jobId);
    }

    /** A new job with the same settings and files as a finished one, started here. */
    public ExportJob retry(long jobId) {
        ExportJob j = job(jobId);
        return submitCopy(j, j.getFileIds(), j.getDatasetIds());
    }

    /** A new job with only the files that failed in a finished one, started here. */
    public ExportJob retryFailedFiles(long jobId) {
        ExportJob j = job(jobId);
        if (j.getFailedFileIds() == null || j.getFailedFileIds().isEmpty()) {
            throw new ValidationException("failed_file_ids", "Job " + j.getId() + " (" + j.getJobKey()
                    + ") has no failed files to retry.");
        }
        return submitCopy(j, j.getFailedFileIds(), List.of());
    }

    private ExportJob submitCopy(ExportJob j, List<Long> fileIds, List<Long> datasetIds) {
        ExportJob created = exports().createExportJob(copyOf(j, fileIds, datasetIds));
        runner().submit(created.getId());
        return created;
    }

    /** The settings of an existing job as a new request (also what "Edit and retry" starts from). */
    public static NewExportJob copyOf(ExportJob j, List<Long> fileIds, List<Long> datasetIds) {
        Integer ttl = null;
        if (j.getExpiresAt() != null && j.getCreatedAt() != null) {
            ttl = ExpiryLimits.clamp(Math.round(Duration.between(j.getCreatedAt(), j.getExpiresAt()).toMinutes() / 60.0));
        }
        return NewExportJob.builder().name(j.getName()).description(j.getDescription()).projectId(j.getProjectId())
                .format(j.getExportFormat()).includeMetadata(j.isIncludeMetadata())
                .includeLineage(j.isIncludeLineage()).compress(j.isCompress())
                .fileIds(fileIds == null ? List.of() : fileIds).datasetIds(datasetIds == null ? List.of() : datasetIds)
                .exportOptions(j.getExportOptions() == null ? Map.of() : j.getExportOptions()).ttlHours(ttl)
                .destination(j.getDestination()).packageFormat(j.getPackageFormat()).license(j.getLicense())
                .author(j.getAuthor()).build();
    }

    /** The jobs this process is running or has queued (what closing the window would leave behind). */
    public List<Long> jobsRunningHere() {
        ExportRunner r = existingRunner();
        return r == null ? List.of() : r.activeJobIds();
    }

    /**
     * Completes once this process runs and queues no export: at once when it has none, else when the last one ends
     * (jobs queued meanwhile included). For a process that finishes its exports without a window.
     */
    public CompletableFuture<Void> whenIdle() {
        List<Long> ids = jobsRunningHere();
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] ends = ids.stream().map(this::completion).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(ends).handle((ok, error) -> null).thenCompose(ignored -> whenIdle());
    }

    /** Cancels every export this process runs or queues; completes once their work has stopped. */
    public CompletableFuture<Void> cancelRunningHere() {
        for (Long id : jobsRunningHere()) {
            try {
                cancel(id);
            } catch (org.labexport.job.IllegalJobTransitionException | org.labexport.job.JobNotFoundException e) {
                LOG.debug("Job {} ended while being cancelled: {}", id, e.getMessage());
            }
        }
        return whenIdle();
    }

    /**
     * Cancels a pending or processing job, whichever process runs it; this process's own run stops within a second.
     *
     * @throws org.labexport.job.IllegalJobTransitionException if the job already finished
     */
    public ExportJob cancel(String idOrKey) {
        return cancel(exports().getExportJobByIdOrKey(idOrKey).getId());
    }

    public ExportJob cancel(long jobId) {
        ExportJob cancelled = exports().cancelExportJob(jobId);
        ExportRunner r = existingRunner();
        if (r != null) {
            r.cancel(jobId); // stops this process's work now instead of at the next poll
        }
        return cancelled;
    }

    /**
     * Deletes a job and its output wherever it is (the user's explicit say, so a folder they chose is emptied too).
     * A job still pending or processing is cancelled first and, when this process runs it, deleted once its work has
     * stopped: the same rule for the window and the command line.
     *
     * @return the job as it was before deletion
     */
    public ExportJob delete(String idOrKey) {
        return delete(exports().getExportJobByIdOrKey(idOrKey).getId());
    }

    public ExportJob delete(long jobId) {
        ExportJob job = job(jobId);
        if (job.getStatus().isActive()) {
            try {
                cancel(jobId);
            } catch (org.labexport.job.IllegalJobTransitionException e) {
                LOG.debug("Job {} finished while being deleted: {}", jobId, e.getMessage());
            }
            awaitStopped(jobId);
            job = job(jobId);
        }
        exports().deleteExportJob(jobId);
        return job;
    }

    private void awaitStopped(long jobId) {
        ExportRunner r = existingRunner();
        if (r == null) {
            return;
        }
        try {
            r.completion(jobId).get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Job {} did not stop within {} s of its cancel: {}", jobId, STOP_WAIT_SECONDS, e.toString());
        }
    }

    /**
     * One job for showing: a completed S3 export gets a freshly signed link, saved so every process shows the same;
     * an expired job keeps no link (its output is gone or about to go).
     */
    public ExportJob show(String idOrKey) {
        return refreshLink(exports().getExportJobByIdOrKey(idOrKey));
    }

    public ExportJob show(long jobId) {
        return refreshLink(job(jobId));
    }

    private ExportJob refreshLink(ExportJob job) {
        if (job.getStatus() != ExportStatus.COMPLETED || job.isExpiredAt(clock().instant())
                || !destinations.isRemote(job.getOutputPath())) {
            return job;
        }
        try {
            String url = destinations.freshDownloadUrl(job);
            exports().setDownloadUrl(job.getId(), url);
            return exports().getExportJob(job.getId()).orElse(job);
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("Cannot re-sign the download URL of {}: {}", job.getJobKey(), e.getMessage());
            return job;
        }
    }

    /**
     * A link to a finished export for opening or copying: re-signed (and saved) for S3, the file URI for a local
     * export; null for an expired job or one without output.
     */
    public String downloadLink(long jobId) {
        ExportJob job = show(jobId);
        if (job.isExpiredAt(clock().instant()) || job.getOutputPath() == null) {
            return null;
        }
        if (destinations.isRemote(job.getOutputPath())) {
            return job.getDownloadUrl();
        }
        return Path.of(job.getOutputPath()).toUri().toString();
    }

    /** A fresh link to each file of a completed S3 folder export, by its path inside the export; else empty. */
    public Map<String, String> fileLinks(ExportJob job) {
        if (job.isExpiredAt(clock().instant())) {
            return Map.of();
        }
        return destinations.fileLinks(job);
    }

    /**
     * Checks an export or bag where it is (folder, ZIP or {@code s3://bucket/prefix/...} with the settings' S3
     * profiles): every file present, unchanged and listed.
     */
    public VerifyReport verify(String location) throws java.io.IOException {
        return ExportVerification.verify(destinations, location);
    }

    /** Checks a finished job's output where it is, as {@link #verify(String)} does. */
    public VerifyReport verify(long jobId) throws java.io.IOException {
        ExportJob job = job(jobId);
        if (job.getOutputPath() == null || job.getOutputPath().isBlank()) {
            throw new ValidationException("output_path", "The job \"" + job.getName() + "\" has no output to verify.");
        }
        return verify(job.getOutputPath());
    }

    /** Checks a local export or bag without opening any home: a folder or ZIP carries all it needs. */
    public static VerifyReport verifyLocal(String location) throws java.io.IOException {
        return ExportVerification.verify(null, location);
    }

    public ExportJob job(long id) {
        return exports().getExportJob(id).orElseThrow(() -> new org.labexport.job.JobNotFoundException(id));
    }

    public ExportJob job(String idOrKey) {
        return exports().getExportJobByIdOrKey(idOrKey);
    }

    /** Jobs matching the query, newest first. */
    public List<ExportJob> jobs(JobQuery query) {
        return exports().listExportJobs(query);
    }

    /**
     * Queues this home's pending jobs and resumes those left processing by a process that died, in this process.
     *
     * @return the ids of the jobs now running or queued here
     */
    public List<Long> resume() {
        return runner().resumeInterruptedJobIds();
    }

    /**
     * A headless worker over this process's runner ({@code labexport worker}): runs queued jobs, at most
     * {@code maxJobs} at once, until stopped or, with once, until the queue is empty.
     */
    public QueueWorker worker(int maxJobs, boolean once, Consumer<String> events) {
        return new QueueWorker(runner(), exports(), maxJobs, once, events);
    }

    /** Whether this process works on a lab's shared PostgreSQL database. */
    public boolean isSharedLab() {
        return services.isSharedLab();
    }

    /** Whether a job was created by this user on this machine (a shared list marks the others'). */
    public static boolean isMine(ExportJob job) {
        return ProcessIdentity.user().equals(job.getUserId())
                && (job.getCreatedHost() == null || ProcessIdentity.host().equals(job.getCreatedHost()));
    }

    /** Deletes expired jobs with their managed outputs (never a folder the user chose); returns how many. */
    public int cleanup() {
        return exports().cleanupExpiredJobs();
    }

    /** Cleans up now and every hour until closed (the window). */
    public synchronized void startExpiryCleaner() {
        if (cleaner == null) {
            cleaner = ExpiredJobCleaner.start(exports());
        }
    }

    public ExportStatistics statistics() {
        return exports().getExportStatistics();
    }

    /** One sentence on what expiry does with an export sent to this destination (null: the default folder). */
    public String expiryNotice(String destination) {
        return destinations.expiryNotice(destination);
    }

    /** Whether expiry will remove this job's output (the default exports folder, S3) or leave it to the user. */
    public boolean isManagedOutput(ExportJob job) {
        return destinations.isManagedOutput(job.getOutputPath());
    }

    /** How many jobs run at once in this process. */
    public void setMaxConcurrentJobs(int n) {
        runner().setMaxConcurrentJobs(n);
    }

    // ------------------------------------------------------------------ events

    /** Hears every job change made in this process, and those {@link #pollExternalChanges} finds. */
    public void addListener(JobListener listener) {
        exports().addListener(listener);
    }

    public void removeListener(JobListener listener) {
        exports().removeListener(listener);
    }

    /** Reports jobs created, changed or deleted by other processes (the CLI while the window is open). */
    public void pollExternalChanges() {
        exports().pollExternalChanges();
    }

    // ------------------------------------------------------------------ plumbing

    /** The runner of this process, made on first need. */
    public synchronized ExportRunner runner() {
        if (runner == null) {
            runner = new ExportRunner(services, runnerOptions);
        }
        return runner;
    }

    private synchronized ExportRunner existingRunner() {
        return runner;
    }

    private DataExportService exports() {
        return services.exports();
    }

    private CatalogService catalog() {
        return services.catalog();
    }

    private Clock clock() {
        return services.clock();
    }

    private static NewExportJob withDefaultName(ExportRequest request) {
        NewExportJob job = request.job();
        if (job.name() != null && !job.name().isBlank()) {
            return job;
        }
        List<String> names = new ArrayList<>();
        request.paths().forEach(p -> names.add(String.valueOf(p.getFileName())));
        return job.toBuilder().name(ExportNames.suggest(names)).build();
    }

    /**
     * Checks where an export would go (a writable folder, a known S3 profile with usable settings) without touching
     * the network, so a bad destination is refused before any work.
     *
     * @throws ValidationException naming the destination and what is wrong with it
     */
    public void checkDestination(String destination) {
        try {
            destinations.check(destination);
        } catch (org.labexport.destination.DeliveryException e) {
            throw new ValidationException("destination", e.getMessage());
        }
    }

    /** Stops the runner (running jobs keep their work for resume) and the cleaner, and closes the database. */
    @Override
    public void close() {
        ExpiredJobCleaner c;
        ExportRunner r;
        synchronized (this) {
            c = cleaner;
            r = runner;
            cleaner = null;
            runner = null;
        }
        try {
            if (c != null) {
                c.close();
            }
            if (r != null) {
                r.close();
            }
        } finally {
            services.close();
        }
    }
}
