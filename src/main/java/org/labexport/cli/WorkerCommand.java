package org.labexport.cli;

import java.time.Duration;
import org.labexport.app.LabExportApp;
import org.labexport.pipeline.QueueWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labexport worker [--max-jobs N] [--once]}: a headless process that runs queued jobs until stopped, one line
 * per job event on stdout. SIGTERM (or Ctrl-C) stops taking jobs and hands running ones back to the queue with their
 * work kept, so another worker resumes them; {@code --once} drains the queue and exits.
 */
@Command(name = "worker", description = {"Run queued export jobs until stopped (a lab's headless worker).",
        "On a lab's PostgreSQL server (LABEXPORT_DB_URL) it shares the queue with every workstation and worker;",
        "SIGTERM hands running jobs back to the queue."})
final class WorkerCommand extends CliCommand {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);
    /** How long SIGTERM waits for running jobs to stop and be handed back. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    @Option(names = "--max-jobs", paramLabel = "N", description = "Jobs run at once (default: the settings' jobs at"
            + " once, ${DEFAULT-VALUE} if unset).", defaultValue = "0")
    int maxJobs;

    @Option(names = "--once", description = "Run the jobs queued now and exit when the queue is empty.")
    boolean once;

    @Override
    protected int execute(CliContext ctx) throws InterruptedException {
        if (maxJobs < 0) {
            throw new CliUsageException("--max-jobs must be 1 or more, got " + maxJobs + ".");
        }
        LabExportApp app = ctx.app();
        int n = maxJobs > 0 ? maxJobs : app.settings().getMaxConcurrentJobs();
        QueueWorker worker = app.worker(n, once, line -> {
            ctx.out().println(line);
            ctx.out().flush();
        });
        Thread hook = new Thread(() -> {
            worker.stop();
            try {
                if (!worker.awaitStopped(STOP_WAIT)) {
                    LOG.warn("The worker did not stop within {} s", STOP_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "labexport-worker-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            worker.run();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (SIGTERM): the hook is running and waits for run() to end
            }
        }
        return CliErrors.OK;
    }
}
