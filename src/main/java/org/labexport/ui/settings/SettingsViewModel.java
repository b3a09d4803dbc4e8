package org.labexport.ui.settings;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.labexport.destination.S3Config;
import org.labexport.settings.LabServer;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;
import org.labexport.settings.SettingsStore;
import org.labexport.ui.common.TaskExecutor;
import org.labexport.ui.common.Theme;

/**
 * The settings form: default destination folder, S3/MinIO profiles with a connection test, jobs running at once and
 * theme. Saving writes through {@link SettingsStore} off the FX thread and then applies what changed.
 */
public final class SettingsViewModel {
    private final Settings settings;
    private final SettingsStore store;
    private final TaskExecutor executor;
    private final Function<S3Profile, String> connectionTest;
    private final Consumer<Settings> applied;

    private final StringProperty defaultFolder = new SimpleStringProperty(this, "defaultFolder", "");
    private final ObjectProperty<Integer> maxConcurrentJobs = new SimpleObjectProperty<>(this, "maxConcurrentJobs", 2);
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final ObservableList<ProfileDraft> profiles = FXCollections.observableArrayList();
    private final ObjectProperty<ProfileDraft> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty defaultProfile = new SimpleStringProperty(this, "defaultProfile");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    // Lab server (shared lab mode); the password field stays empty and an empty value keeps the saved one.
    private final StringProperty labDatabaseUrl = new SimpleStringProperty(this, "labDatabaseUrl", "");
    private final StringProperty labUser = new SimpleStringProperty(this, "labUser", "");
    private final StringProperty labPassword = new SimpleStringProperty(this, "labPassword", "");
    private final StringProperty labFiles = new SimpleStringProperty(this, "labFiles", "");
    private final StringProperty labOutput = new SimpleStringProperty(this, "labOutput", "");

    /**
     * @param connectionTest checks a profile and returns a short success message, or throws with what is wrong;
     *                       runs off the FX thread
     * @param applied        called on the FX thread after a save, to apply theme and concurrency
     */
    public SettingsViewModel(Settings settings, SettingsStore store, TaskExecutor executor,
                             Function<S3Profile, String> connectionTest, Consumer<Settings> applied) {
        this.settings = settings;
        this.store = store;
        this.executor = executor;
        this.connectionTest = connectionTest;
        this.applied = applied;
        defaultFolder.set(settings.getDefaultDestination() == null ? "" : settings.getDefaultDestination());
        maxConcurrentJobs.set(Math.max(1, settings.getMaxConcurrentJobs()));
        theme.set(Theme.fromSetting(settings.getTheme()));
        if (settings.getS3Profiles() != null) {
            for (S3Profile p : settings.getS3Profiles()) {
                profiles.add(ProfileDraft.of(p));
            }
        }
        defaultProfile.set(settings.getDefaultS3Profile());
        LabServer lab = settings.getLabServer();
        if (lab != null) {
            labDatabaseUrl.set(nullToEmpty(lab.databaseUrl()));
            labUser.set(nullToEmpty(lab.user()));
            labFiles.set(nullToEmpty(lab.files()));
            labOutput.set(nullToEmpty(lab.output()));
        }
        if (!profiles.isEmpty()) {
            selected.set(profiles.get(0));
        }
    }

    public void addProfile() {
        ProfileDraft d = new ProfileDraft();
        d.nameProperty().set("profile-" + (profiles.size() + 1));
        d.endpointProperty().set("http://localhost:9000");
        profiles.add(d);
        selected.set(d);
    }

    public void removeSelected() {
        ProfileDraft d = selected.get();
        if (d != null) {
            profiles.remove(d);
            selected.set(profiles.isEmpty() ? null : profiles.get(0));
        }
    }

