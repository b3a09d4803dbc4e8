package org.labexport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labexport.app.AppServices;
import org.labexport.base.AppHome;
import org.labexport.persistence.DatabaseTarget;
import org.labexport.testing.LabDatabase;

/**
 * Two processes (two sets of services with their own connections) writing the catalog at the same moment, on the
 * home's H2 file and on a real PostgreSQL server: the same file or dataset name inserted by both ends as one row, and
 * files appended to one dataset by both keep every member in one unbroken order.
 */
class CatalogConcurrencyTest {
    @TempDir
    Path dir;
    private Map<String, String> environment;
    private final List<AppServices> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(AppServices::close);
    }

    private AppServices process(String vendor) throws Exception {
        if (environment == null) {
            environment = vendor.equals("h2") ? Map.of() : LabDatabase.environment(LabDatabase.freshDatabase());
        }
        AppServices s = AppServices.open(new AppHome(dir.resolve("home")), Clock.systemUTC(), environment);
        opened.add(s);
        return s;
    }

    /**
     * Waits until an insert into the table is stuck behind the other transaction's uncommitted row. PostgreSQL says
     * so (a lock wait); H2 shows only that the statement is still running, which an insert of one row is only while
     * it waits.
     */
    private static void awaitInsertWaiting(Connection c, String vendor, String table) {
        String sql = vendor.equals("h2")
                ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_STATE = 'RUNNING'"
                        + " AND EXECUTING_STATEMENT LIKE 'INSERT INTO " + table + " %'"
                : "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND query LIKE 'INSERT INTO " + table + " %'";
        await().atMost(Duration.ofSeconds(8)).until(() -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aFileAddedByAnotherProcessAtTheSameMomentIsReadNotDoubled(String vendor) throws Exception {
        AppServices mine = process(vendor);
        AppServices theirs = process(vendor);
        Path file = Files.writeString(dir.resolve("plate.csv"), "well,od\nA1,0.5\n").toAbsolutePath();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));

        try (Connection other = theirs.database().dataSource().getConnection();
             Connection watcher = theirs.database().dataSource().getConnection()) {
            other.setAutoCommit(false);
            long theirId;
            try (PreparedStatement ps = other.prepareStatement("INSERT INTO data_file (path, file_name, size_bytes,"
                    + " sha256, detected_format, added_at, metadata) VALUES (?, ?, ?, ?, 'csv', ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, file.toString());
                ps.setString(2, "plate.csv");
                ps.setLong(3, Files.size(file));
                ps.setString(4, sha);
                ps.setObject(5, Instant.now().atOffset(ZoneOffset.UTC));
                ps.setString(6, "{\"by\":\"them\"}");
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    theirId = keys.getLong("id");
                }
            }
            // Our insert does not see their uncommitted row, and waits on the unique key until they commit.
            CompletableFuture<DataFile> ours = CompletableFuture.supplyAsync(
                    () -> mine.catalog().addFile(file, Map.of("lab", "A"), null));
            awaitInsertWaiting(watcher, vendor, "data_file");
            assertThat(ours).isNotDone();
            other.commit();

            DataFile added = ours.get(30, TimeUnit.SECONDS);
            assertThat(added.getId()).isEqualTo(theirId);
            assertThat(added.getMetadata()).containsEntry("by", "them").containsEntry("lab", "A");
        }
        assertThat(mine.catalog().listFiles()).hasSize(1);
        assertThat(theirs.catalog().listFiles().get(0).getMetadata()).containsEntry("lab", "A");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDatasetNamedByAnotherProcessAtTheSameMomentIsReadNotDoubled(String vendor) throws Exception {
        AppServices mine = process(vendor);
        AppServices theirs = process(vendor);
        try (Connection other = theirs.database().dataSource().getConnection();
             Connection watcher = theirs.database().dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement ps = other.prepareStatement(
                    "INSERT INTO dataset (name, description, created_at) VALUES ('Run 12', 'theirs', ?)")) {
                ps.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            CompletableFuture<Dataset> ours = CompletableFuture.supplyAsync(
                    () -> mine.catalog().createDataset("Run 12", "ours"));
            awaitInsertWaiting(watcher, vendor, "dataset");
            other.commit();

            Dataset made = ours.get(30, TimeUnit.SECONDS);
            assertThat(made.getDescription()).isEqualTo("theirs");
        }
        assertThat(mine.catalog().listDatasets()).singleElement().extracting(Dataset::getName).isEqualTo("Run 12");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void twoProcessesAppendingToOneDatasetKeepEveryMemberInOneOrder(String vendor) throws Exception {
        AppServices mine = process(vendor);
        AppServices theirs = process(vendor);
        int perProcess = 12;
        List<Long> myFiles = new ArrayList<>();
        List<Long> theirFiles = new ArrayList<>();
        for (int i = 0; i < perProcess; i++) {
            myFiles.add(mine.catalog().addFile(Files.writeString(dir.resolve("m" + i + ".csv"), "x\n" + i + "\n"),
                    Map.of(), null).getId());
            theirFiles.add(theirs.catalog().addFile(Files.writeString(dir.resolve("t" + i + ".csv"), "y\n" + i + "\n"),
                    Map.of(), null).getId());
        }
        long set = mine.catalog().createDataset("shared", null).getId();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (var pair : List.of(Map.entry(mine, myFiles), Map.entry(theirs, theirFiles))) {
                done.add(pool.submit(() -> pair.getValue().forEach(
                        id -> pair.getKey().catalog().addToDataset(set, List.of(id, myFiles.get(0))))));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> members = mine.catalog().getDataset(set).orElseThrow().getFileIds();
        assertThat(members).hasSize(2 * perProcess).doesNotHaveDuplicates()
                .containsAll(myFiles).containsAll(theirFiles);
        assertThat(members.indexOf(myFiles.get(1))).isGreaterThan(members.indexOf(myFiles.get(0)));
        try (Connection c = mine.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT position FROM dataset_file WHERE dataset_id = ? ORDER BY position")) {
            ps.setLong(1, set);
            List<Integer> positions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    positions.add(rs.getInt(1));
                }
            }
            assertThat(positions).isEqualTo(IntStream.range(0, 2 * perProcess).boxed().toList());
        }
    }
}
