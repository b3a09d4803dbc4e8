package org.labexport.convert;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens source files for the streaming text readers: raw bytes counted for progress, gzip undone by name. */
public final class SourceFiles {
    private SourceFiles() {
    }

    /** An input stream over the file's bytes that counts how many raw (compressed) bytes were read. */
    public static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
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
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            count += s;
            return s;
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
        CountingInputStream raw = new CountingInputStream(Files.newInputStream(file));
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
