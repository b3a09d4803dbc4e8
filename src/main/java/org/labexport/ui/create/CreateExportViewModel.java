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
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.SourceFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;
import org.labexport.ui.common.TaskExecutor;

/**
 * State and commands of the create-export dialog: the selected files (from drops, the chooser or catalog datasets),
 * name, description, format and its options form, packaging flags, expiry and destination. {@link #problemProperty()}
 * names the first thing that keeps the form from being valid; Create is enabled only while it is empty.
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
    private final ObservableList<OptionField> options =
            FXCollections.observableArrayList(f -> new Observable[] {f.errorProperty()});
    private final BooleanProperty includeMetadata = new SimpleBooleanProperty(this, "includeMetadata", true);
    private final BooleanProperty includeLineage = new SimpleBooleanProperty(this, "includeLineage", true);
    private final BooleanProperty compress = new SimpleBooleanProperty(this, "compress", false);
    private final BooleanProperty bagit = new SimpleBooleanProperty(this, "bagit", false);
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
    private final StringBinding problem;
    private final StringBinding expiryNotice;
    private final BooleanBinding valid;
    private String autoName = "";
    /** The profile whose endpoint and keys the pipeline uploads with (the default, or the only one). */
    private final String defaultProfile;

    public CreateExportViewModel(LabExportApp app, TaskExecutor executor, Settings settings, Path defaultFolder) {
        this.app = app;
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
                destinationKind, localFolder, s3Profile, serverError);
        valid = problem.isEmpty();
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
        for (OptionField f : options) {
            if (f.errorProperty().get() != null) {
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
        if (destinationKind.get() == DestinationKind.S3 && s3Profile.get() == null) {
            return "Choose an S3/MinIO profile (add one in Settings).";
        }
        return "";
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
        List<SelectedFile> rows = List.copyOf(files);
        NewExportJob.Builder request = NewExportJob.builder()
                .name(name.get().trim())
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
                .destination(destination());
        executor.run("create-export", () -> {
            Set<Long> datasetIds = new LinkedHashSet<>();
            Set<Long> fileIds = new LinkedHashSet<>();
            List<Path> paths = new ArrayList<>();
            for (SelectedFile r : rows) {
                if (r.catalogId() != null) {
                    fileIds.add(r.catalogId());
                } else {
                    paths.add(r.path());
                }
                if (r.datasetId() != null) {
                    datasetIds.add(r.datasetId());
                }
            }
            // Files are listed one by one; datasets are kept for lineage (the service resolves without duplicates).
            return app.startExport(ExportRequest.of(paths, request.fileIds(List.copyOf(fileIds))
                    .datasetIds(List.copyOf(datasetIds)).build()));
        }, job -> {
            busy.set(false);
            created.accept(job);
        }, e -> {
            busy.set(false);
            serverError.set(e.getMessage() == null ? "The export could not be created." : e.getMessage());
        });
    }

    /** Options whose value differs from the default, in form order. */
    Map<String, String> chosenOptions() {
        Map<String, String> chosen = new LinkedHashMap<>();
        for (OptionField f : options) {
            if (!f.isDefault()) {
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
}
