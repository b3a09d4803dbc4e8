package org.labexport.ui.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;
import org.labexport.settings.LabServer;
import org.labexport.settings.SettingsStore;
import org.labexport.ui.common.TaskExecutor;

/** The settings screen's "Lab server" section: saved to settings.json, password kept when left empty, URL checked. */
class LabServerSettingsTest {
    @TempDir
    Path dir;

    /** Runs work at once on the calling thread. */
    private static final TaskExecutor NOW = new TaskExecutor() {
        @Override
        public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                onFailure.accept(e);
                return;
            }
            onSuccess.accept(result);
        }

        @Override
        public AutoCloseable schedule(String name, Duration initialDelay, Duration period, Runnable work) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    };

    private SettingsStore store() throws Exception {
        AppHome home = new AppHome(dir);
        home.ensureExists();
        return new SettingsStore(home);
    }

    @Test
    void theLabServerIsSavedAndAnEmptyPasswordKeepsTheSavedOne() throws Exception {
        SettingsStore store = store();
        SettingsViewModel vm = new SettingsViewModel(store.load(), store, NOW, p -> "ok", s -> { });
        vm.labDatabaseUrlProperty().set("jdbc:postgresql://labserver:5432/labexport");
        vm.labUserProperty().set("ann");
        vm.labPasswordProperty().set("s3cret");
        vm.labFilesProperty().set("s3://lab-files/catalog");
        vm.save(() -> { });
        assertThat(vm.statusProperty().get()).contains("next start");
        assertThat(vm.labPasswordProperty().get()).isEmpty();

        vm.labUserProperty().set("bob");
        vm.save(() -> { });
        LabServer saved = store.load().getLabServer();
        assertThat(saved.databaseUrl()).isEqualTo("jdbc:postgresql://labserver:5432/labexport");
        assertThat(saved.user()).isEqualTo("bob");
        assertThat(saved.password()).isEqualTo("s3cret");
        assertThat(saved.files()).isEqualTo("s3://lab-files/catalog");
        assertThat(saved.toString()).doesNotContain("s3cret");
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresIsRefusedWithWhatToWrite() throws Exception {
        SettingsStore store = store();
        SettingsViewModel vm = new SettingsViewModel(store.load(), store, NOW, p -> "ok", s -> { });
        vm.labDatabaseUrlProperty().set("postgres://labserver/labexport");
        vm.save(() -> { });
        assertThat(vm.statusProperty().get()).contains("jdbc:postgresql://HOST:5432/DATABASE");
        assertThat(store.load().getLabServer()).isNull();
    }
}
