package org.labexport.convert.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.labexport.convert.AsciiBytes;

/**
 * A byte buffer that sheet XML is encoded into directly (ASCII fast path, UTF-8 otherwise), handed to the
 * underlying stream in large blocks. Text is escaped for XML and for Excel's own {@code _xHHHH_} escapes.
 */
final class XmlSink {
    private static final int SIZE = 1 << 16;

    private final OutputStream out;
    private byte[] buf = new byte[SIZE];
    private int pos;

    XmlSink(OutputStream out) {
        this.out = out;
    }

    private void room(int n) throws IOException {
        if (pos + n > buf.length) {
            flushBuffer();
            if (n > buf.length) {
                buf = new byte[n];
            }
        }
    }

    void flushBuffer() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    /** Appends ASCII text that needs no escaping (markup, numbers). */
    XmlSink ascii(String s) throws IOException {
        int n = s.length();
        room(n);
        pos = AsciiBytes.copy(s, buf, pos);
        return this;
    }

    XmlSink ascii(byte[] bytes) throws IOException {
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
        return this;
    }

    XmlSink number(long v) throws IOException {
        if (v >= 0 && v < 10) {
            room(1);
            buf[pos++] = (byte) ('0' + v);
            return this;
        }
        return ascii(Long.toString(v));
    }

    /** Whether text needs {@code xml:space="preserve"} to keep its leading or trailing white space. */
    static boolean needsPreserve(String s) {
        return !s.isEmpty() && (isSpace(s.charAt(0)) || isSpace(s.charAt(s.length() - 1)));
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** Appends text content, escaped for XML and for Excel's {@code _xHHHH_} notation. */
    XmlSink text(String s) throws IOException {
        int n = s.length();
        room(n);
        int i = 0;
        // ASCII fast path with nothing to escape.
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || c < 0x20 || c == '&' || c == '<' || c == '>' || c == '_') {
                break;
            }
            buf[pos++] = (byte) c;
        }
        if (i < n) {
            slowText(s, i);
        }
        return this;
    }

    private void slowText(String s, int from) throws IOException {
        StringBuilder sb = new StringBuilder(s.length() - from + 16);
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;"); // a raw CR would be normalised away by XML parsers
                case '\t', '\n' -> sb.append(c);
                case '_' -> sb.append(isEscapeLike(s, i) ? "_x005F_" : "_");
                default -> {
                    if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
                        sb.append(String.format("_x%04X_", (int) c)); // not allowed in XML 1.0: Excel's escape
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        room(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Whether {@code _xHHHH_} starts at {@code i}, which Excel would read as an escaped character. */
    static boolean isEscapeLike(String s, int i) {
        if (i + 7 > s.length() || s.charAt(i + 1) != 'x' || s.charAt(i + 6) != '_') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (Character.digit(s.charAt(k), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Undoes Excel's {@code _xHHHH_} escapes, as Excel does when it reads a cell. */
    static String decodeEscapes(String s) {
        int at = s.indexOf("_x");
        if (at < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '_' && isEscapeLike(s, i)) {
                sb.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 7;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
