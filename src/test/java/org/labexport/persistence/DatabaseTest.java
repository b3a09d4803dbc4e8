package org.labexport.persistence;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.labexport.AppServices;
import org.labexport.TestHome;

/** The schema comes from Flyway; the shortcut that skips Flyway stays in step with the migration files. */
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

    @Test
    void flywayCreatesTheSchemaAndReopeningKeepsIt() throws SQLException {
        try (AppServices s = TestHome.open(dir)) {
            assertThat(tables(s)).contains("EXPORT_JOB", "DATA_FILE", "DATASET", "DATASET_FILE",
                    "flyway_schema_history");
        }
        try (AppServices s = TestHome.open(dir); Connection c = s.database().dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(s.database().jdbcUrl()).contains("AUTO_SERVER=TRUE");
        }
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
