package org.labexport.convert;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens source files for the streaming text readers: raw bytes counted for progress, gzip undone by name. A file
 * being {@link #watch watched} also has the SHA-256 of its raw bytes taken as they are read, so that the pipeline
 * can tell whether what a reader consumed is the file it catalogued (docs/decisions/0065).
 */
public final class SourceFiles {
    /** Open watches by absolute normalised path. */
    private static final Map<Path, List<ReadWitness>> WATCHED = new ConcurrentHashMap<>();

    private SourceFiles() {
    }

    /** One read of a whole file, from its first byte to its end. */
    public record CompletedRead(long bytes, String sha256) {
    }

    /**
     * Records every whole read of one file through {@link #open} while it is open: its byte count and SHA-256.
     * Reads that stop early (a reader closed before the end) are not recorded.
     */
    public static final class ReadWitness implements AutoCloseable {
        private final Path file;
        private final List<CompletedRead> reads = new CopyOnWriteArrayList<>();

        private ReadWitness(Path file) {
            this.file = file;
        }

        /** The whole reads seen so far, oldest first; empty when the file was not read through {@link #open}. */
        public List<CompletedRead> completedReads() {
            return List.copyOf(reads);
        }

        @Override
        public void close() {
            WATCHED.computeIfPresent(file, (k, list) -> {
                list.remove(this);
                return list.isEmpty() ? null : list;
            });
        }
    }

    /** Starts recording the whole reads of {@code file}; close the witness when the file's conversion is over. */
    public static ReadWitness watch(Path file) {
        Path key = file.toAbsolutePath().normalize();
        ReadWitness w = new ReadWitness(key);
        WATCHED.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(w);
        return w;
    }

    /** An input stream over the file's bytes that counts how many raw (compressed) bytes were read. */
    public static final class CountingInputStream extends FilterInputStream {
        private volatile long count;
        /** Set only when the file is watched; dropped when bytes are skipped unread. */
        private MessageDigest digest;
        private final List<ReadWitness> witnesses;
        private boolean reported;

        CountingInputStream(InputStream in) {
            this(in, List.of());
        }

        private CountingInputStream(InputStream in, List<ReadWitness> witnesses) {
            super(in);
            this.witnesses = witnesses;
            this.digest = witnesses.isEmpty() ? null : newSha256();
        }

        /** Raw bytes of the file read so far. */
        public long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                if (digest != null) {
                    digest.update((byte) b);
                }
            } else {
                reachedEnd();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                if (digest != null) {
                    digest.update(b, off, n);
                }
            } else if (n < 0) {
                reachedEnd();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            if (s > 0) {
                digest = null; // bytes passed over unread cannot be hashed: this read proves nothing
            }
            return s;
        }

        private void reachedEnd() {
            if (digest != null && !reported) {
                reported = true;
                CompletedRead read = new CompletedRead(count, HexFormat.of().formatHex(digest.digest()));
                for (ReadWitness w : witnesses) {
                    w.reads.add(read);
                }
            }
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The opened file: the counting raw stream and the (possibly decompressed) content stream to read. */
    public record Opened(CountingInputStream raw, InputStream content) {
    }

    /**
     * Opens {@code file}; a {@code .gz} name means gzip content.
     *
     * @throws ConversionException when a {@code .gz} file is not gzip data
     */
    public static Opened open(Path file) throws IOException {
        List<ReadWitness> witnesses = WATCHED.getOrDefault(file.toAbsolutePath().normalize(), List.of());
        CountingInputStream raw = new CountingInputStream(Files.newInputStream(file), List.copyOf(witnesses));
        InputStream content = new BufferedInputStream(raw, 1 << 16);
        if (SourceFormat.isGzipName(file)) {
            try {
                content = new BufferedInputStream(new DamagedGzip(new GZIPInputStream(content, 1 << 16), file),
                        1 << 16);
            } catch (ZipException | java.io.EOFException e) {
                raw.close();
                throw new ConversionException(file.getFileName() + " is named .gz but is not gzip-compressed data.", e);
            }
        }
        return new Opened(raw, content);
    }

    /**
     * Says in words, naming the file, that gzip data is truncated or damaged, where the decompressor would throw
     * "Unexpected end of ZLIB input stream" or "invalid literal/length code".
     */
    private static final class DamagedGzip extends java.io.FilterInputStream {
        private final Path file;

        DamagedGzip(InputStream in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (java.io.EOFException | ZipException e) {
                throw damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (java.io.EOFException | ZipException e) {
                throw damaged(e);
            }
        }

        private ConversionException damaged(IOException e) {
            return new ConversionException(file.getFileName() + (e instanceof java.io.EOFException
                    ? " is a truncated gzip file: it ends before its compressed data does."
                    : " is a damaged gzip file: its compressed data cannot be unpacked."), e);
        }
    }
}
