package org.labexport.job;

/**
 * How far a running job is, as counts, so that the database and the progress bar agree after a restart.
 *
 * @param progress percent, 0 to 100 (values outside are clamped)
 */
public record JobProgress(int progress, int processedFiles, int failedFiles, long bytesDone, long bytesTotal) {
    public JobProgress {
        progress = Math.max(0, Math.min(100, progress));
    }
}
