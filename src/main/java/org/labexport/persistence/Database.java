package org.labexport.persistence;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.labexport.base.IoReasons;
import org.postgresql.ds.PGConnectionPoolDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of a LabExport home: by default its embedded H2 file, shared by every process on the machine through
 * H2's AUTO_SERVER mode (the first process serves it over a local TCP port, the others connect to it); in shared lab
 * mode a lab's PostgreSQL server ({@link DatabaseTarget}, docs/decisions/0110). Opening it brings the schema up to
 * date with the Flyway migrations ({@code db/migration} plus the engine's own folder). Everything above it reads
 * and writes with plain JDBC ({@link #withConnection}, {@link #inTransaction}): there is no ORM to boot
 * (docs/decisions/0127).
 *
 * <p>H2 connections and transactions are patient with other processes starting or stopping the shared server at the
 * same instant (docs/decisions/0070).
 */
public final class Database implements AutoCloseable {
    /**
     * The version of the newest migration in {@code db/migration}. When the database already records it, opening
     * skips Flyway's classpath scan and saves the CLI most of a second; a test keeps this in step with the files.
     */
    public static final String LATEST_MIGRATION = "4";

    static {
        // The AUTO_SERVER port is for processes on this machine only: bind it to the loopback interface (H2 would
        // otherwise listen on every interface). Read by H2 once, so it must be set before H2 is first used.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** SQLState of a unique-key violation, the same on H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** JDBC work on one connection; SQLExceptions become a {@link DatabaseException}. */
    @FunctionalInterface
    public interface JdbcWork<R> {
        R apply(Connection connection) throws SQLException;
    }

    private final DatabaseTarget target;
    private final DataSource connections;
    private final Runnable closeConnections;
    private final Object closeLock = new Object();
    private boolean closed;

    private Database(DatabaseTarget target, DataSource connections, Runnable closeConnections) {
        this.target = target;
        this.connections = connections;
        this.closeConnections = closeConnections;
    }

    /**
     * Opens (creating if needed) the H2 database whose files start with {@code databaseFile} and migrates it.
     *
     * @throws DatabaseException if the database cannot be opened or migrated
     */
    public static Database open(Path databaseFile) {
        return open(DatabaseTarget.h2File(databaseFile));
    }

    /**
     * Opens the target's database (the home's H2 file, or a lab's PostgreSQL server) and migrates it.
     *
     * @throws DatabaseException if the database cannot be opened or migrated
     */
    public static Database open(DatabaseTarget target) {
        DataSource connections;
        Runnable closer;
        if (target.vendor() == DatabaseTarget.Vendor.H2) {
            // H2's own exit hook still closes the database at JVM exit (H2 refuses DB_CLOSE_ON_EXIT=FALSE together
            // with AUTO_SERVER), so work that must reach the database on Ctrl-C runs before the JVM starts to exit:
            // the CLI handles the signal itself (docs/decisions/0071).
            Path file = h2File(target.url());
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new DatabaseException("Cannot create the database folder " + file.getParent() + ": "
                        + IoReasons.of(e) + ".", e);
            }
            SharedConnections shared = new SharedConnections(target.url(), new HandOverLock(file));
            connections = shared;
            closer = shared::close;
        } else {
            JdbcConnectionPool pool = postgresPool(target);
            connections = pool;
            closer = pool::dispose;
        }
        try {
            migrateWithPatience(connections, target);
            LOG.info("Opened database {}", target.describe());
            return new Database(target, connections, closer);
        } catch (RuntimeException | SQLException e) {
            closer.run();
            if (e instanceof DatabaseException de) {
                throw de;
            }
            throw new DatabaseException("Cannot open the database " + target.describe() + ": " + rootMessage(e), e);
        }
    }

    /** The file path in an H2 file URL ({@code jdbc:h2:file:PATH;OPTIONS}). */
    private static Path h2File(String url) {
        String rest = url.substring(url.indexOf(':', "jdbc:h2:".length()) + 1);
        int semicolon = rest.indexOf(';');
        return Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)).toAbsolutePath().normalize();
    }

    /** H2's small connection pool over the PostgreSQL driver's pooled connections. */
    private static JdbcConnectionPool postgresPool(DatabaseTarget target) {
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

    /** Migrates, again if a connection broke because the process serving the database exited meanwhile. */
    private static void migrateWithPatience(DataSource ds, DatabaseTarget target) throws SQLException {
        SharedOpenRetry retry = new SharedOpenRetry();
        while (true) {
            try {
                migrate(ds, target);
                return;
            } catch (SQLException | RuntimeException e) {
                if (!SharedOpenRetry.isHandOver(e) || !retry.pauseBeforeRetry()) {
                    throw e;
                }
                LOG.debug("Schema check lost its connection ({}); trying again", e.getMessage());
            }
        }
    }

    private static void migrate(DataSource ds, DatabaseTarget target) throws SQLException {
        if (isUpToDate(ds)) {
            LOG.debug("Schema already at version {}", LATEST_MIGRATION);
            return;
        }
        // Two processes opening a new home together both find the schema missing; Flyway's own lock on its
        // history table makes the second wait and then find the migration applied.
        Flyway.configure()
                .dataSource(ds)
                .locations(target.vendor().migrationLocations().toArray(String[]::new))
                .load()
                .migrate();
    }

    /** A cheap query instead of Flyway's scan: does the history table record the newest migration as successful? */
    private static boolean isUpToDate(DataSource ds) throws SQLException {
        // The first connection is where another process starting the server shows up; SharedConnections waits for
        // it, and a failure here is a real one (the caller reports it).
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
        }
    }

    /**
     * Runs JDBC work in one transaction on one connection (committed on return, rolled back on an exception) and
     * returns its result. If the connection breaks before the commit because another process stopped serving the
     * database, that rolled the transaction back, and the work runs again on a new connection; a break during the
     * commit itself is reported, since the commit may or may not have happened. The work may run more than once, so
     * it must not change anything outside the database before it returns.
     *
     * @param what what is being done, for the error message ("store job 7")
     * @throws DatabaseException if the work fails with an SQLException (a RuntimeException of the work passes
     *                           through unchanged, after the rollback)
     */
    public <R> R inTransaction(String what, JdbcWork<R> work) {
        SharedOpenRetry retry = null;
        while (true) {
            Connection c = null;
            try {
                c = connections.getConnection();
                c.setAutoCommit(false);
                R result = work.apply(c);
                try {
                    c.commit();
                } catch (SQLException e) {
                    throw new DatabaseException("Cannot " + what + ": " + e.getMessage(), e);
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                if (!(e instanceof DatabaseException) && SharedOpenRetry.isHandOver(e)) {
                    retry = retry == null ? new SharedOpenRetry() : retry;
                    if (retry.pauseBeforeRetry()) {
                        LOG.debug("Transaction lost its connection ({}); running it again", e.getMessage());
                        continue;
                    }
                }
                if (e instanceof SQLException sql) {
                    throw new DatabaseException("Cannot " + what + ": " + sql.getMessage(), sql);
                }
                throw (RuntimeException) e;
            } finally {
                release(c);
            }
        }
    }

    /** Whether the failure (or one of its causes) is a unique-key violation: another process inserted the same row. */
    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs plain JDBC work (reads, or a single auto-committed statement) on one connection, again on a new
     * connection if another process stopped serving the database meanwhile.
     *
     * @param what what is being done, for the error message ("read the job list")
     * @throws DatabaseException if the work fails
     */
    public <R> R withConnection(String what, JdbcWork<R> work) {
        SharedOpenRetry retry = null;
        while (true) {
            try (Connection c = connections.getConnection()) {
                return work.apply(c);
            } catch (SQLException e) {
                if (SharedOpenRetry.isHandOver(e)) {
                    retry = retry == null ? new SharedOpenRetry() : retry;
                    if (retry.pauseBeforeRetry()) {
                        continue;
                    }
                }
                throw new DatabaseException("Cannot " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /** Plain JDBC connections to the same database (the shared queue's claims, tests). */
    public DataSource dataSource() {
        return connections;
    }

    public String jdbcUrl() {
        return target.url();
    }

    /** Which database this is: the home's H2 file or a lab server. */
    public DatabaseTarget target() {
        return target;
    }

    /** Closes this process's connections; H2 then closes the file (or hands it to another process). */
    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeConnections.run();
    }

    private static void rollbackQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            if (!c.isClosed() && !c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Rollback failed: {}", e.toString());
        }
    }

    /** Gives a connection back with auto-commit on again (its transaction is over by now), as pools expect. */
    private static void release(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.setAutoCommit(true);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Resetting auto-commit failed: {}", e.toString());
        }
        try {
            c.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing a connection failed: {}", e.toString());
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