    /** Tests the selected profile (as edited, unsaved) off the FX thread; the outcome shows in {@link #statusProperty()}. */
    public void testConnection() {
        ProfileDraft d = selected.get();
        if (d == null) {
            return;
        }
        S3Profile p = d.toProfile();
        status.set("Testing " + p.name() + "...");
        executor.run("s3-test", () -> connectionTest.apply(p), ok -> status.set(ok),
                e -> status.set("Connection failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage())));
    }

    /** The first problem of the form, or null. */
    String problem() {
        Set<String> names = new HashSet<>();
        for (ProfileDraft d : profiles) {
            S3Profile p = d.toProfile();
            if (p.name().isEmpty()) {
                return "Every profile needs a name.";
            }
            if (!names.add(p.name())) {
                return "Two profiles are called '" + p.name() + "'.";
            }
            if (p.endpoint().isEmpty() || p.bucket().isEmpty()) {
                return "Profile '" + p.name() + "' needs an endpoint and a bucket.";
            }
            Optional<String> endpointProblem = S3Config.endpointProblem(p.endpoint());
            if (endpointProblem.isPresent()) {
                return "Profile '" + p.name() + "': " + endpointProblem.get();
            }
        }
        String url = blankToNull(labDatabaseUrl.get());
        if (url != null && !url.startsWith("jdbc:postgresql://")) {
            return "Lab server database: use jdbc:postgresql://HOST:5432/DATABASE (got '" + url + "').";
        }
        String files = blankToNull(labFiles.get());
        if (files != null && !files.startsWith("s3://")) {
            return "Lab server files location: use s3://BUCKET/PREFIX (got '" + files + "').";
        }
        return null;
    }

    /** Saves off the FX thread; {@code done} runs on the FX thread after a successful save. */
    public void save(Runnable done) {
        String problem = problem();
        if (problem != null) {
            status.set(problem);
            return;
        }
        List<S3Profile> saved = new ArrayList<>();
        for (ProfileDraft d : profiles) {
            saved.add(d.toProfile());
        }
        String folder = defaultFolder.get() == null || defaultFolder.get().isBlank() ? null : defaultFolder.get().trim();
        int jobs = maxConcurrentJobs.get();
        String themeValue = theme.get().settingValue();
        String def = saved.stream().anyMatch(p -> p.name().equals(defaultProfile.get())) ? defaultProfile.get()
                : saved.isEmpty() ? null : saved.get(0).name();
        LabServer before = settings.getLabServer();
        String password = labPassword.get() == null || labPassword.get().isEmpty()
                ? (before == null ? null : before.password()) : labPassword.get();
        LabServer lab = new LabServer(blankToNull(labDatabaseUrl.get()), blankToNull(labUser.get()), password,
                blankToNull(labFiles.get()), blankToNull(labOutput.get()));
        executor.run("save-settings", () -> {
            synchronized (settings) {
                settings.setLabServer(lab.isConfigured() || lab.files() != null || lab.output() != null ? lab : null);
                settings.setDefaultDestination(folder);
                settings.setMaxConcurrentJobs(jobs);
                settings.setTheme(themeValue);
                settings.setS3Profiles(saved);
                settings.setDefaultS3Profile(def);
                store.save(settings);
            }
            return settings;
        }, s -> {
            profiles.forEach(ProfileDraft::commitSecret);
            labPassword.set("");
            boolean labChanged = !java.util.Objects.equals(before == null ? null : before.databaseUrl(),
                    lab.databaseUrl());
            status.set(labChanged ? "Saved. The lab server is used from the next start." : "Saved.");
            applied.accept(s);
            done.run();
        }, e -> status.set("Could not save the settings: " + e.getMessage()));
    }

    /** {@code jdbc:postgresql://HOST:5432/DATABASE}, or empty for this workstation's own database. */
    public StringProperty labDatabaseUrlProperty() {
        return labDatabaseUrl;
    }

    public StringProperty labUserProperty() {
        return labUser;
    }

    /** A new password; empty keeps the saved one (which is never shown). */
    public StringProperty labPasswordProperty() {
        return labPassword;
    }

    /** {@code s3://BUCKET/PREFIX} where uploaded files go for the lab's workers. */
    public StringProperty labFilesProperty() {
        return labFiles;
    }

    /** Where jobs without a destination are delivered in shared mode: {@code s3://...} or a shared folder. */
    public StringProperty labOutputProperty() {
        return labOutput;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public StringProperty defaultFolderProperty() {
        return defaultFolder;
    }

    public ObjectProperty<Integer> maxConcurrentJobsProperty() {
        return maxConcurrentJobs;
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public ObservableList<ProfileDraft> profiles() {
        return profiles;
    }

    public ObjectProperty<ProfileDraft> selectedProperty() {
        return selected;
    }

    public StringProperty defaultProfileProperty() {
        return defaultProfile;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
