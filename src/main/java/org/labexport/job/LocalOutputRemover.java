package org.labexport.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.labexport.base.FileTrees;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link OutputRemover}: deletes a job's local output (a file or a whole folder) if it is still there.
 * Remote outputs ({@code s3://...}) are left alone; the pipeline registers a remover that knows them. Knowing no
 * managed folder, it lets expiry remove nothing: only a remover that can tell managed outputs from the user's own
 * files may delete at expiry.
 */
public final class LocalOutputRemover implements OutputRemover {
    private static final Logger LOG = LoggerFactory.getLogger(LocalOutputRemover.class);

    @Override
    public boolean isManaged(ExportJob job) {
        return false;
    }

    @Override
    public void removeOutput(ExportJob job) throws IOException {
        String output = job.getOutputPath();
        if (output == null || output.isBlank()) {
            return;
        }
        if (output.contains("://") && !output.toLowerCase(Locale.ROOT).startsWith("file:")) {
            LOG.info("Not removing remote output {} of job {}: no remover for it is registered", output, job.getId());
            return;
        }
        Path path;
        try {
            path = output.toLowerCase(Locale.ROOT).startsWith("file:") ? Path.of(java.net.URI.create(output)) : Path.of(output);
        } catch (IllegalArgumentException e) {
            throw new IOException("Output path of job " + job.getId() + " is not a valid path: " + output, e);
        }
        FileTrees.deleteRecursively(path);
    }
}
