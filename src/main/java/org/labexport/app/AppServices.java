package org.labexport.app;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.labexport.base.AppHome;
import org.labexport.catalog.CatalogService;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.job.DataExportService;
import org.labexport.job.ExportJob;
import org.labexport.persistence.Database;
import org.labexport.persistence.DatabaseException;
import org.labexport.pipeline.Destinations;
import org.labexport.pipeline.PipelineServices;
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
        try {
            home.ensureExists();
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the LabExport home " + home.root() + ": " + e.getMessage(), e);
        }
        SettingsStore store = new SettingsStore(home);
        Database db = Database.open(home.database(), List.of(ExportJob.class, DataFile.class, Dataset.class));
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
