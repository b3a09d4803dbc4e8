package org.labexport.persistence;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which database a process opens: the home's embedded H2 file (one workstation, the default) or a lab's PostgreSQL
 * server (shared lab mode, docs/decisions/0110), with the user, password and the Flyway locations of that engine.
 * Chosen from {@code LABEXPORT_DB_URL}, {@code LABEXPORT_DB_USER} and {@code LABEXPORT_DB_PASSWORD}, else the
 * settings' lab server; nothing set means H2.
 *
 * @param vendor   the engine
 * @param url      the JDBC URL
 * @param user     the user name (for H2, {@code sa})
 * @param password the password; never logged or shown
 */
public record DatabaseTarget(Vendor vendor, String url, String user, String password) {
    public static final String ENV_URL = "LABEXPORT_DB_URL";
    public static final String ENV_USER = "LABEXPORT_DB_USER";
    public static final String ENV_PASSWORD = "LABEXPORT_DB_PASSWORD";

    /** The database engines LabExport runs on. */
    public enum Vendor {
        H2("h2"), POSTGRESQL("postgresql");

        private final String folder;

        Vendor(String folder) {
            this.folder = folder;
        }

        /** The Flyway locations: the common migrations, then this engine's own (where its SQL must differ). */
        public List<String> migrationLocations() {
            return List.of("classpath:db/migration", "classpath:db/vendor/" + folder);
        }

        /** A query returning the sequence's next value: the one piece of SQL whose spelling differs here. */
        public String nextValueQuery(String sequence) {
            return this == POSTGRESQL ? "SELECT nextval('" + sequence + "')" : "SELECT NEXT VALUE FOR " + sequence;
        }
    }

    public DatabaseTarget {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(url, "url");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * The embedded H2 file database whose files start with {@code databaseFile}, shared by the processes of one
     * machine in AUTO_SERVER mode. WRITE_DELAY=0: every commit is on disk before it returns, so a job created or
     * finished just before the process is killed is still there afterwards.
     */
    public static DatabaseTarget h2File(Path databaseFile) {
        Path absolute = databaseFile.toAbsolutePath().normalize();
        return new DatabaseTarget(Vendor.H2,
                "jdbc:h2:file:" + absolute + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000;WRITE_DELAY=0", "sa", "");
    }

    /**
     * The lab server when one is configured (the environment first, then the given settings' values), else the
     * home's H2 file.
     *
     * @throws DatabaseException if the URL names an engine LabExport does not run on
     */
    public static DatabaseTarget resolve(Map<String, String> env, String settingsUrl, String settingsUser,
                                         String settingsPassword, Path h2DatabaseFile) {
        String url = firstSet(env.get(ENV_URL), settingsUrl);
        if (url == null) {
            return h2File(h2DatabaseFile);
        }
        boolean fromEnv = firstSet(env.get(ENV_URL)) != null;
        String user = fromEnv ? env.get(ENV_USER) : firstSet(env.get(ENV_USER), settingsUser);
        String password = fromEnv ? env.get(ENV_PASSWORD) : firstSet(env.get(ENV_PASSWORD), settingsPassword);
        return of(url, user, password);
    }

    /**
     * A target for a JDBC URL: {@code jdbc:postgresql://host:port/db} or {@code jdbc:h2:...}.
     *
     * @throws DatabaseException if it is neither
     */
    public static DatabaseTarget of(String url, String user, String password) {
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            return new DatabaseTarget(Vendor.POSTGRESQL, u, user, password);
        }
        if (u.startsWith("jdbc:h2:")) {
            return new DatabaseTarget(Vendor.H2, u, user == null || user.isBlank() ? "sa" : user, password);
        }
        throw new DatabaseException("The lab database URL '" + u + "' (" + ENV_URL + " or the settings' lab server)"
                + " is not a PostgreSQL URL: use jdbc:postgresql://HOST:5432/DATABASE.", null);
    }

    /** Whether several machines share this database (a lab server), so jobs are claimed through it. */
    public boolean isShared() {
        return vendor == Vendor.POSTGRESQL;
    }

    /** The URL without its password parameter, for logs and messages. */
    public String describe() {
        return url.replaceAll("(?i)password=[^&;]*", "password=***");
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + vendor + ", " + describe() + ", user=" + user + "]";
    }

    private static String firstSet(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
