package org.labexport.convert;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the files the table writers write, taking the SHA-256 of every byte on its way to the disk, so that the
 * export's checksum of an output needs no second read of it (docs/decisions/0133). The digest is kept until it is
 * taken, and given out only while the file still has the size and modification time its writer left it with.
 */
public final class OutputFiles {
    /** Records not taken (a writer used outside an export) are dropped beyond this many. */
    private static final int MAX_KEPT = 1_000;

    /** What a writer left: the bytes it wrote, their SHA-256, and the file's modification time after closing. */
    private record Written(long bytes, String sha256, FileTime modified) {
    }

    private static final Map<Path, Written> WRITTEN = new ConcurrentHashMap<>();

    private OutputFiles() {
    }

    /**
     * Creates or truncates {@code target} for writing; its digest is recorded when the stream is closed after every
     * write succeeded. Callers buffer as they like: each write is hashed as it is passed on.
     */
    public static OutputStream create(Path target) throws IOException {
        Path key = key(target);
        WRITTEN.remove(key);
        return new Hashing(Files.newOutputStream(target), key);
    }

    /**
     * The SHA-256 (lower-case hex) of the file as its writer wrote it through {@link #create}, if the file still has
     * that size and modification time; empty otherwise. A digest is given out once.
     */
    public static Optional<String> takeSha256(Path file) {
        Written w = WRITTEN.remove(key(file));
        if (w == null) {
            return Optional.empty();
        }
        try {
            if (Files.size(file) == w.bytes() && Files.getLastModifiedTime(file).equals(w.modified())) {
                return Optional.of(w.sha256());
            }
        } catch (IOException e) {
            // gone or unreadable: the caller reads it and says so
        }
        return Optional.empty();
    }

    /**
     * Renames a finished output from the temporary name its writer wrote to its final name in the same folder
     * (atomically where the file system can, replacing what is there), and keeps the digest taken while writing it for
     * the new name: a rename changes neither the bytes nor the modification time, so the file needs no second read for
     * its checksum. (Delivery to a destination, which may cross file systems and never replaces, is
     * {@code FileTrees.moveIntoPlace}.)
     */
    public static void renameWithDigest(Path temp, Path finalPath) throws IOException {
        Written w = WRITTEN.remove(key(temp));
        try {
            Files.move(temp, finalPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, finalPath, StandardCopyOption.REPLACE_EXISTING);
        }
        if (w != null) {
            WRITTEN.put(key(finalPath), w);
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }

    /** Passes bytes on and hashes them; a failed write means no digest is recorded. */
    private static final class Hashing extends FilterOutputStream {
        private final Path key;
        private final MessageDigest digest;
        private long bytes;
        private boolean failed;
        private boolean closed;

        Hashing(OutputStream out, Path key) {
            super(out);
            this.key = key;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
            digest.update(b, off, len);
            bytes += len;
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
            if (!failed) {
                if (WRITTEN.size() >= MAX_KEPT) {
                    WRITTEN.clear();
                }
                WRITTEN.put(key, new Written(bytes, HexFormat.of().formatHex(digest.digest()),
                        Files.getLastModifiedTime(key)));
            }
        }
    }
}
