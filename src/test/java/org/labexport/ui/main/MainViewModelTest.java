package org.labexport.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.RunnerOptions;
import org.labexport.ui.common.TaskExecutor;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main view model against the real application layer, without a window: its card actions are the application's
 * use cases, so they behave as the command line's do.
 */
class MainViewModelTest {
    @TempDir
    Path dir;
    private LabExportApp app;
    private MainViewModel vm;
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage(); // the event adapter hands events to the FX thread
    }

    @BeforeEach
    void open() {
        app = LabExportApp.over(TestHome.open(dir.resolve("home")), RunnerOptions.defaults());
        vm = new MainViewModel(app, new CallerThreadExecutor(), dialogs, Clock.systemUTC());
        vm.start();
    }

    @AfterEach
    void close() {
        vm.stop();
        app.close();
    }

    private JobItem item(long id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> vm.allJobs().stream().filter(i -> i.id() == id).findFirst()
                .orElse(null)).get(10, TimeUnit.SECONDS);
    }

    private ExportJob export(String name, String content) throws Exception {
        Path f = Files.writeString(dir.resolve(name), content);
        return app.queueExport(ExportRequest.of(List.of(f), NewExportJob.builder().format(ExportFormat.JSON)
                .destination(dir.resolve("out").toString()).build()));
    }

    @Test
    void deletingAPendingJobCancelsItAndDeletesItAsTheCommandLineDoes() throws Exception {
        ExportJob pending = export("a.csv", "x\n1\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> item(pending.getId()) != null);
        dialogs.answer = true;

        vm.delete(item(pending.getId()));

        assertThat(dialogs.confirmations).hasSize(1);
        assertThat(dialogs.confirmations.get(0)).contains("\"a\"").contains("no exported files");
        await().atMost(Duration.ofSeconds(10)).until(() -> item(pending.getId()) == null);
        assertThat(app.jobs(org.labexport.job.JobQuery.all())).isEmpty();
    }

    @Test
    void deleteConfirmationNamesTheFolderThatWillBeEmptied() throws Exception {
        ExportJob job = export("b.csv", "x\n1\n");
        app.run(job.getId());
        ExportJob done = app.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(10)).until(() -> item(done.getId()) != null
                && item(done.getId()).getStatus() == ExportStatus.COMPLETED);
        dialogs.answer = false;

        vm.delete(item(done.getId()));

        assertThat(dialogs.confirmations.get(0)).contains(done.getOutputPath());
        assertThat(Path.of(done.getOutputPath())).exists();
        assertThat(app.job(done.getId())).isNotNull();
    }

    @Test
    void retryRunsANewJobThroughTheApplication() throws Exception {
        ExportJob job = export("c.csv", "x\n1\n");
        app.run(job.getId());
        ExportJob done = app.completion(job.getId()).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> item(done.getId()) != null);

        vm.retry(item(done.getId()));

        await().atMost(Duration.ofSeconds(30)).until(() -> app.jobs(org.labexport.job.JobQuery.all()).stream()
                .anyMatch(j -> j.getId() != done.getId() && j.getStatus() == ExportStatus.COMPLETED));
        assertThat(dialogs.errors).isEmpty();
    }

    @Test
    void copyLinkPutsTheLinkOnTheClipboardAndSaysSo() throws Exception {
        ExportJob job = export("d.csv", "x\n1\n");
        app.run(job.getId());
        ExportJob done = app.completion(job.getId()).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> item(done.getId()) != null
                && item(done.getId()).getStatus() == ExportStatus.COMPLETED);

        vm.copyLink(item(done.getId()));

        assertThat(dialogs.copied).containsExactly(Path.of(done.getOutputPath()).toUri().toString());
        assertThat(dialogs.notifications).anyMatch(n -> n.startsWith("Link copied"));
    }

    /** Runs the work on the calling thread and its callback on the FX thread, waiting for both: no window needed. */
    @Test
    void theListLoadsUntilTheJobsAreShownAndTheInterruptedOnesQueuedAgain() throws Exception {
        ExportJob pending = export("e.csv", "x\n1\n");
        HeldExecutor held = new HeldExecutor();
        MainViewModel late = new MainViewModel(app, held, dialogs, Clock.systemUTC());
        try {
            late.start();
            assertThat(late.isLoading()).isTrue();
            assertThat(held.names()).containsExactly("load-jobs", "resume-interrupted");

            held.runNext(); // the jobs arrive
            assertThat(late.isLoading()).as("interrupted jobs not yet resumed").isTrue();
            assertThat(late.allJobs()).extracting(JobItem::id).containsExactly(pending.getId());

            held.runNext(); // the pending job is queued again
            assertThat(late.isLoading()).isFalse();
            ExportJob done = app.completion(pending.getId()).get(60, TimeUnit.SECONDS);
            assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        } finally {
            late.stop();
        }
    }

    @Test
    void aFailedLoadEndsTheLoadingAndSaysWhy() throws Exception {
        HeldExecutor held = new HeldExecutor();
        MainViewModel late = new MainViewModel(app, held, dialogs, Clock.systemUTC());
        try {
            late.start();

            held.failNext(new IllegalStateException("The database is locked by another program"));
            assertThat(late.isLoading()).as("interrupted jobs not yet resumed").isTrue();
            held.runNext();

            assertThat(late.isLoading()).isFalse();
            assertThat(dialogs.errors).singleElement().asString().startsWith("Could not load the export jobs");
        } finally {
            late.stop();
        }
    }

    /** Keeps each task until the test runs it, then runs its callback on the FX thread as the window's does. */
    private static final class HeldExecutor implements TaskExecutor {
        private final java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Runnable> tasks = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<Consumer<Exception>> failures = new java.util.ArrayDeque<>();

        @Override
        public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            names.add(name);
            tasks.add(() -> new CallerThreadExecutor().run(name, work, onSuccess, onFailure));
            failures.add(error -> new CallerThreadExecutor().run(name, () -> {
                throw error;
            }, onSuccess, onFailure));
        }

        List<String> names() {
            return List.copyOf(names);
        }

        void runNext() {
            failures.remove();
            tasks.remove().run();
        }

        /** Drops the next task's work and reports {@code error} as its failure instead. */
        void failNext(Exception error) {
            tasks.remove();
            failures.remove().accept(error);
        }

        @Override
        public AutoCloseable schedule(String name, Duration delay, Duration period, Runnable work) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    private static final class CallerThreadExecutor implements TaskExecutor {
        @Override
        public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            Runnable callback;
            try {
                T result = work.call();
                callback = () -> onSuccess.accept(result);
            } catch (Exception e) {
                callback = () -> onFailure.accept(e);
            }
            try {
                WaitForAsyncUtils.asyncFx(callback).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The FX thread did not run the callback", e);
            }
        }

        @Override
        public AutoCloseable schedule(String name, Duration delay, Duration period, Runnable work) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }

    /** Answers confirmations as told and records what was asked and shown. */
    private static final class RecordingDialogs extends QuietDialogs {
        volatile boolean answer;
        final List<String> confirmations = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<String> notifications = new CopyOnWriteArrayList<>();
        final List<String> copied = new CopyOnWriteArrayList<>();

        @Override
        public boolean confirm(String title, String message, String confirmLabel) {
            confirmations.add(message);
            return answer;
        }

        @Override
        public void showError(String title, String message) {
            errors.add(title + ": " + message);
        }

        @Override
        public void notify(String title, String message, boolean error, String actionLabel, Runnable action) {
            notifications.add(title + ": " + message);
        }

        @Override
        public void copyToClipboard(String text) {
            copied.add(text);
        }
    }
}
