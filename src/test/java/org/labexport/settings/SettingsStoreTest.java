package org.labexport.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;

/** Settings survive a save and load, stay private to their owner and never show secrets. */
class SettingsStoreTest {
    @TempDir
    Path dir;

    private static S3Profile profile() {
        return new S3Profile("lab-minio", "http://minio:9000", "AKIAEXAMPLE", "s3cr3t-Value", "us-east-1",
                "exports", "team-a/");
    }

    @Test
    void aMissingFileGivesDefaults() {
        Settings s = new SettingsStore(new AppHome(dir)).load();
        assertThat(s.getMaxConcurrentJobs()).isEqualTo(2);
        assertThat(s.getTheme()).isEqualTo("light");
        assertThat(s.getDefaultDestination()).isNull();
        assertThat(s.effectiveDefaultDestination(new AppHome(dir))).isEqualTo(dir.resolve("exports").toString());
        assertThat(s.getS3Profiles()).isEmpty();
    }

    @Test
    void savedSettingsLoadBackUnchanged() {
        SettingsStore store = new SettingsStore(new AppHome(dir));
        Settings s = new Settings();
        s.setDefaultDestination("s3://exports/team-a");
        s.setMaxConcurrentJobs(3);
        s.setTheme("dark");
        s.setWindowX(10.0);
        s.setWindowWidth(1200.0);
        s.setS3Profiles(List.of(profile()));
        s.setDefaultS3Profile("lab-minio");
        store.save(s);

        Settings back = store.load();
        assertThat(back.getDefaultDestination()).isEqualTo("s3://exports/team-a");
        assertThat(back.getMaxConcurrentJobs()).isEqualTo(3);
        assertThat(back.getTheme()).isEqualTo("dark");
        assertThat(back.getWindowX()).isEqualTo(10.0);
        assertThat(back.getWindowY()).isNull();
        assertThat(back.getWindowWidth()).isEqualTo(1200.0);
        assertThat(back.getS3Profiles()).containsExactly(profile());
        assertThat(back.defaultS3ProfileOrOnly()).contains(profile());
        assertThat(dir.resolve("settings.json.tmp")).doesNotExist();
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        SettingsStore store = new SettingsStore(new AppHome(dir));
        store.save(new Settings());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file()))).isEqualTo("rw-------");
    }

    @Test
    void toStringNeverShowsTheSecretKey() {
        Settings s = new Settings();
        s.setS3Profiles(List.of(profile()));
        assertThat(s.toString()).doesNotContain("s3cr3t-Value").doesNotContain("AKIAEXAMPLE").contains("lab-minio");
        assertThat(profile().toString()).doesNotContain("s3cr3t").contains("AKIA****");
    }

    @Test
    void aBrokenFileIsAClearErrorNamingIt() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{ \"theme\": ");
        assertThatThrownBy(() -> new SettingsStore(new AppHome(dir)).load())
                .isInstanceOf(SettingsException.class).hasMessageContaining(dir.resolve("settings.json").toString());
    }

    @Test
    void unknownFieldsFromNewerVersionsAreIgnored() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{\"theme\":\"dark\",\"futureThing\":42}");
        assertThat(new SettingsStore(new AppHome(dir)).load().getTheme()).isEqualTo("dark");
    }
}
