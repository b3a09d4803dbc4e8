package org.labexport.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.bytecode.spi.BytecodeProvider;
import org.hibernate.cfg.AvailableSettings;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 file database of one LabExport home, shared by every process on the machine through H2's
 * AUTO_SERVER mode (the first process serves it over a local TCP port, the others connect to it). Opening it brings
 * the schema up to date with the Flyway migrations in {@code db/migration} and builds a Hibernate SessionFactory
 * that only validates the schema, never changes it.
 */
public final class Database implements AutoCloseable {
    /**
     * The version of the newest migration in {@code db/migration}. When the database already records it, opening
     * skips Flyway's classpath scan and saves the CLI most of a second; a test keeps this in step with the files.
     */
    public static final String LATEST_MIGRATION = "3";

    static {
        // Hibernate logs through jboss-logging; make it use SLF4J (and so logback) rather than guess.
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        // The AUTO_SERVER port is for processes on this machine only: bind it to the loopback interface (H2 would
        // otherwise listen on every interface). Read by H2 once, so it must be set before H2 is first used.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final DatabaseTarget target;
    private final JdbcConnectionPool pool;
    private final SessionFactory sessionFactory;

    private Database(DatabaseTarget target, JdbcConnectionPool pool, SessionFactory sessionFactory) {
        this.target = target;
        this.pool = pool;
        this.sessionFactory = sessionFactory;
    }

    /**
     * Opens (creating if needed) the database whose files start with {@code databaseFile}, migrates it and maps the
     * given entity classes.
     *
     * @throws DatabaseException if the database cannot be opened or migrated
     */
    public static Database open(Path databaseFile, List<Class<?>> entityClasses) {
        return open(DatabaseTarget.h2File(databaseFile), entityClasses);
    }

    /**
     * Opens the target's database (the home's H2 file, or a lab's PostgreSQL server), migrates it with the common
     * and the engine's own migrations and maps the given entity classes.
     *
     * @throws DatabaseException if the database cannot be opened or migrated
     */
    public static Database open(DatabaseTarget target, List<Class<?>> entityClasses) {
        if (target.vendor() == DatabaseTarget.Vendor.H2) {
            createH2Folder(target.url());
        }
        JdbcConnectionPool pool = connectionPool(target);
        try {
            migrate(pool, target);
            SessionFactory sf = buildSessionFactory(pool, entityClasses);
            LOG.info("Opened database {}", target.describe());
            return new Database(target, pool, sf);
        } catch (RuntimeException e) {
            pool.dispose();
            if (e instanceof DatabaseException) {
                throw e;
            }
            throw new DatabaseException("Cannot open the database " + target.describe() + ": " + rootMessage(e), e);
        }
    }

    private static void createH2Folder(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return;
        }
        String file = url.substring("jdbc:h2:file:".length());
        int semicolon = file.indexOf(';');
        Path parent = Path.of(semicolon < 0 ? file : file.substring(0, semicolon)).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new DatabaseException("Cannot create the database folder " + parent + ": " + e.getMessage(), e);
        }
    }

    /** H2's small connection pool serves both engines (for PostgreSQL over the driver's pooled connections). */
    private static JdbcConnectionPool connectionPool(DatabaseTarget target) {
        if (target.vendor() == DatabaseTarget.Vendor.H2) {
            return JdbcConnectionPool.create(target.url(), target.user(), target.password());
        }
        PGConnectionPoolDataSource pg = new PGConnectionPoolDataSource();
        pg.setURL(target.url());
        pg.setUser(target.user());
        pg.setPassword(target.password());
        pg.setApplicationName("labexport");
        pg.setConnectTimeout(10);
        JdbcConnectionPool pool = JdbcConnectionPool.create(pg);
        pool.setMaxConnections(10);
        return pool;
    }

    private static void migrate(DataSource ds, DatabaseTarget target) {
        if (isUpToDate(ds)) {
            LOG.debug("Schema already at version {}", LATEST_MIGRATION);
            return;
        }
        Flyway.configure()
                .dataSource(ds)
                .locations(target.vendor().migrationLocations().toArray(String[]::new))
                .load()
                .migrate();
    }

    /** A cheap query instead of Flyway's scan: does the history table record the newest migration as successful? */
    private static boolean isUpToDate(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            // Look before querying: a failed query on a new database would leave an entry in H2's trace file.
            try (ResultSet tables = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
                if (!tables.next()) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = ? AND \"success\"")) {
                ps.setString(1, LATEST_MIGRATION);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getInt(1) == 1;
                }
            }
        } catch (SQLException e) {
            LOG.debug("Schema version check failed; letting Flyway decide", e);
            return false;
        }
    }

    private static SessionFactory buildSessionFactory(DataSource ds, List<Class<?>> entityClasses) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
        settings.put(AvailableSettings.HBM2DDL_AUTO, "validate");
        settings.put(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        settings.put(AvailableSettings.SHOW_SQL, "false");
        // No runtime proxy classes: the entities have no lazy associations, and preparing ByteBuddy proxies cost
        // the CLI a noticeable part of its start-up. (Hibernate 7 reads no setting for this; the service is given.)
        StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                .applySettings(settings)
                .addService(BytecodeProvider.class, new org.hibernate.bytecode.internal.none.BytecodeProviderImpl())
                .build();
        try {
            MetadataSources sources = new MetadataSources(registry);
            entityClasses.forEach(sources::addAnnotatedClass);
            return sources.buildMetadata().buildSessionFactory();
        } catch (RuntimeException e) {
            StandardServiceRegistryBuilder.destroy(registry);
            throw e;
        }
    }

    /** Runs work in one transaction (committed on return, rolled back on an exception) and returns its result. */
    public <R> R inTransaction(Function<Session, R> work) {
        return sessionFactory.fromTransaction(work);
    }

    /** Runs work in one transaction. */
    public void runInTransaction(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** Plain JDBC connections to the same database, for the few reads that should not pay for a Session. */
    public DataSource dataSource() {
        return pool;
    }

    public String jdbcUrl() {
        return target.url();
    }

    /** The engine and server this database is on. */
    public DatabaseTarget target() {
        return target;
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            pool.dispose();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}
