package org.labexport.cli;

import java.io.PrintWriter;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;

/** How the export and resume commands report a finished job: a short summary, or JSON, and the exit code. */
final class JobOutput {
    private JobOutput() {
    }

    static void print(CliContext ctx, ExportJob j, boolean json) {
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
        if (j.getErrorMessage() != null) {
            out.println("Problems: " + j.getErrorMessage());
        }
        out.flush();
    }

    /** 0 when completed with every file exported, else 1. */
    static int exitCode(ExportJob j) {
        return j != null && j.getStatus() == ExportStatus.COMPLETED && j.getFailedFiles() == 0
                ? CliErrors.OK : CliErrors.FAILED;
    }
}
