package org.labexport.job;

import java.io.IOException;

/**
 * Removes what a job produced (a local file or folder, S3 objects) and its work files. An explicit delete removes
 * the output wherever it is; expiry removes only what LabExport manages, never files delivered into a folder the
 * user chose (docs/decisions/0035-expiry-never-deletes-user-folders.md).
 */
public interface OutputRemover {
    /** Removes the job's output wherever it is, and its work files: the user asked for it by deleting the job. */
    void removeOutput(ExportJob job) throws IOException;

    /**
     * Whether the job's output is managed by LabExport (the default exports folder inside LABEXPORT_HOME, S3
     * objects) and so removed when the job expires; false for files delivered into a folder the user chose.
     */
    boolean isManaged(ExportJob job);

    /** What expiry removes: the work files, and the output only if {@link #isManaged managed}. */
    default void removeExpired(ExportJob job) throws IOException {
        if (isManaged(job)) {
            removeOutput(job);
        }
    }
}
