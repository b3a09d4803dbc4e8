package org.labexport.base;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where LabExport keeps its state: {@code LABEXPORT_HOME} (environment variable; the system property
 * {@code labexport.home} wins, for tests), default {@code ~/.labexport}. Holds the database, settings, logs and the
 * default exports folder.
 */
public record AppHome(Path root) {

    public static AppHome fromEnvironment() {
        String prop = System.getProperty("labexport.home");
        String env = System.getenv("LABEXPORT_HOME");
        String chosen = prop != null && !prop.isBlank() ? prop : env;
        Path root = chosen != null && !chosen.isBlank()
                ? Path.of(chosen)
                : Path.of(System.getProperty("user.home"), ".labexport");
        return new AppHome(root.toAbsolutePath().normalize());
    }

    /** Creates the folders if missing. */
    public AppHome ensureExists() throws IOException {
        Files.createDirectories(root);
        Files.createDirectories(logs());
        Files.createDirectories(work());
        return this;
    }

    public Path database() {
        return root.resolve("db").resolve("labexport");
    }

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    /** Private temporary directories of running jobs. */
    public Path work() {
        return root.resolve("work");
    }

    public Path defaultExports() {
        return root.resolve("exports");
    }
}
