package org.labexport.cli;

import java.io.PrintWriter;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;

/**
 * How the export and resume commands report a finished job: a short summary or JSON on stdout, the reasons of any
 * failure on stderr, and the exit code.
 */
final class JobOutput {
    private JobOutput() {
    }

    static void print(CliContext ctx, ExportJob j, boolean json) {
        if (j.getErrorMessage() != null) {
            // Reasons are messages for a person: stderr, as every other error, so a script reading stdout (or its
            // JSON) still shows them; they name each file that failed.
            ctx.err().println("Problems: " + j.getErrorMessage());
            ctx.err().flush();
        }
        if (json) {
            ctx.printJson(JsonViews.job(j));
            return;
        }
        PrintWriter out = ctx.out();
        out.println(j.getJobKey() + " (id " + j.getId() + "): " + j.getStatus().wireName() + ", "
                + j.getProcessedFiles() + " of " + j.getTotalFiles() + " files exported"
                + (j.getFailedFiles() > 0 ? ", " + j.getFailedFiles() + " failed" : ""));
        if (j.getOutputPath() != null) {
            out.println("Output:   " + j.getOutputPath() + (j.getOutputSize() == null ? "" : " ("
                    + j.getOutputSize() + " bytes)"));
        }
        if (j.getDownloadUrl() != null) {
            out.println("Download: " + j.getDownloadUrl());
        }
        out.flush();
    }

    /** 0 when completed with every file exported, else 1. */
    static int exitCode(ExportJob j) {
        return j != null && j.getStatus() == ExportStatus.COMPLETED && j.getFailedFiles() == 0
                ? CliErrors.OK : CliErrors.FAILED;
    }
}
