package org.labexport.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.SourcePaths;
import org.labexport.base.CancelSignal;
import org.labexport.convert.SourceFiles;

/**
 * Checks that the bytes an export reads are the file the catalog describes (its size and SHA-256): its size before
 * reading, so that a file grown or cut since it was added is refused at once, and its SHA-256 after reading, from the
 * digest taken while the converter read it, so that a file edited since it was added, or written to during its export
 * (truncated, appended, rewritten), fails instead of being exported half (docs/decisions/0065). The whole file is
 * hashed once per export, not once before and once during the read (docs/decisions/0130).
 */
final class SourceIntegrity {
    private SourceIntegrity() {
    }

    /**
     * Null when the file still exists, can be read and has the size it had when it was added, else why not, as a
     * phrase to follow the file's name. Its content is compared after reading ({@link Watch#afterReading}).
     */
    static String beforeReading(DataFile file, Path src) throws IOException {
        if (!Files.exists(src)) {
            return "no longer exists at " + src;
        }
        Optional<String> problem = SourcePaths.problem(src);
        if (problem.isPresent()) {
            return "cannot be read any more: " + problem.get();
        }
        long size = Files.size(src);
        if (size != file.getSizeBytes()) {
            return "changed since it was added (its size was " + file.getSizeBytes() + " bytes, now " + size
                    + "); add it again to export it as it is now";
        }
        return null;
    }

    /**
     * Null when {@code bytes} read with that SHA-256 are the catalogued file, else why not. A file whose
     * modification time did not move while it was read, yet whose bytes differ from the catalog's, was edited before
     * the export began: it is reported as changed since it was added, as the size check before reading reports it.
     */
    static String compareRead(DataFile file, long bytes, String sha256, boolean writtenDuringRead) {
        if (bytes != file.getSizeBytes()) {
            return changedDuring(bytes + " bytes were read where the catalog has " + file.getSizeBytes());
        }
        if (file.getSha256() != null && !file.getSha256().equalsIgnoreCase(sha256)) {
            if (!writtenDuringRead) {
                return "changed since it was added (same size, different content: its SHA-256 differs); add it"
                        + " again to export it as it is now";
            }
            return changedDuring("the bytes read have a different SHA-256 from the catalogued file");
        }
        return null;
    }

    /** Whether the file's modification time is no longer {@code before} (or the file is gone). */
    static boolean modifiedSince(Path src, FileTime before) {
        try {
            return !Files.getLastModifiedTime(src).equals(before);
        } catch (IOException e) {
            return true;
        }
    }

    private static String changedDuring(String detail) {
        return "changed during the export (" + detail + "); nothing of it was exported. Export it again once it is"
                + " no longer being written";
    }

    /** Watches one file while a converter reads it. */
    static Watch watch(DataFile file, Path src) throws IOException {
        return new Watch(file, src, Files.getLastModifiedTime(src), SourceFiles.watch(src));
    }

    /** What is known about a file from just before its conversion started. */
    static final class Watch implements AutoCloseable {
        private final DataFile file;
        private final Path src;
        private final FileTime modifiedBefore;
        private final SourceFiles.ReadWitness witness;

        private Watch(DataFile file, Path src, FileTime modifiedBefore, SourceFiles.ReadWitness witness) {
            this.file = file;
            this.src = src;
            this.modifiedBefore = modifiedBefore;
            this.witness = witness;
        }

        /**
         * Null when what the converter read is the catalogued file, else why not. A streaming reader's whole reads
         * were hashed as they happened; a reader that seeks (Parquet, Excel, HDF5) cannot be followed, so the file
         * must still have its size, modification time and SHA-256 from before.
         */
        String afterReading(CancelSignal cancel) throws IOException {
            boolean written = modifiedSince(src, modifiedBefore);
            for (SourceFiles.CompletedRead read : witness.completedReads()) {
                String problem = compareRead(file, read.bytes(), read.sha256(), written);
                if (problem != null) {
                    return problem;
                }
            }
            if (!witness.completedReads().isEmpty()) {
                return null;
            }
            if (!Files.isRegularFile(src)) {
                return changedDuring("it is no longer at " + src);
            }
            long size = Files.size(src);
            if (size != file.getSizeBytes()) {
                return changedDuring("its size went from " + file.getSizeBytes() + " to " + size + " bytes");
            }
            if (written) {
                return changedDuring("it was written to while it was read");
            }
            return compareRead(file, size, Checksums.sha256(src, cancel), false);
        }

        @Override
        public void close() {
            witness.close();
        }
    }
}
