package org.labexport.job;

import java.util.List;

/**
 * What a finished export produced, recorded by {@link DataExportService#markCompleted}.
 *
 * @param errorMessageOrNull a summary when some files failed but the export still completed
 * @param failedFileIds      catalog ids of the files that could not be exported
 */
public record CompletedExport(String outputPath, long outputSize, String downloadUrl, int processedFiles,
                              int failedFiles, String errorMessageOrNull, List<Long> failedFileIds) {
    public CompletedExport {
        failedFileIds = failedFileIds == null ? List.of() : List.copyOf(failedFileIds);
    }
}
