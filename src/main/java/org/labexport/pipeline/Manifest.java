package org.labexport.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code export_metadata.json}, as values; {@link ManifestWriter} writes it with snake_case names.
 * The schema is documented in the README ("Export manifest").
 *
 * @param exportInfo      the job and how it was run
 * @param files           the catalog files selected, exported or not
 * @param outputs         the files in the export, with their checksums
 * @param failedFiles     files that could not be exported, with the reason
 * @param processingSteps one conversion (or copy) per exported file
 * @param lineage         with include_lineage: datasets, the run and the steps; otherwise null (left out)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"export_info", "files", "outputs", "failed_files", "processing_steps", "lineage"})
public record Manifest(ExportInfo exportInfo, List<FileEntry> files, List<OutputEntry> outputs,
                       List<FailedFile> failedFiles, List<ProcessingStep> processingSteps, Lineage lineage) {

    public static final String FILE_NAME = "export_metadata.json";
    public static final int SCHEMA_VERSION = 1;

    /** The job. */
    @JsonPropertyOrder({"schema_version", "job_key", "name", "description", "project_id", "created_at",
            "exported_at", "format", "package", "labexport_version", "export_options", "include_metadata",
            "include_lineage", "compress", "expires_at"})
    public record ExportInfo(int schemaVersion, String jobKey, String name, String description, String projectId,
                             Instant createdAt, Instant exportedAt, String format,
                             @com.fasterxml.jackson.annotation.JsonProperty("package") String packageFormat,
                             String labexportVersion, Map<String, Object> exportOptions, boolean includeMetadata,
                             boolean includeLineage, boolean compress, Instant expiresAt) {
    }

    /** One selected catalog file. */
    @JsonPropertyOrder({"id", "filename", "original_path", "size", "sha256", "uploaded_at", "detected_format",
            "metadata", "pipeline_run", "exported"})
    public record FileEntry(long id, String filename, String originalPath, long size, String sha256,
                            Instant uploadedAt, String detectedFormat, Map<String, Object> metadata,
                            String pipelineRun, boolean exported) {
    }

    /** One column of an output table. */
    public record ColumnEntry(String name, String type) {
    }

    /** One file in the export. Rows and columns are null for copied originals (format zip). */
    @JsonPropertyOrder({"name", "size", "sha256", "source_file_id", "table", "rows", "column_count", "columns",
            "sheets", "notes"})
    public record OutputEntry(String name, long size, String sha256, long sourceFileId, String table, Long rows,
                              Integer columnCount, List<ColumnEntry> columns, List<String> sheets,
                              List<String> notes) {
    }

    /** A file that was not exported. */
    public record FailedFile(long id, String filename, String reason) {
    }

    /** One conversion: what went in, what came out, with which tool and options, when. */
    @JsonPropertyOrder({"step", "file_id", "input", "from_format", "to_format", "tool", "options", "started_at",
            "finished_at", "outputs"})
    public record ProcessingStep(String step, long fileId, String input, String fromFormat, String toFormat,
                                 String tool, Map<String, Object> options, Instant startedAt, Instant finishedAt,
                                 List<String> outputs) {
    }

    /** A dataset the export was selected from. */
    public record SourceDataset(long id, String name, String description, Instant createdAt, List<Long> fileIds) {
    }

    /**
     * A run that made the exported files: an upstream pipeline run named in the catalog ({@code role} "upstream",
     * with the ids of the files it produced; tool, times and host unknown, so null) or this export ({@code role}
     * "export").
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"run_id", "role", "tool", "started_at", "finished_at", "host", "files_exported",
            "files_failed", "file_ids"})
    public record PipelineRun(String runId, String role, String tool, Instant startedAt, Instant finishedAt,
                              String host, Integer filesExported, Integer filesFailed, List<Long> fileIds) {
        public static final String UPSTREAM = "upstream";
        public static final String EXPORT = "export";
    }

    /** Provenance, with include_lineage. */
    public record Lineage(List<SourceDataset> sourceDatasets, List<PipelineRun> pipelineRuns,
                          List<ProcessingStep> processingSteps) {
    }
}
