package org.labexport.ui.main;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import org.labexport.app.LabExportApp;
import org.labexport.catalog.DataFile;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobEvent;
import org.labexport.job.JobQuery;
import org.labexport.ui.common.DialogService;
import org.labexport.ui.common.FxEventAdapter;
import org.labexport.ui.common.TaskExecutor;

/**
 * The main window's state and commands: the job list (one {@link JobItem} per job, updated in place from the
 * coalesced service events), the status filter and search, and the card actions. Every service call runs through
 * the {@link TaskExecutor}; this class only touches its lists on the FX thread.
 */
public final class MainViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MainViewModel.class);
    /** How many jobs the window loads at start; older ones stay reachable through the CLI. */
    static final int MAX_JOBS = 5_000;

    private final LabExportApp app;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Clock clock;

    private final ObservableList<JobItem> items = FXCollections.observableArrayList(
            i -> new Observable[] {i.statusProperty(), i.cardStatusProperty(), i.progressProperty()});
    private final Map<Long, JobItem> byId = new HashMap<>();
    /** File names of the catalog by id, for searching jobs by the files they export. */
    private final Map<Long, String> fileNames = new HashMap<>();
    private final SortedList<JobItem> sorted;
    private final FilteredList<JobItem> visible;
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(this, "statusFilter", StatusFilter.ALL);
    private final ObjectProperty<FormatChoice> formatFilter = new SimpleObjectProperty<>(this, "formatFilter", FormatChoice.ALL);
    private final ObjectProperty<DateFilter> dateFilter = new SimpleObjectProperty<>(this, "dateFilter", DateFilter.ANY);
    private final ObjectProperty<JobSort> sort = new SimpleObjectProperty<>(this, "sort", JobSort.NEWEST);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    /** Bumped when file names arrive, so the search is evaluated again. */
    private final IntegerProperty fileNamesVersion = new SimpleIntegerProperty(this, "fileNamesVersion");
    private final BooleanBinding empty;
    private final StringBinding countText;
    /** True until the start-up work (loading the jobs, resuming interrupted ones) has finished. */
    private final javafx.beans.property.ReadOnlyBooleanWrapper loading =
            new javafx.beans.property.ReadOnlyBooleanWrapper(this, "loading", true);
    private int startupTasksLeft;
    private final ReadOnlyObjectWrapper<JobItem> created = new ReadOnlyObjectWrapper<>(this, "created");
    private final List<AutoCloseable> schedules = new ArrayList<>();
    private final FxEventAdapter adapter;
    private java.util.function.Consumer<ExportJob> editor = job -> { };

    public MainViewModel(LabExportApp app, TaskExecutor executor, DialogService dialogs, Clock clock) {
        this.app = app;
        this.executor = executor;
        this.dialogs = dialogs;
        this.clock = clock;
        this.sorted = new SortedList<>(items);
        sorted.comparatorProperty().bind(Bindings.createObjectBinding(
                () -> (sort.get() == null ? JobSort.NEWEST : sort.get()).comparator(), sort));
        this.visible = new FilteredList<>(sorted);
        visible.predicateProperty().bind(Bindings.createObjectBinding(() -> {
            StatusFilter status = statusFilter.get();
            FormatChoice format = formatFilter.get();
            DateFilter date = dateFilter.get();
            String query = search.get() == null ? "" : search.get().trim().toLowerCase(Locale.ROOT);
            Instant now = clock.instant();
            return item -> matches(item, status, format, date, query, now);
        }, statusFilter, formatFilter, dateFilter, search, fileNamesVersion));
        this.empty = Bindings.isEmpty(items);
        this.countText = Bindings.createStringBinding(() -> countText(visible.size(), items.size()), visible, items);
        this.adapter = new FxEventAdapter(this::apply);
    }

    private boolean matches(JobItem item, StatusFilter status, FormatChoice format, DateFilter date, String query,
                            Instant now) {
        ExportJob j = item.getJob();
        if (status != null && !status.accepts(item.getCardStatus())) {
            return false;
        }
        if (format != null && !format.accepts(j.getExportFormat())) {
            return false;
        }
        if (date != null && !date.accepts(j.getCreatedAt(), now, ZoneId.systemDefault())) {
            return false;
        }
        if (query.isEmpty()) {
            return true;
        }
        if (contains(j.getName(), query) || contains(j.getDescription(), query) || contains(j.getJobKey(), query)) {
            return true;
        }
        if (j.getFileIds() != null) {
            for (Long id : j.getFileIds()) {
                if (contains(fileNames.get(id), query)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    /** "12 exports", or "3 of 12 exports" while a filter hides some. */
    static String countText(int shown, int total) {
        String noun = total == 1 ? " export" : " exports";
        return shown == total ? total + noun : shown + " of " + total + noun;
    }

    /**
     * Starts listening and loads the jobs; then, off the FX thread: resumes interrupted jobs and polls every 2 s for
     * changes made by the CLI or another window. (Expired jobs are cleaned by the pipeline's ExpiredJobCleaner, which
     * the launcher starts.)
     */
    public void start() {
        if (startupTasksLeft > 0 || !loading.get()) {
            throw new IllegalStateException("the main view model is started once");
        }
        app.addListener(adapter);
        startupTasksLeft = 2;
        executor.run("load-jobs", () -> new Loaded(app.jobs(JobQuery.all()), names(app.files())), loaded -> {
            try {
                fileNames.putAll(loaded.fileNames());
                Instant now = clock.instant();
                for (ExportJob j : loaded.jobs()) {
                    upsert(j, now, false);
                }
                updateWaitingReasons();
                LOG.info("Window shows {} export jobs", loaded.jobs().size());
            } finally {
                startupTaskDone(); // the list must not say "Loading" for good if showing a job failed
            }
        }, error -> {
            startupTaskDone();
            dialogs.showError("Could not load the export jobs", error.getMessage());
        });
        executor.run("resume-interrupted", app::resume, resumed -> startupTaskDone(), error -> {
            LOG.warn("Could not resume the interrupted exports: {}", error.toString());
            startupTaskDone();
        });
        schedules.add(executor.schedule("external-changes", Duration.ofSeconds(2), Duration.ofSeconds(2),
                app::pollExternalChanges));
    }

    /** Called on the FX thread as each start-up task ends, whether it worked or not. */
    private void startupTaskDone() {
        if (--startupTasksLeft == 0) {
            loading.set(false);
        }
    }

    private record Loaded(List<ExportJob> jobs, Map<Long, String> fileNames) {
    }

    private static Map<Long, String> names(List<DataFile> files) {
        Map<Long, String> names = new HashMap<>();
        for (DataFile f : files) {
            names.put(f.getId(), f.getFileName());
        }
        return names;
    }

    /** Stops listening and polling. */
    public void stop() {
        app.removeListener(adapter);
        for (AutoCloseable s : schedules) {
            try {
                s.close();
            } catch (Exception ignored) {
                // cancelling a scheduled future does not fail
            }
        }
        schedules.clear();
    }

    /** The coalesced service events, on the FX thread. */
    void apply(List<JobEvent> events) {
        Instant now = clock.instant();
        for (JobEvent e : events) {
            if (e.type() == JobEvent.Type.DELETED || e.job() == null) {
                JobItem gone = byId.remove(e.jobId());
                if (gone != null) {
                    items.remove(gone);
                }
            } else {
                upsert(e.job(), now, true);
            }
        }
        updateWaitingReasons();
    }

    /**
     * Tells each pending job why it waits: every worker busy ("Waiting: 2 exports are running"), or only its turn
     * in the queue.
     */
    private void updateWaitingReasons() {
        int running = 0;
        boolean anyPending = false;
        for (JobItem i : items) {
            running += i.getStatus() == ExportStatus.PROCESSING ? 1 : 0;
            anyPending |= i.getStatus() == ExportStatus.PENDING;
        }
        if (!anyPending) {
            return;
        }
        String reason = waitingReason(running, Math.max(1, app.settings().getMaxConcurrentJobs()));
        for (JobItem i : items) {
            if (i.getStatus() == ExportStatus.PENDING) {
                i.setWaitingReason(reason);
            }
        }
    }

    static String waitingReason(int running, int workers) {
        if (running >= workers) {
            return "Waiting: " + running + (running == 1 ? " export is" : " exports are") + " running";
        }
        return "Queued for a worker";
    }

    private JobItem upsert(ExportJob job, Instant now, boolean live) {
        JobItem item = byId.get(job.getId());
        if (item == null) {
            item = new JobItem(job, now, app.isManagedOutput(job));
            byId.put(job.getId(), item);
            items.add(item);
            learnFileNames(job);
            return item;
        }
        ExportStatus before = item.getStatus();
        // A snapshot from a slower thread must not move a finished job back to active.
        if (!FxEventAdapter.supersedes(item.getJob(), job)) {
            return item;
        }
        item.update(job, now, app.isManagedOutput(job));
        if (live && before.isActive() && job.getStatus().isFinished()) {
            announce(item);
        }
        return item;
    }

    /** Looks up, off the FX thread, the names of files this window has not seen yet (a job made elsewhere). */
    private void learnFileNames(ExportJob job) {
        if (job.getFileIds() == null || fileNames.keySet().containsAll(job.getFileIds())) {
            return;
        }
        List<Long> unknown = job.getFileIds().stream().filter(id -> !fileNames.containsKey(id)).toList();
        executor.run("file-names-" + job.getId(), () -> {
            Map<Long, String> found = new HashMap<>();
            for (Long id : unknown) {
                app.file(id).ifPresent(f -> found.put(id, f.getFileName()));
            }
            return found;
        }, found -> {
            fileNames.putAll(found);
            fileNamesVersion.set(fileNamesVersion.get() + 1);
        }, error -> LOG.debug("Could not read file names for job {}", job.getId(), error));
    }

    private void announce(JobItem item) {
        ExportJob j = item.getJob();
        switch (j.getStatus()) {
            case COMPLETED -> dialogs.notify(j.getFailedFiles() > 0 ? "Export completed with errors" : "Export completed",
                    "\"" + j.getName() + "\" is ready" + (j.getFailedFiles() > 0
                            ? " (" + j.getFailedFiles() + (j.getFailedFiles() == 1 ? " file" : " files") + " failed)."
                            : "."),
                    j.getFailedFiles() > 0, "Open result", () -> openResult(item));
            case FAILED -> dialogs.notify("Export failed", "\"" + j.getName() + "\" failed: "
                    + (j.getErrorMessage() == null ? "see its errors." : j.getErrorMessage()), true,
                    "Show errors", () -> showErrors(item));
            default -> {
            }
        }
    }

    /** Re-renders clock-dependent texts (time left, "expires in"). */
    public void tick() {
        Instant now = clock.instant();
        for (JobItem i : items) {
            i.refreshTimes(now);
        }
        updateWaitingReasons();
    }

    // ---- card actions ----

    public void cancel(JobItem item) {
        long id = item.id();
        executor.run("cancel-" + id, () -> app.cancel(id), ok -> {
        }, error -> dialogs.showError("Could not cancel \"" + item.getJob().getName() + "\"", error.getMessage()));
    }

    /** A new job with the same settings as this one. */
    public void retry(JobItem item) {
        submitNew(item, () -> app.retry(item.id()));
    }

    /** Opens the create-export dialog filled with this job's settings and files, to change them and run again. */
    public void editAndRetry(JobItem item) {
        editor.accept(item.getJob());
    }

    /** What "Edit and retry" opens (the window's create-export dialog). */
    public void setEditor(java.util.function.Consumer<ExportJob> editor) {
        this.editor = editor;
    }

    /** A new job with only the files that failed in this one. */
    public void retryFailedFiles(JobItem item) {
        submitNew(item, () -> app.retryFailedFiles(item.id()));
    }

    private void submitNew(JobItem item, java.util.concurrent.Callable<ExportJob> retry) {
        String name = item.getJob().getName();
        executor.run("retry", retry, made -> jobCreated(made),
                error -> dialogs.showError("Could not retry \"" + name + "\"", error.getMessage()));
    }

    /** Deletes the job and its output after the user confirms. */
    public void delete(JobItem item) {
        ExportJob j = item.getJob();
        if (!dialogs.confirm("Delete export", deleteQuestion(j), "Delete")) {
            return;
        }
        executor.run("delete-" + j.getId(), () -> app.delete(j.getId()), ok -> apply(List.of(new JobEvent(JobEvent.Type.DELETED, j.getId(), null))),
                error -> dialogs.showError("Could not delete \"" + j.getName() + "\"", error.getMessage()));
    }

    /** The confirmation names the files that go: the user's own folder is emptied only on this explicit say. */
    static String deleteQuestion(ExportJob j) {
        String output = j.getOutputPath();
        if (output == null || output.isBlank()) {
            return "Delete \"" + j.getName() + "\"? It has no exported files. This cannot be undone.";
        }
        return "Delete \"" + j.getName() + "\" and its exported files at " + output + "? This cannot be undone.";
    }

    /** Opens a local export's folder (for a ZIP, the folder holding it). */
    public void openFolder(JobItem item) {
        String output = item.getJob().getOutputPath();
        if (output == null) {
            return;
        }
        // A ZIP export is one file: open the folder that holds it; a folder export is opened itself.
        Path path = Path.of(output);
        boolean zip = output.toLowerCase(Locale.ROOT).endsWith(".zip");
        Path folder = zip && path.getParent() != null ? path.getParent() : path;
        dialogs.openFolder(folder);
    }

    /** Opens the export's link: a freshly signed URL for S3. */
    public void openLink(JobItem item) {
        withFreshUrl(item, dialogs::openExternal);
    }

    /** Copies the export's link (a freshly signed URL for S3, the file URI for a local export) and says so. */
    public void copyLink(JobItem item) {
        withFreshUrl(item, url -> {
            dialogs.copyToClipboard(url);
            dialogs.notify("Link copied", "The link to \"" + item.getJob().getName() + "\" is on the clipboard.",
                    false, null, null);
        });
    }

    private void withFreshUrl(JobItem item, java.util.function.Consumer<String> use) {
        ExportJob j = item.getJob();
        executor.run("sign-url-" + j.getId(), () -> app.downloadLink(j.getId()), url -> {
            if (url == null) {
                dialogs.showError("No link for \"" + j.getName() + "\"", "The export has expired or has no output.");
            } else {
                use.accept(url);
            }
        },
                error -> dialogs.showError("Could not make a link for \"" + j.getName() + "\"", error.getMessage()));
    }

    /**
     * Verifies a completed job's output off the FX thread (every file present, unchanged, none extra) and shows the
     * summary and each problem.
     */
    public void verify(JobItem item) {
        ExportJob j = item.getJob();
        executor.run("verify-" + j.getId(), () -> app.verify(j.getId()), report -> {
            StringBuilder details = new StringBuilder();
            for (org.labexport.publish.VerifyReport.Problem p : report.problems()) {
                details.append(p.kind()).append("  ").append(p.file() == null ? "" : p.file() + ": ")
                        .append(p.message()).append('\n');
            }
            dialogs.showDetails("Verify \"" + j.getName() + "\"", report.summary(),
                    details.length() == 0 ? "Every file is present and unchanged." : details.toString().strip());
        }, error -> dialogs.showError("Could not verify \"" + j.getName() + "\"", error.getMessage()));
    }

    /** Opens the result of a finished job: its folder, or its link for S3. */
    public void openResult(JobItem item) {
        if (item.remoteResultProperty().get()) {
            openLink(item);
        } else {
            openFolder(item);
        }
    }

    /** Shows the job's error and the names of its failed files. */
    public void showErrors(JobItem item) {
        ExportJob j = item.getJob();
        List<Long> failed = j.getFailedFileIds() == null ? List.of() : j.getFailedFileIds();
        executor.run("errors-" + j.getId(), () -> {
            StringBuilder sb = new StringBuilder();
            if (j.getErrorMessage() != null) {
                sb.append(j.getErrorMessage()).append("\n\n");
            }
            if (!failed.isEmpty()) {
                sb.append("Files that failed:\n");
                for (Long id : failed) {
                    sb.append("  ").append(app.file(id).map(DataFile::getPath).orElse("file #" + id)).append('\n');
                }
            }
            return sb.toString().strip();
        }, text -> dialogs.showDetails("Errors of \"" + j.getName() + "\"", errorsHeader(j),
                text.isEmpty() ? "No errors were recorded." : text, j.getStatus() == ExportStatus.FAILED),
                error -> dialogs.showError("Could not read the errors", error.getMessage()));
    }

    /** The headline of the errors dialog: what happened to the job, and how many files failed if any did. */
    static String errorsHeader(ExportJob j) {
        int failed = j.getFailedFiles();
        int total = j.getTotalFiles();
        String files = failed + " of " + total + (total == 1 ? " file" : " files");
        if (j.getStatus() == ExportStatus.FAILED) {
            return failed > 0 ? "The export failed; " + files + " could not be exported." : "The export failed.";
        }
        return failed > 0 ? files + " could not be exported; the others were." : "No file failed.";
    }

    // ---- state for the view ----

    /** The jobs the list shows: filtered and sorted as chosen. */
    public ObservableList<JobItem> visibleJobs() {
        return visible;
    }

    /** Every job, in the order they arrived (tests and statistics of the window). */
    public ObservableList<JobItem> allJobs() {
        return FXCollections.unmodifiableObservableList(items);
    }

    public ObjectProperty<StatusFilter> statusFilterProperty() {
        return statusFilter;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /**
     * True from {@link #start()} until the jobs are loaded and the interrupted ones queued again: the list then says
     * it is loading rather than that there are no exports.
     */
    public javafx.beans.property.ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public boolean isLoading() {
        return loading.get();
    }

    /** True while there are no jobs at all (the empty state, not an empty filter result). */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** The adapter feeding this view model, for services that report through it. */
    public FxEventAdapter adapter() {
        return adapter;
    }

    /** Adds a job the window has just created, without waiting for its event; the list shows it. */
    public void jobCreated(ExportJob job) {
        JobItem item = upsert(job, clock.instant(), false);
        updateWaitingReasons();
        created.set(item);
    }

    /** The job this window created last (a new export or a retry), for the list to scroll to. */
    public ReadOnlyObjectProperty<JobItem> createdProperty() {
        return created.getReadOnlyProperty();
    }

    public ObjectProperty<FormatChoice> formatFilterProperty() {
        return formatFilter;
    }

    public ObjectProperty<DateFilter> dateFilterProperty() {
        return dateFilter;
    }

    public ObjectProperty<JobSort> sortProperty() {
        return sort;
    }

    /** "12 exports" or "3 of 12 exports". */
    public StringBinding countTextProperty() {
        return countText;
    }
}
