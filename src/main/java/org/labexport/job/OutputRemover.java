package org.labexport.job;

import java.io.IOException;

/** Removes what a job produced (a local file or folder, an S3 object...) when the job is deleted or expires. */
@FunctionalInterface
public interface OutputRemover {
    void removeOutput(ExportJob job) throws IOException;
}
