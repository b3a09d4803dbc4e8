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
 * Checks that the bytes an export reads are the file the catalog describes (its size and SHA-256): before reading,
 * so that a file changed since it was added is refused, and after reading, so that a file written to during its
 * export (truncated, appended, rewritten) fails instead of being exported half (docs/decisions/0065).
 */
final class SourceIntegrity {
    private SourceIntegrity() {
    }

    /**
     * Null when the file is as it was added, else why not, as a phrase to follow the file's name. Hashes the whole
     * file.
     */
    static String beforeReading(DataFile file, Path src, CancelSignal cancel) throws IOException {
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
        if (file.getSha256() != null && !file.getSha256().equalsIgnoreCase(Checksums.sha256(src, cancel))) {
            return "changed since it was added (same size, different content: its SHA-256 differs); add it again"
                    + " to export it as it is now";
        }
        return null;
    }

    /** Null when {@code bytes} read with that SHA-256 are the catalogued file, else why not. */
    static String compareRead(DataFile file, long bytes, String sha256) {
        if (bytes != file.getSizeBytes()) {
            return changedDuring(bytes + " bytes were read where the catalog has " + file.getSizeBytes());
        }
        if (file.getSha256() != null && !file.getSha256().equalsIgnoreCase(sha256)) {
            return changedDuring("the bytes read have a different SHA-256 from the catalogued file");
        }
        return null;
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
            for (SourceFiles.CompletedRead read : witness.completedReads()) {
                String problem = compareRead(file, read.bytes(), read.sha256());
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
            if (!Files.getLastModifiedTime(src).equals(modifiedBefore)) {
                return changedDuring("it was written to while it was read");
            }
            return compareRead(file, size, Checksums.sha256(src, cancel));
        }

        @Override
        public void close() {
            witness.close();
        }
    }
}
