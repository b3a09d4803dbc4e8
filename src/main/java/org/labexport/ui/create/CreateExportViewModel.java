package org.labexport.ui.create;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.labexport.app.ExportNames;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.app.TablePreview;
import org.labexport.base.LabExportException;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.SourceFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;
import org.labexport.convert.OptionSpec;
import org.labexport.convert.OptionException;
import org.labexport.ui.common.TaskExecutor;

/**
 * State and commands of the create-export dialog: the selected files (from drops, the chooser or catalog datasets),
 * name, description, format and its options form, packaging flags, expiry and destination. {@link #problemProperty()}
 * names the first thing that keeps the form from being valid, in words naming the field or file; beyond what the form
 * sees itself, the application's {@link LabExportApp#check} is asked off the FX thread after every change (unreadable
 * files, an unwritable destination), and Create is enabled only once the latest check passed. A preview shows the
 * first rows of the chosen file as the export will write them.
 */
public final class CreateExportViewModel {

    /** Where the export goes. */
    public enum DestinationKind { LOCAL, S3 }

    private final LabExportApp app;
    private final TaskExecutor executor;

    private final ObservableList<SelectedFile> files = FXCollections.observableArrayList();
    private final ObservableList<Dataset> datasets = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty description = new SimpleStringProperty(this, "description", "");
    private final ObjectProperty<ExportFormat> format = new SimpleObjectProperty<>(this, "format", ExportFormat.CSV);
    private final ObservableList<OptionField> options = FXCollections.observableArrayList(
            f -> new Observable[] {f.errorProperty(), f.valueProperty(), f.applicableProperty()});
    private final BooleanProperty includeMetadata = new SimpleBooleanProperty(this, "includeMetadata", true);
    private final BooleanProperty includeLineage = new SimpleBooleanProperty(this, "includeLineage", true);
    private final BooleanProperty compress = new SimpleBooleanProperty(this, "compress", false);
    private final BooleanProperty bagit = new SimpleBooleanProperty(this, "bagit", false);
    /** Shared lab mode: put the files in the lab bucket as they are added, so a lab worker can read them. */
    private final BooleanProperty uploadToLab = new SimpleBooleanProperty(this, "uploadToLab", false);
    private final StringProperty projectId = new SimpleStringProperty(this, "projectId", "");
    private final ObjectProperty<ExpiryChoice> expiry = new SimpleObjectProperty<>(this, "expiry", ExpiryChoice.TWO_DAYS);
    private final StringProperty customHours = new SimpleStringProperty(this, "customHours", "48");
    private final ObjectProperty<DestinationKind> destinationKind =
            new SimpleObjectProperty<>(this, "destinationKind", DestinationKind.LOCAL);
    private final StringProperty localFolder = new SimpleStringProperty(this, "localFolder", "");
    private final ObservableList<S3Profile> s3Profiles = FXCollections.observableArrayList();
    private final ObjectProperty<S3Profile> s3Profile = new SimpleObjectProperty<>(this, "s3Profile");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper serverError = new ReadOnlyStringWrapper(this, "serverError");
    private final ReadOnlyStringWrapper checkProblem = new ReadOnlyStringWrapper(this, "checkProblem");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(this, "checking");
    /** Bumped by every edit; a check started for an older generation is skipped (read by the check's thread). */
    private volatile long checkGeneration;
    private final ObservableList<String> columnNames = FXCollections.observableArrayList();
    private final ObjectProperty<SelectedFile> previewFile = new SimpleObjectProperty<>(this, "previewFile");
    private final ReadOnlyObjectWrapper<TablePreview> preview = new ReadOnlyObjectWrapper<>(this, "preview");
    private final ReadOnlyStringWrapper previewMessage = new ReadOnlyStringWrapper(this, "previewMessage", "");
    private long previewGeneration;
    private String previewKey = "";
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final StringBinding problem;
    private final StringBinding expiryNotice;
    private final BooleanBinding valid;
    private String autoName = "";
    /** The profile whose endpoint and keys the pipeline uploads with (the default, or the only one). */
    private final String defaultProfile;

    /** Rows the preview shows. */
    public static final int PREVIEW_ROWS = 100;
    /** How long the dialog waits after an edit before it checks the export (a check touches the disk). */
    static final java.time.Duration CHECK_DELAY = java.time.Duration.ofMillis(300);

