package org.labexport.ui.main;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.TableConverter;
import org.labexport.convert.engine.StreamingTableConverter;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.RunnerOptions;

/**
 * Closing the window while exports run, against the real application: the user is asked, "cancel" leaves the job
 * cancelled and lets the process exit once it stopped, "keep running" lets the job finish and only then lets the
 * process exit. The converter is the real one behind a gate the test opens, so "still running" is a state the test
 * holds, not a race.
 */
class CloseGuardTest {
    @TempDir
    Path dir;
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch converting = new CountDownLatch(1);
    private LabExportApp app;
    private final AnsweringDialogs dialogs = new AnsweringDialogs();

    @BeforeEach
    void open() {
        TableConverter real = new StreamingTableConverter();
        TableConverter gated = (source, options, outputDir, stem, progress, cancel, provenance) -> {
            converting.countDown();
            try {
                while (!gate.await(20, TimeUnit.MILLISECONDS)) {
                    cancel.check(); // a cancel stops the conversion while it waits, as it stops a real one mid-file
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while held");
            }
            return real.convert(source, options, outputDir, stem, progress, cancel, provenance);
        };
        app = LabExportApp.over(TestHome.open(dir.resolve("home")), RunnerOptions.defaults().withConverter(gated));
    }

    @AfterEach
    void close() {
        gate.countDown();
        app.close();
    }

    private ExportJob startExport() throws Exception {
        Path f = Files.writeString(dir.resolve("plate.csv"), "well,value\nA1,0.5\nA2,0.75\n");
        ExportJob job = app.startExport(ExportRequest.of(List.of(f), NewExportJob.builder().format(ExportFormat.JSON)
                .destination(dir.resolve("out").toString()).build()));
        assertThat(converting.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(app.job(job.getId()).getStatus()).isEqualTo(ExportStatus.PROCESSING);
        return job;
    }

    @Test
    void withNothingRunningTheWindowClosesWithoutAsking() {
        Optional<CompletableFuture<Void>> plan = new CloseGuard(app, dialogs).closeRequested();

        assertThat(plan).isPresent();
        assertThat(plan.get()).isDone();
        assertThat(dialogs.asked).isNull();
    }

    @Test
    void choosingCancelLeavesTheRunningJobCancelledAndThenLetsTheProcessExit() throws Exception {
        ExportJob job = startExport();
        dialogs.answer = CloseGuard.CANCEL_EXPORTS;

        Optional<CompletableFuture<Void>> plan = new CloseGuard(app, dialogs).closeRequested();

        assertThat(dialogs.asked).contains("still running");
        assertThat(dialogs.offered).containsExactly(CloseGuard.KEEP_RUNNING, CloseGuard.CANCEL_EXPORTS,
                CloseGuard.STAY_OPEN);
        assertThat(plan).isPresent();
        plan.get().get(30, TimeUnit.SECONDS);
        assertThat(app.job(job.getId()).getStatus()).isEqualTo(ExportStatus.CANCELLED);
        assertThat(app.jobsRunningHere()).isEmpty();
    }

    @Test
    void choosingKeepRunningLetsTheJobCompleteAndOnlyThenLetsTheProcessExit() throws Exception {
        ExportJob job = startExport();
        dialogs.answer = CloseGuard.KEEP_RUNNING;

        Optional<CompletableFuture<Void>> plan = new CloseGuard(app, dialogs).closeRequested();

        assertThat(plan).isPresent();
        assertThat(plan.get()).isNotDone();
        assertThat(app.job(job.getId()).getStatus()).isEqualTo(ExportStatus.PROCESSING);
        gate.countDown(); // the export goes on without the window
        plan.get().get(60, TimeUnit.SECONDS);
        ExportJob done = app.job(job.getId());
        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getProcessedFiles()).isEqualTo(1);
        assertThat(Path.of(done.getOutputPath())).exists();
    }

    @Test
    void choosingNotToCloseKeepsTheWindowAndTheJobRunning() throws Exception {
        ExportJob job = startExport();
        dialogs.answer = CloseGuard.STAY_OPEN;

        assertThat(new CloseGuard(app, dialogs).closeRequested()).isEmpty();

        assertThat(app.job(job.getId()).getStatus()).isEqualTo(ExportStatus.PROCESSING);
        gate.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.job(job.getId()).getStatus() == ExportStatus.COMPLETED);
    }

    /** Answers the close question as the test says and remembers it; nothing else is expected. */
    private static final class AnsweringDialogs extends QuietDialogs {
        volatile String answer;
        volatile String asked;
        volatile List<String> offered;

        @Override
        public Optional<String> choose(String title, String message, List<String> answers) {
            asked = message;
            offered = answers;
            return Optional.ofNullable(answer);
        }

        @Override
        public boolean confirm(String title, String message, String confirmLabel) {
            throw new AssertionError("unexpected confirm: " + message);
        }

        @Override
        public void showError(String title, String message) {
            throw new AssertionError("unexpected error: " + message);
        }
    }
}
