package org.labexport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labexport.convert.ExportFormat;
import org.labexport.persistence.Database;
import org.labexport.persistence.DatabaseTarget;
import org.labexport.publish.PackageFormat;
import org.labexport.testing.LabDatabase;

/**
 * Jobs written and read back in plain JDBC, on the home's H2 file and on a real PostgreSQL server: every field, what
 * the columns hold as SQL sees them, and the version check between two connections (two processes) changing one job.
 */
class ExportJobStoreTest {
    /** Microseconds, as TIMESTAMP(6) keeps them. */
    private static final Instant T = Instant.parse("2025-03-04T05:06:07.123456Z");

    @TempDir
    Path dir;
    private DatabaseTarget target;
    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(Database::close);
    }

    /** One more process's view of the test's database (the same target each time). */
    private ExportJobStore storeOn(String vendor) throws Exception {
        if (target == null) {
            target = vendor.equals("h2") ? DatabaseTarget.h2File(dir.resolve("db/labexport"))
                    : LabDatabase.freshDatabase();
        }
        Database db = Database.open(target);
        opened.add(db);
        return new ExportJobStore(db);
    }

    private static void fillEveryField(ExportJob j) {
        j.setName("Plate reads");
        j.setDescription("all of run 12");
        j.setUserId("ann");
        j.setProjectId("P-7");
        j.setExportFormat(ExportFormat.PARQUET);
        j.setIncludeMetadata(true);
        j.setIncludeLineage(true);
        j.setCompress(true);
        j.setFileIds(List.of(3L, 1L));
        j.setDatasetIds(List.of(2L));
        Map<String, String> options = new LinkedHashMap<>();
        options.put("compression", "zstd");
        options.put("row_group_size", "8");
        j.setExportOptions(options);
        j.setOutputPath("/data/out.zip");
        j.setOutputSize(1234L);
        j.setDownloadUrl("https://minio.lab/b/out.zip?sig=1");
        j.setStatus(ExportStatus.PROCESSING);
        j.setProgress(42);
        j.setErrorMessage("1 file failed");
        j.setTotalFiles(3);
        j.setProcessedFiles(2);
        j.setFailedFiles(1);
        j.setFailedFileIds(List.of(9L));
        j.setBytesDone(10);
        j.setBytesTotal(20);
        j.setDestination("s3://bucket/prefix");
        j.setCreatedAt(T);
        j.setStartedAt(T.plusSeconds(1));
        j.setCompletedAt(T.plusSeconds(2));
        j.setExpiresAt(T.plus(Duration.ofHours(48)));
        j.setUpdatedAt(T.plusSeconds(3));
        j.setPackageFormat(PackageFormat.BAGIT);
        j.setLicense("CC-BY-4.0");
        j.setAuthor("Ann Lee");
        j.setCreatedHost("lab-ws-3");
    }

    /** A different value in every column an update writes, nulls where the column allows them. */
    private static void changeEveryField(ExportJob j) {
        j.setJobKey(j.getJobKey() + "_b");
        j.setName("Plate reads, again");
        j.setDescription(null);
        j.setUserId("bob");
        j.setProjectId(null);
        j.setExportFormat(ExportFormat.HDF5);
        j.setIncludeMetadata(false);
        j.setIncludeLineage(false);
        j.setCompress(false);
        j.setFileIds(List.of());
        j.setDatasetIds(List.of(5L, 4L));
        j.setExportOptions(Map.of());
        j.setOutputPath(null);
        j.setOutputSize(null);
        j.setDownloadUrl(null);
        j.setStatus(ExportStatus.FAILED);
        j.setProgress(100);
        j.setErrorMessage(null);
        j.setTotalFiles(4);
        j.setProcessedFiles(0);
        j.setFailedFiles(4);
        j.setFailedFileIds(List.of(5L, 6L));
        j.setBytesDone(0);
        j.setBytesTotal(99);
        j.setDestination(null);
        j.setCreatedAt(T.minusSeconds(60));
        j.setStartedAt(null);
        j.setCompletedAt(null);
        j.setExpiresAt(T.plus(Duration.ofHours(1)));
        j.setPackageFormat(PackageFormat.NONE);
        j.setLicense(null);
        j.setAuthor(null);
        j.setCreatedHost(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void everyFieldSurvivesAnInsertAndAnUpdate(String vendor) throws Exception {
        ExportJobStore store = storeOn(vendor);
        ExportJob inserted = store.insert(ExportJobStoreTest::fillEveryField, j -> "export_" + j.getId() + "_k");

        ExportJob expected = new ExportJob();
        fillEveryField(expected);
        expected.setId(inserted.getId());
        expected.setJobKey("export_" + inserted.getId() + "_k");
        expected.setVersion(0);
        assertThat(inserted).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.find(inserted.getId()).orElseThrow()).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.findByKey(expected.getJobKey()).orElseThrow().getId()).isEqualTo(inserted.getId());

        Instant now = T.plusSeconds(30);
        ExportJob updated = store.update(inserted.getId(), ExportJobStoreTest::changeEveryField, now);
        changeEveryField(expected);
        expected.setUpdatedAt(now);
        expected.setVersion(1);
        assertThat(updated).usingRecursiveComparison().isEqualTo(expected);
        assertThat(store.find(inserted.getId()).orElseThrow()).usingRecursiveComparison().isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void columnsHoldWireNamesJsonTextAndUtcTimestamps(String vendor) throws Exception {
        ExportJobStore store = storeOn(vendor);
        long id = store.insert(ExportJobStoreTest::fillEveryField, j -> "export_" + j.getId() + "_k").getId();
        Database db = opened.get(0);
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT export_format, status, file_ids, dataset_ids, export_options, failed_file_ids, package_format,"
                        + " created_at, expires_at, version, claimed_by, heartbeat_at, attempts FROM export_job"
                        + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("export_format")).isEqualTo("parquet");
                assertThat(rs.getString("status")).isEqualTo("processing");
                assertThat(rs.getString("file_ids")).isEqualTo("[3,1]");
                assertThat(rs.getString("dataset_ids")).isEqualTo("[2]");
                assertThat(rs.getString("export_options")).isEqualTo("{\"compression\":\"zstd\",\"row_group_size\":\"8\"}");
                assertThat(rs.getString("failed_file_ids")).isEqualTo("[9]");
                assertThat(rs.getString("package_format")).isEqualTo("bagit");
                assertThat(rs.getObject("created_at", OffsetDateTime.class).toInstant()).isEqualTo(T);
                assertThat(rs.getObject("created_at", OffsetDateTime.class).getOffset()).isEqualTo(ZoneOffset.UTC);
                assertThat(rs.getObject("expires_at", OffsetDateTime.class).toInstant())
                        .isEqualTo(T.plus(Duration.ofHours(48)));
                assertThat(rs.getLong("version")).isZero();
                assertThat(rs.getString("claimed_by")).isNull();
                assertThat(rs.getObject("heartbeat_at")).isNull();
                assertThat(rs.getInt("attempts")).isZero();
            }
        }
        // Ids come from the migrations' sequence, one after the other.
        long next = store.insert(ExportJobStoreTest::fillEveryField, j -> "export_" + j.getId() + "_k").getId();
        assertThat(next).isEqualTo(id + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aChangeCommittedByAnotherProcessMeanwhileMakesTheUpdateRunAgainOnFreshData(String vendor) throws Exception {
        ExportJobStore mine = storeOn(vendor);
        ExportJobStore theirs = storeOn(vendor);
        long id = mine.insert(ExportJobStoreTest::fillEveryField, j -> "export_" + j.getId() + "_k").getId();

        AtomicInteger runs = new AtomicInteger();
        ExportJob saved = mine.update(id, j -> {
            if (runs.incrementAndGet() == 1) {
                // Between our read and our write, the other process stores a change of its own.
                theirs.update(id, o -> o.setDownloadUrl("https://minio.lab/fresh"), T.plusSeconds(5));
            }
            j.setErrorMessage("ours");
        }, T.plusSeconds(6));

        assertThat(runs).hasValue(2);
        ExportJob stored = mine.find(id).orElseThrow();
        assertThat(stored.getDownloadUrl()).as("their change is kept, not overwritten with what we read")
                .isEqualTo("https://minio.lab/fresh");
        assertThat(stored.getErrorMessage()).isEqualTo("ours");
        assertThat(stored.getVersion()).isEqualTo(2);
        assertThat(saved).usingRecursiveComparison().isEqualTo(stored);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aProgressWriteLosesToAConcurrentChangeAndAGoneJobIsNotFound(String vendor) throws Exception {
        ExportJobStore mine = storeOn(vendor);
        ExportJobStore theirs = storeOn(vendor);
        long id = mine.insert(ExportJobStoreTest::fillEveryField, j -> "export_" + j.getId() + "_k").getId();

        ExportJob progress = mine.updateIfActive(id, j -> {
            theirs.update(id, o -> o.setStatus(ExportStatus.CANCELLED), T.plusSeconds(1));
            j.setProgress(77);
        }, T.plusSeconds(2));
        assertThat(progress).isNull();
        ExportJob stored = mine.find(id).orElseThrow();
        assertThat(stored.getStatus()).isEqualTo(ExportStatus.CANCELLED);
        assertThat(stored.getProgress()).isEqualTo(42);

        assertThat(mine.updateIfActive(id, j -> j.setProgress(80), T)).as("finished: left alone").isNull();
        assertThatThrownBy(() -> mine.update(id, j -> theirs.delete(id), T))
                .isInstanceOf(JobNotFoundException.class).hasMessageContaining(String.valueOf(id));
        assertThat(mine.find(id)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anUpdateThatChangesNothingWritesNothingAndLeavesTheQueueColumnsAlone(String vendor) throws Exception {
        ExportJobStore store = storeOn(vendor);
        ExportJob job = store.insert(ExportJobStoreTest::fillEveryField, j -> "export_" + j.getId() + "_k");
        assertThat(store.claims().claim(job.getId(), "ws-1:42", T, T.minusSeconds(60))).isPresent();
        ExportJob claimed = store.find(job.getId()).orElseThrow();

        ExportJob same = store.update(job.getId(), j -> { }, claimed.getUpdatedAt());
        assertThat(same.getVersion()).isEqualTo(claimed.getVersion());

        ExportJob progressed = store.update(job.getId(), j -> j.setProgress(50), T.plusSeconds(9));
        assertThat(progressed.getVersion()).isEqualTo(claimed.getVersion() + 1);
        ExportJob stored = store.find(job.getId()).orElseThrow();
        assertThat(stored.getClaimedBy()).isEqualTo("ws-1:42");
        assertThat(stored.getHeartbeatAt()).isEqualTo(T);
        assertThat(stored.getAttempts()).isEqualTo(1);
        assertThat(stored.getProgress()).isEqualTo(50);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void expiredJobsAreFoundOldestFirstExceptProcessingOnesAndDeleteSaysWhetherThereWasARow(String vendor)
            throws Exception {
        ExportJobStore store = storeOn(vendor);
        long processing = store.insert(ExportJobStoreTest::fillEveryField, j -> "k" + j.getId()).getId();
        long expired = store.insert(j -> {
            fillEveryField(j);
            j.setStatus(ExportStatus.COMPLETED);
        }, j -> "k" + j.getId()).getId();
        long later = store.insert(j -> {
            fillEveryField(j);
            j.setStatus(ExportStatus.COMPLETED);
            j.setExpiresAt(T.plus(Duration.ofHours(100)));
        }, j -> "k" + j.getId()).getId();

        Instant now = T.plus(Duration.ofHours(48));
        assertThat(store.findExpired(now)).extracting(ExportJob::getId).containsExactly(expired);
        assertThat(store.findExpired(now.plus(Duration.ofHours(60)))).extracting(ExportJob::getId)
                .containsExactly(expired, later).doesNotContain(processing);
        assertThat(store.delete(expired)).isTrue();
        assertThat(store.delete(expired)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theRowsClassReadsEveryColumnTheMigrationsMake(String vendor) throws Exception {
        storeOn(vendor);
        Set<String> columns = new TreeSet<>();
        try (Connection c = opened.get(0).dataSource().getConnection();
             ResultSet rs = c.getMetaData().getColumns(null, null, vendor.equals("h2") ? "EXPORT_JOB" : "export_job",
                     null)) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(columns).isEqualTo(new TreeSet<>(List.of(JobRows.COLUMNS.split(",\\s*"))));
    }
}
