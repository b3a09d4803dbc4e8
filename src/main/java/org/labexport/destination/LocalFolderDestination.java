package org.labexport.destination;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import org.labexport.base.CancelSignal;
import org.labexport.base.FileTrees;

/**
 * Delivers exports into a local folder: {@code <folder>/<job_key>.zip} or {@code <folder>/<job_key>/}, moved into
 * place atomically so that the final name only ever shows a whole export. The download URL is the output's file: URI.
 */
public final class LocalFolderDestination implements Destination {
    private final Path folder;

    public LocalFolderDestination(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Delivery deliver(Path finished, String jobKey, Instant expiresAt, CancelSignal cancel) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DeliveryException("Cannot create the export folder " + folder + ": " + reason(e), e);
        }
        if (!Files.isWritable(folder)) {
            throw new DeliveryException("The export folder " + folder + " is not writable.");
        }
        Path target = folder.resolve(finished.getFileName().toString());
        cancel.check();
        // Job keys are unique: an existing output of this name is this job's own from a run that died after delivery.
        FileTrees.deleteRecursively(target);
        try {
            FileTrees.moveIntoPlace(finished, target, cancel);
        } catch (FileSystemException e) {
            throw new DeliveryException("Cannot write the export to " + target + ": " + reason(e), e);
        }
        return new Delivery(target.toString(), FileTrees.size(target), target.toUri().toString());
    }

    @Override
    public String downloadUrl(String outputPath, Instant expiresAt) {
        return Paths.get(outputPath).toUri().toString();
    }

    @Override
    public void remove(String outputPath) throws IOException {
        FileTrees.deleteRecursively(Paths.get(outputPath));
    }

    @Override
    public String describe() {
        return folder.toString();
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (m != null && m.toLowerCase(java.util.Locale.ROOT).contains("no space left")) {
            return "disk full";
        }
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }
}