    public CreateExportViewModel(LabExportApp app, TaskExecutor executor, Settings settings, Path defaultFolder) {
        this.app = app;
        // A job may run on a lab worker that cannot see this machine's disk: upload unless the user says otherwise.
        uploadToLab.set(app.isSharedLab());
        this.executor = executor;
        String folder = settings.getDefaultDestination();
        localFolder.set(folder == null || folder.isBlank() ? defaultFolder.toString() : folder);
        if (settings.getS3Profiles() != null) {
            s3Profiles.setAll(settings.getS3Profiles());
        }
        this.defaultProfile = settings.defaultS3ProfileOrOnly().map(S3Profile::name).orElse(null);
        s3Profile.set(s3Profiles.stream().filter(p -> p.name().equals(defaultProfile)).findFirst()
                .orElse(s3Profiles.isEmpty() ? null : s3Profiles.get(0)));
        rebuildOptions(format.get());
        format.addListener((obs, old, now) -> rebuildOptions(now));
        files.addListener((javafx.collections.ListChangeListener<SelectedFile>) c -> prefillName());
        // Any edit clears a message from the last failed attempt.
        for (Observable o : List.<Observable>of(name, format, options, files, destinationKind, localFolder, s3Profile)) {
            o.addListener(x -> serverError.set(null));
        }
        problem = Bindings.createStringBinding(this::firstProblem, files, name, options, expiry, customHours,
                destinationKind, localFolder, s3Profile, serverError, checkProblem);
        valid = problem.isEmpty().and(checking.not());
        // What only the application can tell (files it cannot read, a destination it cannot write) is asked after
        // every change that could alter the answer.
        for (Observable o : List.<Observable>of(files, name, format, options, expiry, customHours, destinationKind,
                localFolder, s3Profile)) {
            o.addListener(x -> recheck());
        }
        files.addListener((javafx.collections.ListChangeListener<SelectedFile>) c -> {
            markApplicableOptions();
            if (previewFile.get() == null || !files.contains(previewFile.get())) {
                previewFile.set(files.isEmpty() ? null : files.get(0));
            }
        });
        for (Observable o : List.<Observable>of(previewFile, format, options)) {
            o.addListener(x -> refreshPreview());
        }
        recheck();
        expiryNotice = Bindings.createStringBinding(this::describeExpiry, destinationKind, localFolder, s3Profile);
    }

    /** What expiry will do with the chosen destination: managed copies go, a folder the user chose stays. */
    private String describeExpiry() {
        if (destinationKind.get() == DestinationKind.S3) {
            return app.expiryNotice("s3://bucket");
        }
        String folder = localFolder.get() == null ? "" : localFolder.get().trim();
        if (folder.isEmpty()) {
            return "";
        }
        try {
            return app.expiryNotice(Path.of(folder).toAbsolutePath().normalize().toString());
        } catch (RuntimeException e) {
            return ""; // not a path yet; the problem line says so
        }
    }

    /** One sentence on what happens to the export's files when it expires, for the chosen destination. */
    public StringBinding expiryNoticeProperty() {
        return expiryNotice;
    }

    private void rebuildOptions(ExportFormat f) {
        List<OptionField> fields = new ArrayList<>();
        for (var spec : f.options()) {
            fields.add(new OptionField(spec));
        }
        options.setAll(fields);
        markApplicableOptions();
    }

    /** Shows only the options that matter for the chosen files (an input sheet only for Excel inputs). */
    private void markApplicableOptions() {
        Set<SourceFormat> inputs = new HashSet<>();
        for (SelectedFile f : files) {
            inputs.add(f.format());
        }
        for (OptionField f : options) {
            f.applicableProperty().set(f.spec().hints().appliesTo(inputs));
        }
    }

    /** Asks the application whether the export as it stands would be accepted; only the latest answer counts. */
    private void recheck() {
        long generation = ++checkGeneration;
        if (files.isEmpty() || name.get() == null || name.get().isBlank() || localProblem() != null) {
            checking.set(false);
            checkProblem.set(null);
            return;
        }
        checking.set(true);
        ExportRequest request = request();
        // A check writes a probe file in the destination and reads each file's first bytes: wait until the typing
        // stops, and skip the checks that a later edit made stale before they began.
        executor.runAfter("check-export", CHECK_DELAY, () -> {
            if (generation != checkGeneration) {
                return Boolean.FALSE;
            }
            app.check(request);
            return Boolean.TRUE;
        }, ok -> {
            if (generation == checkGeneration) {
                checkProblem.set(null);
                checking.set(false);
            }
        }, e -> {
            if (generation == checkGeneration) {
                checkProblem.set(words(e, "The export settings could not be checked."));
                checking.set(false);
            }
        });
    }

