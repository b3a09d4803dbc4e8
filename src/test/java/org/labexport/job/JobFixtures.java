package org.labexport.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labexport.app.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;

/** Builders for test data: catalog files with real content and export requests. */
public final class JobFixtures {
    private final AppServices services;
    private final Path dataDir;
    private int counter;

    public JobFixtures(AppServices services, Path dataDir) {
        this.services = services;
        this.dataDir = dataDir;
    }

    /** A small CSV file added to the catalog. */
    public DataFile aCatalogFile() {
        return aCatalogFile("id,value\n1," + (++counter) + "\n");
    }

    public DataFile aCatalogFile(String content) {
        try {
            Path f = dataDir.resolve("data-" + (++counter) + ".csv");
            Files.writeString(f, content);
            return services.catalog().addFile(f, java.util.Map.of(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid request for one new CSV file; tests change what they check. */
    public NewExportJob.Builder aRequest() {
        return NewExportJob.builder().name("Export " + (++counter)).format(ExportFormat.CSV)
                .fileIds(List.of(aCatalogFile().getId()));
    }

    public ExportJob aPendingJob() {
        return services.exports().createExportJob(aRequest().build());
    }

    public ExportJob aProcessingJob() {
        return services.exports().markProcessing(aPendingJob().getId());
    }

    public ExportJob aCompletedJob(long outputSize, int processedFiles) {
        ExportJob j = aProcessingJob();
        return services.exports().markCompleted(j.getId(),
                new CompletedExport(null, outputSize, null, processedFiles, 0, null, List.of()));
    }

    public ExportJob aFailedJob() {
        return services.exports().markFailed(aProcessingJob().getId(), "disk full");
    }

    public ExportJob aCancelledJob() {
        return services.exports().cancelExportJob(aPendingJob().getId());
    }

    /** A job in the given status, reached through allowed transitions. */
    public ExportJob aJobIn(ExportStatus status) {
        return switch (status) {
            case PENDING -> aPendingJob();
            case PROCESSING -> aProcessingJob();
            case COMPLETED -> aCompletedJob(10, 1);
            case FAILED -> aFailedJob();
            case CANCELLED -> aCancelledJob();
        };
    }
}
