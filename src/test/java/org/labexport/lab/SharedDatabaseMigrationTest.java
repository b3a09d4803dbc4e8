package org.labexport.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportJobStore;
import org.labexport.job.JobQuery;
import org.labexport.persistence.Database;
import org.labexport.persistence.DatabaseTarget;
import org.labexport.testing.LabDatabase;

/** The same Flyway migrations build and upgrade the schema on a real PostgreSQL server and on H2. */
class SharedDatabaseMigrationTest {
    @TempDir
    Path dir;

    @Test
    void anEmptyPostgresDatabaseGetsEveryMigration() throws Exception {
        DatabaseTarget target = LabDatabase.freshDatabase();
        try (Database db = Database.open(target)) {
            assertThat(db.target().isShared()).isTrue();
            assertThat(appliedVersions(db)).isEqualTo(migrationVersions());
            assertThat(new ExportJobStore(db).list(JobQuery.all())).isEmpty();
        }
        // Opening again finds the schema current and changes nothing.
        try (Database db = Database.open(target)) {
            assertThat(appliedVersions(db)).isEqualTo(migrationVersions());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql", "h2"})
    void aVersionOneDatabaseWithJobsIsUpgradedKeepingThem(String vendor) throws Exception {
        DatabaseTarget target = vendor.equals("h2") ? DatabaseTarget.h2File(dir.resolve("db/labexport"))
                : LabDatabase.freshDatabase();
        // The database as the previous release left it: schema version 1 and one finished job.
        Flyway.configure().dataSource(target.url(), target.user(), target.password())
                .locations(target.vendor().migrationLocations().toArray(String[]::new)).target("1").load()
                .migrate();
        try (Connection c = java.sql.DriverManager.getConnection(target.url(), target.user(), target.password());
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO export_job (id, job_key, name, user_id, export_format, include_metadata,"
                    + " include_lineage, compress, file_ids, dataset_ids, export_options, status, progress,"
                    + " total_files, processed_files, failed_files, failed_file_ids, bytes_done, bytes_total,"
                    + " created_at, expires_at, updated_at, version) VALUES (7, 'export_7_20250101000000', 'old',"
                    + " 'ann', 'csv', FALSE, FALSE, FALSE, '[1]', '[]', '{}', 'completed', 100, 1, 1, 0, '[]', 5, 5,"
                    + " TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE"
                    + " '2099-01-01 00:00:00+00', TIMESTAMP WITH TIME ZONE '2025-01-01 00:00:00+00', 0)");
        }
        try (Database db = Database.open(target)) {
            assertThat(appliedVersions(db)).isEqualTo(migrationVersions());
            ExportJob old = new ExportJobStore(db).find(7L).orElseThrow();
            assertThat(old.getName()).isEqualTo("old");
            assertThat(old.getCreatedHost()).isNull();
            assertThat(old.getClaimedBy()).isNull();
            assertThat(old.getAttempts()).isZero();
        }
    }

    /** The versions of the migration files, in order (other branches add theirs; this test follows). */
    private static List<String> migrationVersions() throws Exception {
        List<Integer> versions = new ArrayList<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(
                Path.of(Database.class.getResource("/db/migration").toURI()))) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .forEach(n -> versions.add(Integer.parseInt(n.substring(1, n.indexOf("__")))));
        }
        return versions.stream().sorted().map(String::valueOf).toList();
    }

    private static List<String> appliedVersions(Database db) throws Exception {
        List<String> versions = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                     + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
