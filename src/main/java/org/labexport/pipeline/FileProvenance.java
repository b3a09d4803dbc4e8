package org.labexport.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import org.labexport.base.Version;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.job.ExportJob;

/**
 * The provenance a job's conversion of one file stores inside its outputs: the same facts the manifest's
 * {@code export_info}, {@code files} and {@code processing_steps} give for it (decision 0085).
 */
final class FileProvenance {
    private FileProvenance() {
    }

    /**
     * @param started when this file's conversion began (the manifest's {@code started_at} of its step)
     */
    static OutputProvenance of(ExportJob job, DataFile file, ExportOptions options, Instant started) {
        return OutputProvenance.builder()
                .put(OutputProvenance.JOB_KEY, job.getJobKey())
                .put(OutputProvenance.SOURCE_FILE, file.getFileName())
                .put(OutputProvenance.SOURCE_SHA256, file.getSha256())
                .put(OutputProvenance.SOURCE_PATH, file.getPath())
                .put(OutputProvenance.VERSION, Version.get())
                .put(OutputProvenance.EXPORTED_AT, started.toString())
                .put(OutputProvenance.OPTIONS, optionsJson(options))
                .put(OutputProvenance.PROJECT_ID, job.getProjectId())
                .build();
    }

    /** The effective options as one line of JSON, as the manifest types them. */
    private static String optionsJson(ExportOptions options) {
        try {
            return ManifestWriter.JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(options.effectiveTyped());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export options could not be written as JSON", e);
        }
    }
}
