package org.labexport.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.labexport.job.ExportJob;
import org.labexport.job.JobEvent;
import org.labexport.job.JobListener;

/**
 * Shows a job's progress on stderr: a bar redrawn in place on a terminal, or plain lines (every 10% and each finished
 * file) when stderr is redirected, so logs stay readable.
 */
final class ProgressBar implements JobListener {
    private static final int WIDTH = 30;
    private final long jobId;
    private final PrintWriter err;
    private final boolean terminal;
    private int lastPercent = -1;
    private int lastFiles = -1;
    private boolean drawn;

    ProgressBar(long jobId, PrintWriter err, boolean terminal) {
        this.jobId = jobId;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onJobEvent(JobEvent event) {
        ExportJob j = event.job();
        if (event.jobId() != jobId || j == null) {
            return;
        }
        int files = j.getProcessedFiles() + j.getFailedFiles();
        int percent = j.getProgress();
        if (terminal) {
            if (percent == lastPercent && files == lastFiles) {
                return;
            }
            int filled = percent * WIDTH / 100;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT,
                    "%3d%%  %d/%d files  %s", percent, files, j.getTotalFiles(), megabytes(j)));
            err.flush();
            drawn = true;
        } else if (percent / 10 != lastPercent / 10 || files != lastFiles) {
            err.println(j.getJobKey() + ": " + percent + "% (" + files + "/" + j.getTotalFiles() + " files, "
                    + j.getStatus().wireName() + ")");
            err.flush();
        }
        lastPercent = percent;
        lastFiles = files;
    }

    /** Ends the bar's line. */
    synchronized void done() {
        if (terminal && drawn) {
            err.println();
            err.flush();
        }
    }

    private static String megabytes(ExportJob j) {
        return String.format(Locale.ROOT, "%.1f/%.1f MB", j.getBytesDone() / 1e6, j.getBytesTotal() / 1e6);
    }
}