    /** A failure's message for the dialog: our own exceptions are worded for people; anything else is not shown. */
    private static String words(Throwable e, String fallback) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof LabExportException && t.getMessage() != null) {
            return t.getMessage();
        }
        if (t instanceof java.io.IOException && t.getMessage() != null && !t.getMessage().contains("Exception")) {
            return t.getMessage();
        }
        org.slf4j.LoggerFactory.getLogger(CreateExportViewModel.class).warn(fallback, t);
        return fallback + " Details are in the log.";
    }

    /** Reads the first rows of the chosen file as the export will write them, off the FX thread. */
    private void refreshPreview() {
        SelectedFile file = previewFile.get();
        Map<String, String> opts = new LinkedHashMap<>(chosenOptions());
        opts.remove("columns"); // the preview shows every column, with the chosen ones ticked
        String key = file == null ? "" : file.path() + "|" + format.get() + "|" + opts;
        if (key.equals(previewKey)) {
            return;
        }
        previewKey = key;
        long generation = ++previewGeneration;
        if (file == null) {
            preview.set(null);
            columnNames.clear();
            previewMessage.set("");
            return;
        }
        if (options.stream().anyMatch(f -> f.applicableProperty().get() && f.errorProperty().get() != null)) {
            return; // the problem line says what to fix; the preview waits for options that parse
        }
        previewMessage.set("Reading the first rows of " + file.name() + "...");
        ExportFormat target = format.get();
        executor.run("preview", () -> app.preview(file.path(), target, opts, PREVIEW_ROWS), shown -> {
            if (generation == previewGeneration) {
                preview.set(shown);
                columnNames.setAll(shown.columns().stream().map(TablePreview.Column::name).toList());
                previewMessage.set(shown.note());
            }
        }, e -> {
            if (generation == previewGeneration) {
                preview.set(null);
                columnNames.clear();
                previewMessage.set(words(e, "The preview of " + file.name() + " could not be read."));
            }
        });
    }

    /** Whether the {@code columns} option exports this column (every column while the option is empty). */
    public boolean isColumnChosen(String column) {
        List<String> chosen = chosenColumns();
        return chosen.isEmpty() || chosen.contains(column);
    }

    /**
     * Adds or removes a column of the preview from the {@code columns} option: the picker keeps the file's order for
     * columns it adds; choosing every column empties the option (all columns, as the default).
     */
    public void chooseColumn(String column, boolean chosen) {
        OptionField field = option("columns");
        if (field == null) {
            return;
        }
        List<String> now = new ArrayList<>(chosenColumns().isEmpty() ? columnNames : chosenColumns());
        if (chosen && !now.contains(column)) {
            List<String> ordered = new ArrayList<>();
            for (String c : columnNames) {
                if (now.contains(c) || c.equals(column)) {
                    ordered.add(c);
                }
            }
            for (String c : now) {
                if (!ordered.contains(c)) {
                    ordered.add(c);
                }
            }
            now = ordered;
        } else if (!chosen) {
            now.remove(column);
        }
        field.valueProperty().set(now.isEmpty() || now.equals(columnNames) ? "" : TokenListEditor.toJson(now));
    }

    private List<String> chosenColumns() {
        OptionField field = option("columns");
        if (field == null) {
            return List.of();
        }
        try {
            @SuppressWarnings("unchecked")
            List<String> list = (List<String>) field.spec().parse(field.valueProperty().get());
            return list;
        } catch (OptionException e) {
            return List.of();
        }
    }

    /** The form field of an option of the chosen format, or null. */
    public OptionField option(String key) {
        return options.stream().filter(f -> f.spec().key().equals(key)).findFirst().orElse(null);
    }

    private void prefillName() {
        String suggestion = suggestName();
        if (name.get() == null || name.get().isBlank() || name.get().equals(autoName)) {
            name.set(suggestion);
        }
        autoName = suggestion;
    }

    private String suggestName() {
        return files.isEmpty() ? "" : ExportNames.suggest(files.stream().map(SelectedFile::name).toList());
    }

    private String firstProblem() {
        if (serverError.get() != null) {
            return serverError.get();
        }
        if (files.isEmpty()) {
            return "Add at least one file: drop files or folders, use Add files... or pick a dataset.";
        }
        if (name.get() == null || name.get().isBlank()) {
            return "Give the export a name.";
        }
        String local = localProblem();
        if (local != null) {
            return local;
        }
        return checkProblem.get() == null ? "" : checkProblem.get();
    }

    /** What the form can tell by itself is wrong after files and name: options, expiry, destination; or null. */
    private String localProblem() {
        for (OptionField f : options) {
            if (f.applicableProperty().get() && f.errorProperty().get() != null) {
                return f.errorProperty().get();
            }
        }
        if (expiry.get() == ExpiryChoice.CUSTOM && customHoursValue() == null) {
            return "Expiry must be a whole number of hours from " + ExpiryChoice.MIN_HOURS + " to "
                    + ExpiryChoice.MAX_HOURS + ".";
        }
        if (destinationKind.get() == DestinationKind.LOCAL
                && (localFolder.get() == null || localFolder.get().isBlank())) {
            return "Choose a destination folder.";
        }
        if (destinationKind.get() == DestinationKind.LOCAL) {
            try {
                Path.of(localFolder.get().trim());
            } catch (java.nio.file.InvalidPathException e) {
                return "The destination folder '" + localFolder.get().trim() + "' is not a valid path.";
            }
        }
        if (destinationKind.get() == DestinationKind.S3 && s3Profile.get() == null) {
            return "Choose an S3/MinIO profile (add one in Settings).";
        }
        return null;
    }

    private Integer customHoursValue() {
        try {
            int h = Integer.parseInt(customHours.get().trim());
            return h >= ExpiryChoice.MIN_HOURS && h <= ExpiryChoice.MAX_HOURS ? h : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Loads the catalog's datasets for the picker, off the FX thread. */
    public void loadDatasets() {
        executor.run("list-datasets", app::datasets, datasets::setAll, e -> {
        });
    }

    /**
     * Adds dropped or chosen paths: files as they are, folders by the regular files inside them (recursively, in name
     * order). The walk and format detection run off the FX thread; {@code done} runs on the FX thread afterwards.
     */
    public void addPaths(List<Path> paths, Runnable done) {
        List<Path> given = List.copyOf(paths);
        executor.run("scan-files", () -> scan(given), rows -> {
            addRows(rows);
            done.run();
        }, e -> {
            serverError.set("Could not read the dropped files: " + e.getMessage());
            done.run();
        });
    }

    private static List<SelectedFile> scan(List<Path> paths) throws IOException {
        List<SelectedFile> rows = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                try (Stream<Path> walk = Files.walk(abs)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        rows.add(describe(f));
                    }
                }
            } else if (Files.isRegularFile(abs)) {
                rows.add(describe(abs));
            }
        }
        return rows;
    }

    private static SelectedFile describe(Path file) {
        try {
            return new SelectedFile(file, Files.size(file), SourceFormat.detect(file), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private void addRows(List<SelectedFile> rows) {
        Set<Path> present = new HashSet<>();
        for (SelectedFile f : files) {
            present.add(f.path());
        }
        List<SelectedFile> fresh = new ArrayList<>();
        for (SelectedFile r : rows) {
            if (present.add(r.path())) {
                fresh.add(r);
            }
        }
        files.addAll(fresh);
    }

    /** Adds the files of a catalog dataset. */
    public void addDataset(Dataset dataset) {
        if (dataset == null) {
            return;
        }
        long dsId = dataset.getId();
        executor.run("resolve-dataset", () -> app.resolveFiles(List.of(), List.of(dsId)), dataFiles -> {
            List<SelectedFile> rows = new ArrayList<>();
            for (DataFile f : dataFiles) {
                rows.add(new SelectedFile(Path.of(f.getPath()), f.getSizeBytes(), f.getDetectedFormat(), f.getId(), dsId));
            }
            addRows(rows);
        }, e -> serverError.set("Could not read dataset " + dataset.getName() + ": " + e.getMessage()));
    }

    public void remove(SelectedFile file) {
        files.remove(file);
    }

    /**
     * Registers the files in the catalog, creates the job and submits it, all off the FX thread; {@code created}
     * then runs on the FX thread with the pending job. A rejected request shows its message in the dialog.
     */
    public void create(Consumer<ExportJob> created) {
        if (!valid.get() || busy.get()) {
            return;
        }
        busy.set(true);
        ExportRequest request = request();
        executor.run("create-export", () -> app.startExport(request), job -> {
            busy.set(false);
            created.accept(job);
        }, e -> {
            busy.set(false);
            serverError.set(words(e, "The export could not be created."));
        });
    }

    /**
     * The export as the form stands: files by path, catalog files by id, and the datasets rows came from (kept for
     * lineage; the service resolves them without duplicates).
     */
    private ExportRequest request() {
        Set<Long> datasetIds = new LinkedHashSet<>();
        Set<Long> fileIds = new LinkedHashSet<>();
        List<Path> paths = new ArrayList<>();
        for (SelectedFile r : files) {
            if (r.catalogId() != null) {
                fileIds.add(r.catalogId());
            } else {
                paths.add(r.path());
            }
            if (r.datasetId() != null) {
                datasetIds.add(r.datasetId());
            }
        }
        NewExportJob job = NewExportJob.builder()
                .name(name.get() == null ? "" : name.get().trim())
                .description(description.get() == null ? "" : description.get().trim())
                .format(format.get())
                .includeMetadata(includeMetadata.get())
                .includeLineage(includeLineage.get())
                .compress(compress.get())
                .packageFormat(bagit.get() ? org.labexport.publish.PackageFormat.BAGIT
                        : org.labexport.publish.PackageFormat.NONE)
                .projectId(projectId.get() == null || projectId.get().isBlank() ? null : projectId.get().trim())
                .exportOptions(chosenOptions())
                .ttlHours(expiry.get() == ExpiryChoice.CUSTOM ? customHoursValue() : expiry.get().hours())
                .destination(destination())
                .fileIds(List.copyOf(fileIds))
                .datasetIds(List.copyOf(datasetIds))
                .build();
        return ExportRequest.of(paths, job).withUpload(app.isSharedLab() && uploadToLab.get());
    }

    /**
     * Fills the form with a finished job's settings and files, for "Edit and retry": its name, description, format
     * and options, packaging, expiry, destination, and its files from the catalog (off the FX thread).
     */
    public void loadFrom(ExportJob job) {
        NewExportJob settings = LabExportApp.copyOf(job, job.getFileIds(), job.getDatasetIds());
        name.set(settings.name());
        autoName = "";
        description.set(settings.description() == null ? "" : settings.description());
        format.set(settings.format());
        for (Map.Entry<String, String> e : settings.exportOptions().entrySet()) {
            OptionField f = option(e.getKey());
            if (f != null) {
                f.valueProperty().set(e.getValue());
            }
        }
        includeMetadata.set(settings.includeMetadata());
        includeLineage.set(settings.includeLineage());
        compress.set(settings.compress());
        int hours = settings.ttlHours() == null ? ExpiryChoice.TWO_DAYS.hours() : settings.ttlHours();
        ExpiryChoice preset = java.util.Arrays.stream(ExpiryChoice.values()).filter(c -> c.hours() == hours)
                .findFirst().orElse(ExpiryChoice.CUSTOM);
        expiry.set(preset);
        customHours.set(Integer.toString(hours));
        String dest = settings.destination();
        if (dest != null && dest.startsWith("s3://")) {
            String profile = dest.contains("@") ? dest.substring("s3://".length(), dest.indexOf('@')) : defaultProfile;
            s3Profiles.stream().filter(p -> p.name().equals(profile)).findFirst().ifPresent(s3Profile::set);
            destinationKind.set(DestinationKind.S3);
        } else {
            if (dest != null && !dest.isBlank()) {
                localFolder.set(dest);
            }
            destinationKind.set(DestinationKind.LOCAL);
        }
        List<Long> fileIds = job.getFileIds() == null ? List.of() : job.getFileIds();
        List<Long> datasetIds = job.getDatasetIds() == null ? List.of() : job.getDatasetIds();
        executor.run("load-job-files", () -> {
            Map<Long, Long> datasetOf = new java.util.HashMap<>();
            for (Long ds : datasetIds) {
                for (DataFile f : app.resolveFiles(List.of(), List.of(ds))) {
                    datasetOf.putIfAbsent(f.getId(), ds);
                }
            }
            List<SelectedFile> rows = new ArrayList<>();
            for (DataFile f : app.resolveFiles(fileIds, datasetIds)) {
                rows.add(new SelectedFile(Path.of(f.getPath()), f.getSizeBytes(), f.getDetectedFormat(), f.getId(),
                        datasetOf.get(f.getId())));
            }
            return rows;
        }, this::addRows, e -> serverError.set(words(e, "The files of \"" + job.getName() + "\" could not be read.")));
    }

    /**
     * Saves the chosen files as a catalog dataset of this name (created, or added to when one of that name exists),
     * off the FX thread; the picker then lists it and the status line says so.
     */
    public void saveAsDataset(String datasetName) {
        List<Path> paths = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (SelectedFile r : files) {
            if (r.catalogId() != null) {
                ids.add(r.catalogId());
            } else {
                paths.add(r.path());
            }
        }
        executor.run("save-dataset", () -> app.saveDataset(datasetName, paths, ids), saved -> {
            status.set("Saved " + saved.getFileIds().size() + " files as dataset \"" + saved.getName() + "\".");
            loadDatasets();
        }, e -> serverError.set(words(e, "The dataset could not be saved.")));
    }

    /** Whether the user has put anything in the form that closing it would lose. */
    public boolean isFilled() {
        boolean typedName = name.get() != null && !name.get().isBlank() && !name.get().equals(autoName);
        return !files.isEmpty() || typedName || description.get() != null && !description.get().isBlank();
    }

    /** Options whose value differs from the default and that matter for the chosen files, in form order. */
    Map<String, String> chosenOptions() {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (OptionField f : options) {
            if (!f.isDefault() && f.applicableProperty().get()) {
                chosen.put(f.spec().key(), f.valueProperty().get());
            }
        }
        return chosen;
    }

    private String destination() {
        if (destinationKind.get() == DestinationKind.S3) {
            return s3Destination(s3Profile.get());
        }
        return Path.of(localFolder.get().trim()).toAbsolutePath().normalize().toString();
    }

    /** The s3://PROFILE@bucket/prefix destination of a profile: the job uploads with that profile's endpoint and keys. */
    static String s3Destination(S3Profile p) {
        String prefix = p.prefix() == null ? "" : p.prefix().replaceAll("^/+", "");
        return "s3://" + p.name() + "@" + p.bucket() + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    public ObservableList<SelectedFile> files() {
        return files;
    }

    public ObservableList<Dataset> datasets() {
        return datasets;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty descriptionProperty() {
        return description;
    }

    public ObjectProperty<ExportFormat> formatProperty() {
        return format;
    }

    /** The options of the chosen format; replaced when the format changes. */
    public ObservableList<OptionField> options() {
        return options;
    }

    public BooleanProperty includeMetadataProperty() {
        return includeMetadata;
    }

    public BooleanProperty includeLineageProperty() {
        return includeLineage;
    }

    /** Package the export as a BagIt bag with an RO-Crate. */
    /** Whether this workstation works with a lab server (the dialog then offers to upload the files). */
    public boolean isLabMode() {
        return app.isSharedLab();
    }

    public BooleanProperty uploadToLabProperty() {
        return uploadToLab;
    }

    public BooleanProperty bagitProperty() {
        return bagit;
    }

    /** The project the export belongs to; blank for none. */
    public StringProperty projectIdProperty() {
        return projectId;
    }

    public BooleanProperty compressProperty() {
        return compress;
    }

    public ObjectProperty<ExpiryChoice> expiryProperty() {
        return expiry;
    }

    public StringProperty customHoursProperty() {
        return customHours;
    }

    public ObjectProperty<DestinationKind> destinationKindProperty() {
        return destinationKind;
    }

    public StringProperty localFolderProperty() {
        return localFolder;
    }

    public ObservableList<S3Profile> s3Profiles() {
        return s3Profiles;
    }

    public ObjectProperty<S3Profile> s3ProfileProperty() {
        return s3Profile;
    }

    /** The first reason the form cannot be submitted, or empty. */
    public StringBinding problemProperty() {
        return problem;
    }

    public BooleanBinding validProperty() {
        return valid;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty serverErrorProperty() {
        return serverError.getReadOnlyProperty();
    }

    /** True while the application is checking the latest state of the form; Create waits for it. */
    public ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }

    /** The file the preview shows; the first file unless the user picks another row. */
    public ObjectProperty<SelectedFile> previewFileProperty() {
        return previewFile;
    }

    /** The preview of {@link #previewFileProperty()}, or null while there is none. */
    public ReadOnlyObjectProperty<TablePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    /** Where the preview's types come from, that it is being read, or why it cannot be shown. */
    public ReadOnlyStringProperty previewMessageProperty() {
        return previewMessage.getReadOnlyProperty();
    }

    /** The column names of the previewed file, offered by the columns option. */
    public ObservableList<String> columnNames() {
        return columnNames;
    }

    /** A passing note, such as a dataset saved. */
    public StringProperty statusProperty() {
        return status;
    }
}
