package org.labexport.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;

/**
 * The schema comes from Flyway; the shortcut that skips Flyway stays in step with the migration files; JDBC
 * transactions commit, roll back and run again after a server hand-over.
 */
class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void latestMigrationConstantMatchesTheNewestMigrationFile() throws IOException, URISyntaxException {
        Path migrations = Path.of(Database.class.getResource("/db/migration").toURI());
        int newest = 0;
        Pattern p = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(migrations)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertThat(Database.LATEST_MIGRATION).isEqualTo(String.valueOf(newest));
    }

    private static int migrationFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(Database.class.getResource("/db/migration").toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
    }

    @Test
    void flywayCreatesTheSchemaAndReopeningKeepsIt() throws SQLException, IOException, URISyntaxException {
        try (AppServices s = TestHome.open(dir)) {
            assertThat(tables(s)).contains("EXPORT_JOB", "DATA_FILE", "DATASET", "DATASET_FILE",
                    "flyway_schema_history");
        }
        try (AppServices s = TestHome.open(dir); Connection c = s.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(migrationFiles());
            assertThat(s.database().jdbcUrl()).contains("AUTO_SERVER=TRUE");
        }
    }

    @Test
    void theSharedServerListensOnLoopbackOnly() throws IOException {
        try (AppServices s = TestHome.open(dir)) {
            s.exports().getExportStatistics();
            java.util.Properties lock = new java.util.Properties();
            try (var in = Files.newInputStream(dir.resolve("db/labexport.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            String host = server.substring(0, server.lastIndexOf(':'));
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertThat(java.net.InetAddress.getByName(host).isLoopbackAddress()).as(server).isTrue();
            // Nothing answers on the machine's other addresses.
            java.util.Optional<java.net.InetAddress> external = java.net.NetworkInterface.networkInterfaces()
                    .flatMap(java.net.NetworkInterface::inetAddresses)
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst();
            if (external.isPresent()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (java.net.Socket socket = new java.net.Socket()) {
                        socket.connect(new java.net.InetSocketAddress(external.get(), port), 2000);
                    }
                }).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void aTransactionCommitsOnReturnAndRollsBackOnAFailure() throws SQLException {
        try (Database db = Database.open(dir.resolve("db/labexport"))) {
            db.inTransaction("make a table", c -> c.createStatement().execute("CREATE TABLE t (v INT)"));
            assertThatThrownBy(() -> db.inTransaction("insert and fail", c -> {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
                throw new IllegalStateException("refused");
            })).isInstanceOf(IllegalStateException.class).hasMessage("refused");
            assertThatThrownBy(() -> db.inTransaction("insert twice", c -> {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (2)");
                return c.createStatement().executeUpdate("INSERT INTO nowhere VALUES (3)");
            })).isInstanceOf(DatabaseException.class).hasMessageStartingWith("Cannot insert twice: ");
            int inserted = db.inTransaction("insert", c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (4)"));
            assertThat(inserted).isEqualTo(1);
            assertThat(values(db)).containsExactly(4);
            // The connections go back to the pool in auto-commit mode.
            try (Connection c = db.dataSource().getConnection()) {
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }

    @Test
    void aTransactionCutOffByTheServingProcessExitingRunsAgainOnANewConnection() throws SQLException {
        try (Database db = Database.open(dir.resolve("db/labexport"))) {
            db.inTransaction("make a table", c -> c.createStatement().execute("CREATE TABLE t (v INT)"));
            java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
            int result = db.inTransaction("insert", c -> {
                c.createStatement().executeUpdate("INSERT INTO t VALUES (" + runs.incrementAndGet() + ")");
                if (runs.get() == 1) {
                    // What H2 reports when the process serving the file exits in the middle of a transaction.
                    throw new SQLException("Connection is broken", "08006", 90067);
                }
                return runs.get();
            });
            assertThat(result).isEqualTo(2);
            assertThat(values(db)).as("the first run was rolled back").containsExactly(2);
        }
    }

    @Test
    void aStatementCutOffByTheServerClosingCountsAsAHandOverAndOtherGeneralErrorsDoNot() {
        // The text H2's client gets when the serving process closes the file under a running statement.
        assertThat(SharedOpenRetry.isHandOver(new SQLException("General error: \"org.h2.mvstore.MVStoreException:"
                + " Transaction 1 is closed [2.3.232/4]\"; SQL statement: SELECT 1 [50000-232]", "HY000", 50000)))
                .isTrue();
        assertThat(SharedOpenRetry.isHandOver(new RuntimeException(new SQLException("Connection is broken", "08006",
                90067)))).isTrue();
        assertThat(SharedOpenRetry.isHandOver(new SQLException("General error: \"java.lang.OutOfMemoryError\"",
                "HY000", 50000))).isFalse();
        assertThat(SharedOpenRetry.isHandOver(new SQLException("Unique index or primary key violation", "23505",
                23505))).isFalse();
    }

    private static List<Integer> values(Database db) {
        return db.withConnection("read t", c -> {
            List<Integer> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("SELECT v FROM t ORDER BY v")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    private static List<String> tables(AppServices s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = s.database().dataSource().getConnection();
             ResultSet rs = c.getMetaData().getTables(null, "PUBLIC", null, new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }
}
