package org.labexport.ui.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.LabExportApp;
import org.labexport.pipeline.RunnerOptions;
import org.labexport.ui.common.FxTaskExecutor;
import org.labexport.ui.common.TaskExecutor;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The dialog checks an export with the application (a probe file in the destination, the files' first bytes) once
 * the typing stops, not once per keystroke; the answer still follows the last edit.
 */
class CreateExportCheckDelayTest {
    @TempDir
    Path dir;
    private LabExportApp app;
    private CountingExecutor executor;
    private CreateExportViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // the executor's callbacks run on the FX thread
    }

    @BeforeEach
    void open() throws Exception {
        app = LabExportApp.over(TestHome.open(dir.resolve("home")), RunnerOptions.defaults());
        executor = new CountingExecutor(new FxTaskExecutor());
        vm = WaitForAsyncUtils.asyncFx(() -> new CreateExportViewModel(app, executor, app.settings(),
                app.home().defaultExports())).get(10, TimeUnit.SECONDS);
        Path csv = Files.writeString(dir.resolve("plate.csv"), "id,v\n1,2\n");
        WaitForAsyncUtils.asyncFx(() -> vm.addPaths(List.of(csv), () -> { })).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> vm.files().size() == 1 && !vm.checkingProperty().get()));
    }

    @AfterEach
    void close() {
        executor.close();
        app.close();
    }

    @Test
    void typingANameChecksOnceWhenItStopsAndTheLastAnswerCounts() throws Exception {
        int before = executor.checksRun.get();
        Path folder = Files.createDirectories(dir.resolve("chosen"));

        WaitForAsyncUtils.asyncFx(() -> {
            for (String typed : List.of("R", "Ru", "Run", "Run ", "Run 7")) {
                vm.nameProperty().set(typed);
            }
            vm.localFolderProperty().set(folder.toString());
        }).get(10, TimeUnit.SECONDS);

        assertThat(fx(() -> vm.checkingProperty().get())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> fx(() -> !vm.checkingProperty().get()));
        assertThat(executor.checksRun.get() - before).isEqualTo(1);
        assertThat(executor.checksSkipped.get()).isGreaterThanOrEqualTo(5);
        assertThat(fx(() -> vm.problemProperty().get())).isNullOrEmpty();
        assertThat(fx(() -> vm.validProperty().get())).isTrue();
        try (var left = Files.list(folder)) {
            assertThat(left).isEmpty(); // the check's probe file is gone
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** The window's executor, counting the dialog's checks that ran and those a later edit made stale. */
    private static final class CountingExecutor implements TaskExecutor {
        private final TaskExecutor real;
        final AtomicInteger checksRun = new AtomicInteger();
        final AtomicInteger checksSkipped = new AtomicInteger();

        CountingExecutor(TaskExecutor real) {
            this.real = real;
        }

        @Override
        public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            real.run(name, counted(name, work), onSuccess, onFailure);
        }

        @Override
        public <T> void runAfter(String name, Duration delay, Callable<T> work, Consumer<T> onSuccess,
                                 Consumer<Throwable> onFailure) {
            real.runAfter(name, delay, counted(name, work), onSuccess, onFailure);
        }

        private <T> Callable<T> counted(String name, Callable<T> work) {
            return () -> {
                T result = work.call();
                if ("check-export".equals(name)) {
                    (Boolean.TRUE.equals(result) ? checksRun : checksSkipped).incrementAndGet();
                }
                return result;
            };
        }

        @Override
        public AutoCloseable schedule(String name, Duration initialDelay, Duration period, Runnable work) {
            return real.schedule(name, initialDelay, period, work);
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
