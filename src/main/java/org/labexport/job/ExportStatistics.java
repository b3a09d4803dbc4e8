package org.labexport.job;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.labexport.convert.ExportFormat;

/**
 * Totals over every job in the database; the maps iterate in enum order.
 *
 * @param byStatus           every status, zeros included
 * @param byFormat           every format, zeros included
 * @param totalSizeBytes     sum of output_size of the jobs that have an output
 * @param totalFilesExported sum of processed_files of completed jobs
 */
public record ExportStatistics(long totalJobs, Map<ExportStatus, Long> byStatus, Map<ExportFormat, Long> byFormat,
                               long totalSizeBytes, long totalFilesExported) {
    public ExportStatistics {
        Map<ExportStatus, Long> statuses = new EnumMap<>(ExportStatus.class);
        statuses.putAll(byStatus);
        Map<ExportFormat, Long> formats = new EnumMap<>(ExportFormat.class);
        formats.putAll(byFormat);
        byStatus = Collections.unmodifiableMap(statuses);
        byFormat = Collections.unmodifiableMap(formats);
    }
}
