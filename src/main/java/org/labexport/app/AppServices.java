package org.labexport.app;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.labexport.base.AppHome;
import org.labexport.catalog.CatalogService;
import org.labexport.job.DataExportService;
import org.labexport.persistence.Database;
import org.labexport.persistence.DatabaseException;
import org.labexport.persistence.DatabaseTarget;
import org.labexport.pipeline.Destinations;
import org.labexport.pipeline.PipelineServices;
import org.labexport.settings.LabServer;
import org.labexport.settings.Settings;
import org.labexport.settings.SettingsStore;

/**
 * Everything one process needs, wired once: the database of the home, the catalog, the export service and the
 * settings. The window and the CLI each open one; {@link #close()} closes the database.
 */
public final class AppServices implements PipelineServices, AutoCloseable {
    private final AppHome home;
    private final Database database;
    private final SettingsStore settingsStore;
    private Settings settings;
    private final CatalogService catalog;
    private final DataExportService exports;
    private final Clock clock;

    private AppServices(AppHome home, Database database, SettingsStore settingsStore, CatalogService catalog,
                        DataExportService exports, Clock clock) {
        this.clock = clock;
        this.home = home;
        this.database = database;
        this.settingsStore = settingsStore;
        this.catalog = catalog;
        this.exports = exports;
    }

    /** Opens the home with the system clock. */
    public static AppServices open(AppHome home) {
        return open(home, Clock.systemUTC());
    }

    /**
     * Creates the home's folders if needed, opens and migrates its database and builds the services; the settings
     * are read on first use (a command that only lists jobs never needs them). The clock is for tests that need
     * time to pass (expiry).
     *
     * @throws DatabaseException if the database cannot be opened
     */
    public static AppServices open(AppHome home, Clock clock) {
        return open(home, clock, System.getenv());
    }

    /**
     * As {@link #open(AppHome, Clock)}, reading the lab server variables ({@code LABEXPORT_DB_URL}, ...) from the
     * given environment instead of the process's (tests).
     */
    public static AppServices open(AppHome home, Clock clock, Map<String, String> environment) {
        try {
            home.ensureExists();
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the LabExport home " + home.root() + ": " + e.getMessage(), e);
        }
        SettingsStore store = new SettingsStore(home);
        Database db = Database.open(databaseTarget(home, store, environment));
        try {
            CatalogService catalog = new CatalogService(db, clock);
            DataExportService exports = new DataExportService(db, catalog, clock);
            AppServices services = new AppServices(home, db, store, catalog, exports, clock);
            // Deleting or expiring a job removes its output wherever the pipeline delivered it, S3 included.
            exports.registerOutputRemover(Destinations.forServices(services).outputRemover());
            return services;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The lab's PostgreSQL server when the environment or the settings name one, else the home's H2 file. The
     * environment wins; the settings file is parsed only when it names a lab server, so a workstation of its own
     * neither pays for reading it nor fails on a broken one before a command needs the settings.
     */
    static DatabaseTarget databaseTarget(AppHome home, SettingsStore store, Map<String, String> environment) {
        LabServer lab = null;
        String url = environment.get("LABEXPORT_DB_URL");
        if ((url == null || url.isBlank()) && mentionsLabServer(home)) {
            lab = store.load().getLabServer();
        }
        return DatabaseTarget.resolve(environment, lab == null ? null : lab.databaseUrl(),
                lab == null ? null : lab.user(), lab == null ? null : lab.password(), home.database());
    }

    private static boolean mentionsLabServer(AppHome home) {
        try {
            return java.nio.file.Files.isRegularFile(home.settingsFile())
                    && java.nio.file.Files.readString(home.settingsFile()).contains("\"labServer\"");
        } catch (IOException | RuntimeException e) {
            return true; // unreadable: let the settings' own loading say why
        }
    }

    /** Whether this process works on a lab's shared database (shared lab mode). */
    public boolean isSharedLab() {
        return database.target().isShared();
    }

    /** The clock of this process's services (a test's, when time must pass). */
    public Clock clock() {
        return clock;
    }

    public AppHome home() {
        return home;
    }

    /**
     * The settings, loaded on the first call; change them and save with {@code settingsStore().save(settings())}.
     *
     * @throws org.labexport.settings.SettingsException if the settings file is unreadable
     */
    public synchronized Settings settings() {
        if (settings == null) {
            settings = settingsStore.load();
        }
        return settings;
    }

    public SettingsStore settingsStore() {
        return settingsStore;
    }

    public CatalogService catalog() {
        return catalog;
    }

    public DataExportService exports() {
        return exports;
    }

    /** The database, for code that needs plain JDBC next to the services (kept out of the window's reach). */
    public Database database() {
        return database;
    }

    @Override
    public void close() {
        try {
            exports.close();
        } finally {
            database.close();
        }
    }
}
