package org.labexport.destination;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;
import org.labexport.base.FileTrees;
import org.labexport.base.IoReasons;

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

    /**
     * Checks, before any work, that exports can be written here: the folder exists or can be created, is a folder,
     * and takes a new file. Folders created for the check are removed again, so a check leaves nothing behind.
     *
     * @throws DeliveryException naming the folder and what is wrong with it
     */
    public void check() throws DeliveryException {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw new DeliveryException(existing.equals(folder) ? "The export folder " + folder
                    + " is a file, not a folder." : "The export folder " + folder + " cannot be created: " + existing
                    + " is a file, not a folder.");
        }
        try {
            requireWritableFolder();
        } finally {
            for (Path p = folder; existing != null && p != null && !p.equals(existing); p = p.getParent()) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    break; // not empty or not ours to remove: leave it
                }
            }
        }
    }

    /** Creates the folder if needed and proves that a file can be created in it. */
    private void requireWritableFolder() throws DeliveryException {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new DeliveryException("The export folder " + folder + " is a file, not a folder.", e);
        } catch (NoSuchFileException e) {
            // Its parent exists (or creating it would have failed first): a file system such as /proc refuses it.
            throw new DeliveryException("The export folder " + folder + " cannot be created: that file system does"
                    + " not allow new folders there.", e);
        } catch (IOException e) {
            throw new DeliveryException("The export folder " + folder + " cannot be created: " + IoReasons.of(e)
                    + ".", e);
        }
        Path probe = null;
        try {
            probe = Files.createTempFile(folder, ".labexport-check-", ".tmp");
        } catch (IOException e) {
            throw new DeliveryException("The export folder " + folder + " cannot be written to: " + IoReasons.of(e)
                    + ".", e);
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // a probe that cannot be deleted is harmless: hidden and empty
                }
            }
        }
    }

    @Override
    public Delivery deliver(Path finished, String jobKey, Instant expiresAt, CancelSignal cancel) throws IOException {
        requireWritableFolder();
        Path target = folder.resolve(finished.getFileName().toString());
        cancel.check();
        try {
            // Job keys are unique: an existing output of this name is this job's own from a run that died after
            // delivery.
            FileTrees.deleteRecursively(target);
            FileTrees.moveIntoPlace(finished, target, cancel);
        } catch (ConversionCancelledException e) {
            throw e;
        } catch (IOException e) {
            // The reason only: the exception names the hidden temporary copy, which means nothing to a reader.
            throw new DeliveryException("The export could not be written to " + folder + ": " + IoReasons.of(e) + ".",
                    e);
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
}
