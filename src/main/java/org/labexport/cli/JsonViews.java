package org.labexport.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatistics;
import org.labexport.job.ExportStatus;

/**
 * The JSON shapes of the CLI's {@code --json} output: the product spec's snake_case field names in their order,
 * lower-case wire names for formats and statuses, timestamps in ISO 8601 UTC with a Z. Extra fields come last.
 */
public final class JsonViews {
    private JsonViews() {
    }

    public static Map<String, Object> job(ExportJob j) {
        return job(j, Instant.now());
    }

    /** A job as of {@code now}: an expired job that cleanup has not removed yet says so and offers no link. */
    public static Map<String, Object> job(ExportJob j, Instant now) {
        boolean expired = j.isExpiredAt(now);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.getId());
        m.put("job_key", j.getJobKey());
        m.put("name", j.getName());
        m.put("description", j.getDescription());
        m.put("user_id", j.getUserId());
        m.put("project_id", j.getProjectId());
        m.put("export_format", j.getExportFormat().wireName());
        m.put("include_metadata", j.isIncludeMetadata());
        m.put("include_lineage", j.isIncludeLineage());
        m.put("compress", j.isCompress());
        m.put("file_ids", j.getFileIds());
        m.put("dataset_ids", j.getDatasetIds());
        m.put("export_options", j.getExportOptions());
        m.put("output_path", j.getOutputPath());
        m.put("output_size", j.getOutputSize());
        m.put("download_url", expired ? null : j.getDownloadUrl());
        m.put("status", j.getStatus().wireName());
        m.put("progress", j.getProgress());
        m.put("error_message", j.getErrorMessage());
        m.put("total_files", j.getTotalFiles());
        m.put("processed_files", j.getProcessedFiles());
        m.put("failed_files", j.getFailedFiles());
        m.put("created_at", time(j.getCreatedAt()));
        m.put("started_at", time(j.getStartedAt()));
        m.put("completed_at", time(j.getCompletedAt()));
        m.put("expires_at", time(j.getExpiresAt()));
        // Extra fields, after the spec's:
        m.put("failed_file_ids", j.getFailedFileIds());
        m.put("destination", j.getDestination());
        m.put("bytes_done", j.getBytesDone());
        m.put("bytes_total", j.getBytesTotal());
        m.put("updated_at", time(j.getUpdatedAt()));
        m.put("expired", expired);
        return m;
    }

    /** What a command did to one job: {@code action}, {@code count} (1), {@code job_id}, {@code job_key}, status. */
    public static Map<String, Object> done(ExportJob j, String action) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", action);
        m.put("count", 1);
        m.put("job_id", j.getId());
        m.put("job_key", j.getJobKey());
        m.put("status", j.getStatus().wireName());
        m.put("output_path", j.getOutputPath());
        return m;
    }

    public static Map<String, Object> file(DataFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.getId());
        m.put("path", f.getPath());
        m.put("file_name", f.getFileName());
        m.put("size_bytes", f.getSizeBytes());
        m.put("sha256", f.getSha256());
        m.put("detected_format", f.getDetectedFormat().wireName());
        m.put("added_at", time(f.getAddedAt()));
        m.put("metadata", f.getMetadata());
        m.put("pipeline_run", f.getPipelineRun());
        return m;
    }

    public static Map<String, Object> dataset(Dataset d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.getId());
        m.put("name", d.getName());
        m.put("description", d.getDescription());
        m.put("created_at", time(d.getCreatedAt()));
        m.put("file_ids", d.getFileIds());
        return m;
    }

    public static Map<String, Object> statistics(ExportStatistics s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("total_jobs", s.totalJobs());
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (ExportStatus st : ExportStatus.values()) {
            byStatus.put(st.wireName(), s.byStatus().getOrDefault(st, 0L));
        }
        m.put("by_status", byStatus);
        Map<String, Long> byFormat = new LinkedHashMap<>();
        for (ExportFormat f : ExportFormat.values()) {
            byFormat.put(f.wireName(), s.byFormat().getOrDefault(f, 0L));
        }
        m.put("by_format", byFormat);
        m.put("total_size_bytes", s.totalSizeBytes());
        m.put("total_files_exported", s.totalFilesExported());
        return m;
    }

    /** ISO 8601 in UTC with a Z, or null. */
    public static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
