package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Button;
import org.junit.jupiter.api.Test;
import org.labexport.job.ExportJob;
import org.labexport.job.JobQuery;
import org.labexport.job.NewExportJob;
import org.labexport.convert.ExportFormat;

/**
 * Buttons that appear because a job changed state do not take a click meant for the one that was there: each click
 * is fired the instant the new button appears, as a double-click or a click aimed a moment earlier would land.
 */
class CardActionSwapTest extends WindowTestSupport {

    /** Fires {@code button} the moment it appears, and records whether it was disabled then. */
    private static AtomicReference<Boolean> fireWhenShown(Button button) throws Exception {
        AtomicReference<Boolean> disabledWhenFired = new AtomicReference<>();
        AtomicBoolean once = new AtomicBoolean();
        runFx(() -> button.visibleProperty().addListener((o, was, shown) -> {
            if (shown && once.compareAndSet(false, true)) {
                disabledWhenFired.set(button.isDisabled());
                button.fire();
            }
        }));
        return disabledWhenFired;
    }

    @Test
    void aSecondClickOnCancelDoesNotHitTheRetryThatTookItsPlace() throws Exception {
        ExportJob pending = fixtures.aPendingJob(); // made after the window started: nothing runs it
        Button cancel = cardButton(pending.getId(), "action-cancel");
        Button retry = cardButton(pending.getId(), "action-retry");
        AtomicReference<Boolean> disabledWhenFired = fireWhenShown(retry);

        runFx(cancel::fire);

        awaitFx(() -> disabledWhenFired.get() != null);
        assertThat(disabledWhenFired.get()).as("Retry disabled right after the swap").isTrue();
        // Once the moment has passed, Retry works: the earlier click was ignored, not queued.
        awaitFx(() -> !retry.isDisabled());
        assertThat(services.exports().listExportJobs(JobQuery.all())).hasSize(1);
        assertThat(onFx(() -> window.viewModel().allJobs().size())).isEqualTo(1);

        runFx(retry::fire);
        awaitFx(() -> window.viewModel().allJobs().size() == 2);
        ExportJob retried = services.exports().listExportJobs(JobQuery.all()).get(0);
        awaitFx(() -> item(retried.getId()) != null && item(retried.getId()).getStatus().isFinished());
    }

    @Test
    void aJobFinishingJustBeforeAClickDoesNotOpenItsFolder() throws Exception {
        long fileId = fixtures.aCatalogFile().getId();
        ExportJob pending = services.exports().createExportJob(NewExportJob.builder().name("Quick one")
                .format(ExportFormat.JSON).fileIds(java.util.List.of(fileId))
                .destination(tmp.resolve("out").toString()).build());
        Button openFolder = cardButton(pending.getId(), "action-open-folder");
        AtomicReference<Boolean> disabledWhenFired = fireWhenShown(openFolder);

        app.run(pending.getId());

        awaitFx(() -> disabledWhenFired.get() != null);
        assertThat(disabledWhenFired.get()).as("Open folder disabled right after the swap").isTrue();
        awaitFx(() -> !openFolder.isDisabled());
        assertThat(opened).as("folders opened by the stray click").isEmpty();

        runFx(openFolder::fire);
        awaitFx(() -> !opened.isEmpty());
        assertThat(opened.get(0)).startsWith("file:");
    }

    @Test
    void actionsShownWhenACardIsReusedForAnotherJobAreNotHeldBack() throws Exception {
        ExportJob cancelled = fixtures.aCancelledJob();
        Button retry = cardButton(cancelled.getId(), "action-retry");
        assertThat(onFx(retry::isVisible)).isTrue();
        assertThat(onFx(retry::isDisabled)).isFalse();
    }
}
