package org.labexport.convert.csv;

import java.io.Closeable;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.labexport.convert.ConversionException;
import org.labexport.convert.SourceFiles;

/**
 * Decodes a delimited text source: the byte-order mark picks UTF-8 (removed), UTF-16LE or UTF-16BE; without one
 * the text must be UTF-8. Undecodable bytes and NUL characters (binary data named .csv) are refused naming the file.
 */
final class TextInput {
    private TextInput() {
    }

    /**
     * An opened source: the counting raw stream for progress, the content after any byte-order mark, and the
     * charset that mark named (UTF-8 without one).
     */
    record Source(SourceFiles.CountingInputStream raw, InputStream content, Charset charset) implements Closeable {
        /** The content as strictly decoded characters, refusing NUL characters as {@link #nulInText} says. */
        Reader reader(Path file) {
            return new NulGuard(new InputStreamReader(content, strictDecoder(charset)), file);
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }

    static Source open(Path file) throws IOException {
        SourceFiles.Opened opened = SourceFiles.open(file);
        InputStream in = opened.content();
        try {
            return new Source(opened.raw(), in, charsetAfterBom(in));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The error for a NUL character in {@code file}: no text table has one, binary files are full of them. */
    static ConversionException nulInText(Path file) {
        return new ConversionException(file.getFileName()
                + " is not a text table: it contains NUL bytes (binary data?).");
    }

    /**
     * The 1-based line of the first byte sequence the file's encoding cannot decode, or -1 if there is none. Read
     * again from the start only when decoding failed: the reader decodes ahead of the parser in large blocks, so the
     * parser's line was thousands of lines short of the bad byte.
     */
    static long lineOfUndecodable(Path file) throws IOException {
        try (InputStream in = SourceFiles.open(file).content()) {
            CharsetDecoder decoder = strictDecoder(charsetAfterBom(in));
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(1 << 16);
            java.nio.CharBuffer chars = java.nio.CharBuffer.allocate(1 << 16);
            long line = 1;
            boolean end = false;
            while (true) {
                if (!end) {
                    int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (n < 0) {
                        end = true;
                    } else {
                        bytes.position(bytes.position() + n);
                    }
                }
                bytes.flip();
                java.nio.charset.CoderResult r = decoder.decode(bytes, chars, end);
                chars.flip();
                while (chars.hasRemaining()) {
                    if (chars.get() == '\n') {
                        line++;
                    }
                }
                chars.clear();
                if (r.isError()) {
                    return line;
                }
                bytes.compact();
                if (end && r.isUnderflow()) {
                    return decoder.flush(chars).isError() ? line : -1;
                }
            }
        }
    }

    /** A decoder that refuses what it cannot decode, instead of replacing it. */
    private static CharsetDecoder strictDecoder(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Skips a byte-order mark and returns the charset it names (UTF-8 without one). */
    private static Charset charsetAfterBom(InputStream in) throws IOException {
        in.mark(4);
        byte[] head = new byte[3];
        int n = in.readNBytes(head, 0, 3);
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            skip = 3;
        } else if (n >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (n >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        in.reset();
        in.skipNBytes(skip);
        return charset;
    }

    /** Refuses text that contains NUL characters, which no text table has and binary files are full of. */
    private static final class NulGuard extends FilterReader {
        private final Path file;

        NulGuard(Reader in, Path file) {
            super(in);
            this.file = file;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = off; i < off + n; i++) {
                if (buf[i] == 0) {
                    throw nulInText(file);
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c == 0) {
                throw nulInText(file);
            }
            return c;
        }
    }
}
