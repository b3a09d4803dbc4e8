package org.labexport.convert.json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.labexport.convert.AsciiBytes;

/**
 * A byte buffer in front of the JSON output: ASCII text copied as it is, strings quoted and escaped exactly as
 * Jackson's UTF-8 generator escapes them with its default settings (so files are byte for byte what they were when
 * Jackson wrote them, docs/decisions/0131): {@code "} and {@code \} escaped, the control characters as
 * {@code \b \t \n \f \r} or {@code \}{@code u00XX}, other characters as UTF-8, except surrogates, which are written as
 * {@code \}{@code uXXXX} escapes one by one.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Per ASCII character: 0 as it is, a letter for its short escape, 'u' for the six-character escape. */
    private static final byte[] ESCAPE = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPE[c] = 'u';
        }
        ESCAPE['\b'] = 'b';
        ESCAPE['\t'] = 't';
        ESCAPE['\n'] = 'n';
        ESCAPE['\f'] = 'f';
        ESCAPE['\r'] = 'r';
        ESCAPE['"'] = '"';
        ESCAPE['\\'] = '\\';
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int len;
    /** Where a String's characters are copied to be written (a String's own cannot be reached without a copy). */
    private char[] scratch = new char[256];

    JsonBytes(OutputStream out) {
        this.out = out;
    }

    /** Bytes as they are (pre-encoded names and separators). */
    void raw(byte[] bytes) throws IOException {
        if (len + bytes.length > buf.length) {
            flush();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, len, bytes.length);
        len += bytes.length;
    }

    /**
     * A number's text, written as it is: the number grammar or Java's own formatting made it, so it is ASCII and
     * its characters are its bytes.
     */
    void number(String s) throws IOException {
        int n = s.length();
        if (len + n > buf.length) {
            flush();
            if (n > buf.length) {
                out.write(s.getBytes(StandardCharsets.US_ASCII));
                return;
            }
        }
        len = AsciiBytes.copy(s, buf, len);
    }

    /** As {@link #number(String)} for the text {@code a[off, off + n)}. */
    void number(char[] a, int off, int n) throws IOException {
        for (int i = off, end = off + n; i < end; i++) {
            if (len == buf.length) {
                flush();
            }
            assert a[i] < 0x80 : "not ASCII: " + new String(a, off, n);
            buf[len++] = (byte) a[i];
        }
    }

    /** A JSON string: quoted, escaped, UTF-8. */
    void string(String s) throws IOException {
        int n = s.length();
        // Kept for the next string up to 64 Ki characters; a longer one gets an array of its own.
        char[] chars = n <= scratch.length ? scratch : new char[n];
        if (n > scratch.length && n <= 1 << 16) {
            scratch = chars;
        }
        s.getChars(0, n, chars, 0);
        string(chars, 0, n);
    }

    /** As {@link #string(String)} for the text {@code a[off, off + n)}. */
    void string(char[] a, int off, int n) throws IOException {
        byte1('"');
        for (int i = off, end = off + n; i < end; i++) {
            // The worst case of one char is six bytes (an escape); keep that much room.
            if (len + 6 > buf.length) {
                flush();
            }
            char c = a[i];
            if (c < 0x80) {
                byte e = ESCAPE[c];
                if (e == 0) {
                    buf[len++] = (byte) c;
                } else if (e == 'u') {
                    unicodeEscape(c);
                } else {
                    buf[len++] = '\\';
                    buf[len++] = e;
                }
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                unicodeEscape(c);
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        byte1('"');
    }

    private void unicodeEscape(char c) {
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = HEX[(c >> 12) & 0xF];
        buf[len++] = HEX[(c >> 8) & 0xF];
        buf[len++] = HEX[(c >> 4) & 0xF];
        buf[len++] = HEX[c & 0xF];
    }

    void byte1(char c) throws IOException {
        if (len == buf.length) {
            flush();
        }
        buf[len++] = (byte) c;
    }

    void flush() throws IOException {
        out.write(buf, 0, len);
        len = 0;
    }

    /** Writes what is buffered and closes the stream. */
    void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}
