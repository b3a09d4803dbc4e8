package org.labexport.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import org.labexport.job.ExportJob;
import org.labexport.pipeline.ManifestWriter;

/** Prints a job for the export and resume commands: a short summary, or the job's fields as JSON. */
final class JobOutput {
    private JobOutput() {
    }

    static ObjectNode toJson(ExportJob j) {
        ObjectNode n = ManifestWriter.JSON.createObjectNode();
        n.put("id", j.getId());
        n.put("job_key", j.getJobKey());
        n.put("name", j.getName());
        n.put("description", j.getDescription());
        n.put("export_format", j.getExportFormat().wireName());
        n.put("status", j.getStatus().wireName());
        n.put("progress", j.getProgress());
        n.put("total_files", j.getTotalFiles());
        n.put("processed_files", j.getProcessedFiles());
        n.put("failed_files", j.getFailedFiles());
        n.set("failed_file_ids", ManifestWriter.JSON.valueToTree(j.getFailedFileIds()));
        n.put("error_message", j.getErrorMessage());
        n.put("output_path", j.getOutputPath());
        if (j.getOutputSize() == null) {
            n.putNull("output_size");
        } else {
            n.put("output_size", j.getOutputSize());
        }
        n.put("download_url", j.getDownloadUrl());
        n.put("destination", j.getDestination());
        n.put("include_metadata", j.isIncludeMetadata());
        n.put("include_lineage", j.isIncludeLineage());
        n.put("compress", j.isCompress());
        n.set("export_options", ManifestWriter.JSON.valueToTree(j.getExportOptions()));
        n.put("created_at", str(j.getCreatedAt()));
        n.put("started_at", str(j.getStartedAt()));
        n.put("completed_at", str(j.getCompletedAt()));
        n.put("expires_at", str(j.getExpiresAt()));
        return n;
    }

    static void print(ExportJob j, boolean json, PrintStream out) {
        if (json) {
            out.println(toJson(j).toPrettyString());
            return;
        }
        out.println(j.getJobKey() + " (id " + j.getId() + "): " + j.getStatus().wireName() + ", "
                + j.getProcessedFiles() + " of " + j.getTotalFiles() + " files exported"
                + (j.getFailedFiles() > 0 ? ", " + j.getFailedFiles() + " failed" : ""));
        if (j.getOutputPath() != null) {
            out.println("Output: " + j.getOutputPath() + (j.getOutputSize() == null ? "" : " (" + j.getOutputSize()
                    + " bytes)"));
        }
        if (j.getDownloadUrl() != null) {
            out.println("Download: " + j.getDownloadUrl());
        }
        if (j.getErrorMessage() != null) {
            out.println("Problems: " + j.getErrorMessage());
        }
    }

    /** 0 when completed with every file exported, else 1. */
    static int exitCode(ExportJob j) {
        return j != null && j.getStatus() == org.labexport.job.ExportStatus.COMPLETED && j.getFailedFiles() == 0
                ? 0 : 1;
    }

    private static String str(java.time.Instant i) {
        return i == null ? null : i.toString();
    }
}
