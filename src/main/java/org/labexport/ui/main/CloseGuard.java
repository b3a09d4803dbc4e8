package org.labexport.ui.main;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.labexport.app.LabExportApp;
import org.labexport.ui.common.DialogService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What closing the window does to the exports this process runs. With none, the window closes and the process may
 * end. With some, the user chooses: keep them running in the background (the process stays, without a window, until
 * the last one ends, then exits), cancel them (the process exits once their work has stopped), or keep the window.
 * A job is never left processing with nothing running it (docs/decisions/0107-closing-the-window-with-running-exports.md).
 */
public final class CloseGuard {
    private static final Logger LOG = LoggerFactory.getLogger(CloseGuard.class);
    public static final String KEEP_RUNNING = "Keep running in the background";
    public static final String CANCEL_EXPORTS = "Cancel the exports";
    public static final String STAY_OPEN = "Don't close";

    private final LabExportApp app;
    private final DialogService dialogs;

    public CloseGuard(LabExportApp app, DialogService dialogs) {
        this.app = app;
        this.dialogs = dialogs;
    }

    /**
     * Asks, if exports are running here, and acts on the answer.
     *
     * @return empty to keep the window open; otherwise a future that completes when the process may exit
     */
    public Optional<CompletableFuture<Void>> closeRequested() {
        List<Long> running = app.jobsRunningHere();
        if (running.isEmpty()) {
            return Optional.of(CompletableFuture.completedFuture(null));
        }
        String count = running.size() == 1 ? "An export is" : running.size() + " exports are";
        Optional<String> answer = dialogs.choose("Exports are still running", count + " still running or queued."
                + " Keep them running in the background (LabExport ends without a window once they finish), or"
                + " cancel them?", List.of(KEEP_RUNNING, CANCEL_EXPORTS, STAY_OPEN));
        if (answer.isEmpty() || answer.get().equals(STAY_OPEN)) {
            return Optional.empty();
        }
        if (answer.get().equals(CANCEL_EXPORTS)) {
            LOG.info("Window closed: cancelling {} running exports", running.size());
            return Optional.of(app.cancelRunningHere());
        }
        LOG.info("Window closed: {} exports keep running in the background; LabExport exits when they end",
                running.size());
        return Optional.of(app.whenIdle());
    }
}
