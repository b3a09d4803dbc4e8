package org.labexport.ui.main;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
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

    private final ObservableList<JobItem> items =
            FXCollections.observableArrayList(i -> new Observable[] {i.statusProperty(), i.progressProperty()});
    private final Map<Long, JobItem> byId = new HashMap<>();
    private final FilteredList<JobItem> visible;
    private final ObjectProperty<StatusFilter> statusFilter = new SimpleObjectProperty<>(this, "statusFilter", StatusFilter.ALL);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanBinding empty;
    private final List<AutoCloseable> schedules = new ArrayList<>();
    private final FxEventAdapter adapter;
    private java.util.function.Consumer<ExportJob> editor = job -> { };

    public MainViewModel(LabExportApp app, TaskExecutor executor, DialogService dialogs, Clock clock) {
        this.app = app;
        this.executor = executor;
        this.dialogs = dialogs;
        this.clock = clock;
        Comparator<JobItem> newestFirst = Comparator
                .comparing((JobItem i) -> i.getJob().getCreatedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(JobItem::id, Comparator.reverseOrder());
        SortedList<JobItem> sorted = new SortedList<>(items, newestFirst);
        this.visible = new FilteredList<>(sorted);
        visible.predicateProperty().bind(Bindings.createObjectBinding(
                () -> item -> matches(item, statusFilter.get(), search.get()), statusFilter, search));
        this.empty = Bindings.isEmpty(items);
        this.adapter = new FxEventAdapter(this::apply);
    }

    private static boolean matches(JobItem item, StatusFilter filter, String query) {
        if (filter != null && !filter.accepts(item.getStatus())) {
            return false;
        }
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.trim().toLowerCase(Locale.ROOT);
        ExportJob j = item.getJob();
        return contains(j.getName(), q) || contains(j.getDescription(), q);
    }

    private static boolean contains(String text, String q) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(q);
    }

    /**
     * Starts listening and loads the jobs; then, off the FX thread: resumes interrupted jobs and polls every 2 s for
     * changes made by the CLI or another window. (Expired jobs are cleaned by the pipeline's ExpiredJobCleaner, which
     * the launcher starts.)
     */
    public void start() {
        app.addListener(adapter);
        executor.run("load-jobs", () -> app.jobs(JobQuery.all()), jobs -> {
            Instant now = clock.instant();
            for (ExportJob j : jobs) {
                upsert(j, now, false);
            }
            LOG.info("Window shows {} export jobs", jobs.size());
        }, error -> dialogs.showError("Could not load the export jobs", error.getMessage()));
        executor.run("resume-interrupted", app::resume);
        schedules.add(executor.schedule("external-changes", Duration.ofSeconds(2), Duration.ofSeconds(2),
                app::pollExternalChanges));
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
    }

    private void upsert(ExportJob job, Instant now, boolean live) {
        JobItem item = byId.get(job.getId());
        if (item == null) {
            item = new JobItem(job, now);
            byId.put(job.getId(), item);
            items.add(item);
            return;
        }
        ExportStatus before = item.getStatus();
        // A snapshot from a slower thread must not move a finished job back to active.
        if (!FxEventAdapter.supersedes(item.getJob(), job)) {
            return;
        }
        item.update(job, now);
        if (live && before.isActive() && job.getStatus().isFinished()) {
            announce(item);
        }
    }

    private void announce(JobItem item) {
        ExportJob j = item.getJob();
        switch (j.getStatus()) {
            case COMPLETED -> dialogs.notify("Export completed", "\"" + j.getName() + "\" is ready"
                            + (j.getFailedFiles() > 0 ? " (" + j.getFailedFiles() + " files failed)." : "."),
                    false, "Open result", () -> openResult(item));
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
        executor.run("retry", retry, created -> upsert(created, clock.instant(), false),
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
        dialogs.openExternal(folder.toUri().toString());
    }

    /** Opens the export's link: a freshly signed URL for S3. */
    public void openLink(JobItem item) {
        withFreshUrl(item, dialogs::openExternal);
    }

    /** Copies the export's link: a freshly signed URL for S3, the file URI for a local export. */
    public void copyLink(JobItem item) {
        withFreshUrl(item, dialogs::copyToClipboard);
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
        }, text -> dialogs.showDetails("Errors of \"" + j.getName() + "\"",
                j.getFailedFiles() + " of " + j.getTotalFiles() + " files failed",
                text.isEmpty() ? "No errors were recorded." : text),
                error -> dialogs.showError("Could not read the errors", error.getMessage()));
    }

    // ---- state for the view ----

    /** The jobs the list shows: filtered, newest first. */
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

    /** True while there are no jobs at all (the empty state, not an empty filter result). */
    public BooleanBinding emptyProperty() {
        return empty;
    }

    /** The adapter feeding this view model, for services that report through it. */
    public FxEventAdapter adapter() {
        return adapter;
    }

    /** Adds a job the window has just created, without waiting for its event. */
    public void jobCreated(ExportJob job) {
        upsert(job, clock.instant(), false);
    }
}
