package org.labexport.job;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link OutputRemover}: deletes a job's local output (a file or a whole folder) if it is still there.
 * Remote outputs ({@code s3://...}) are left alone; the pipeline registers a remover that knows them.
 */
public final class LocalOutputRemover implements OutputRemover {
    private static final Logger LOG = LoggerFactory.getLogger(LocalOutputRemover.class);

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
        deleteRecursively(path);
    }

    /** Deletes a file or a folder with everything in it; a missing path is fine. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
