package org.labexport.convert.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.MalformedInputException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Splits UTF-8 text into records in one pass over its bytes: each byte is checked, decoded and copied once, straight
 * into the batch (decision 0140). The path through FastCSV decodes the bytes into characters, checks those for NUL,
 * splits them and copies every field into the batch: four passes, which made splitting the costliest thread of a
 * CSV export.
 *
 * <p>The records are those of FastCSV's strict parser as {@link FastCsvRecordSplitter} configures it, character for
 * character and line number for line number (a test compares the two on random text):
 * <ul>
 *   <li>CR, LF and CRLF end a record; a line with nothing on it is a record of one empty field;</li>
 *   <li>a quote opens a quoted field only as a field's first character (elsewhere it is data); inside, a doubled
 *       quote is one quote, and delimiters and line ends are data; after the closing quote only a delimiter, a line
 *       end or the end of the input may follow;</li>
 *   <li>a quoted field still open at the end of the input is refused.</li>
 * </ul>
 * Bytes that are not well-formed UTF-8 fail with {@link MalformedInputException}, as Java's strict decoder does, and
 * a NUL byte fails with {@link TextInput#nulInText}.
 */
final class Utf8RecordSplitter implements RecordSplitter {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte QUOTE = '"';
    private static final int READ_SIZE = 1 << 17;
    /** Eight bytes of the input as one long, the first byte lowest. */
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    /** Subtracted from every byte: those below CR + 1 wrap around and set their high bit. */
    private static final long BELOW_CR_CEILING = (CR + 1) * ONES;
    /** How a field ended. */
    private static final int DELIMITER = 0;
    private static final int LINE_END = 1;
    private static final int END_OF_INPUT = 2;

    private final InputStream in;
    private final Path file;
    private final byte delimiter;
    private final int maxFields;
    private final int maxRecordChars;
    private final int batchRecords;
    private final byte[] buf = new byte[READ_SIZE];
    private int pos;
    private int len;
    private boolean ended;
    private RecordBatch batch;
    /** The line the next record starts on (1-based). */
    private long line = 1;
    /** The last record ended with CR: an LF right after it is part of that line end. */
    private boolean afterCr;
    /** Where the current record's characters start in the batch, for its length limit. */
    private int recordStart;
    private long recordLine;

    /**
     * @param in             the text after any UTF-8 byte-order mark
     * @param file           named in errors
     * @param delimiter      an ASCII character other than a quote or a line end
     * @param maxFields      more fields in one record fail with {@link RecordBatch.TooManyFields}
     * @param maxRecordChars a longer record fails with a {@link CsvParseException} saying so
     * @param batchRecords   the records a batch is sized for
     */
    Utf8RecordSplitter(InputStream in, Path file, char delimiter, int maxFields, int maxRecordChars,
                       int batchRecords) {
        if (!splits(delimiter)) {
            throw new IllegalArgumentException("not a delimiter for UTF-8 splitting: " + (int) delimiter);
        }
        this.in = in;
        this.file = file;
        this.delimiter = (byte) delimiter;
        this.maxFields = maxFields;
        this.maxRecordChars = maxRecordChars;
        this.batchRecords = batchRecords;
        this.batch = new RecordBatch(batchRecords, 64 * batchRecords);
        batch.setAscii(true);
    }

    /** Whether this splitter takes the delimiter: one byte of UTF-8 (ASCII) other than NUL, a quote or a line end. */
    static boolean splits(char delimiter) {
        return delimiter != 0 && delimiter < 0x80 && delimiter != '"' && delimiter != '\r' && delimiter != '\n';
    }

    @Override
    public boolean next() throws IOException {
        if (afterCr) {
            afterCr = false;
            if (available(1) > 0 && buf[pos] == LF) {
                pos++;
            }
        }
        if (available(1) == 0) {
            return false;
        }
        RecordBatch b = batch;
        recordLine = line;
        recordStart = b.used();
        b.beginRecord(line);
        int fields = 0;
        int end;
        do {
            if (++fields > maxFields) {
                throw new RecordBatch.TooManyFields(maxFields);
            }
            end = available(1) > 0 && buf[pos] == QUOTE ? quotedField(b) : plainField(b);
        } while (end == DELIMITER);
        b.endRecord();
        return true;
    }

    @Override
    public RecordBatch current() {
        return batch;
    }

    @Override
    public RecordBatch take() {
        RecordBatch full = batch;
        batch = RecordBatch.after(full, batchRecords);
        batch.setAscii(true); // until a multi-byte character is decoded into it
        return full;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Copies an unquoted field into the batch; says what ended it. */
    private int plainField(RecordBatch b) throws IOException {
        final byte[] bytes = buf;
        char[] out = b.buffer();
        int o = b.used();
        while (true) {
            if (pos == len && available(1) == 0) {
                checkLength(o);
                b.endField(o);
                return END_OF_INPUT;
            }
            if (out.length - o < 2) {
                out = grow(b, o, Math.max(2, len - pos));
            }
            // A quote inside an unquoted field is data.
            o = copyPlain(out, o, delimiter);
            if (pos == len || o == out.length) {
                continue;
            }
            byte c = bytes[pos];
            if (c == delimiter) {
                pos++;
                b.endField(o);
                return DELIMITER;
            }
            if (c == LF || c == CR) {
                pos++;
                afterCr = c == CR;
                line++;
                b.endField(o);
                return LINE_END;
            }
            if (c > 0) {
                out[o++] = (char) c; // a control character other than a line end is data
                pos++;
            } else if (c == 0) {
                throw TextInput.nulInText(file);
            } else {
                out = grow(b, o, 2);
                b.setAscii(false);
                o = decode(out, o);
            }
        }
    }

    /** Copies a quoted field (from its opening quote) into the batch, unescaped; says what ended it. */
    private int quotedField(RecordBatch b) throws IOException {
        pos++;
        final byte[] bytes = buf;
        char[] out = b.buffer();
        int o = b.used();
        // As FastCSV counts lines inside quotes: a CR counts one, and so does an LF unless a CR is right before it.
        boolean afterCrInside = false;
        while (true) {
            if (pos == len && available(1) == 0) {
                throw new CsvParseException(String.format(Locale.ROOT,
                        "Unclosed quoted field at end of input (record starting at line %d)", recordLine));
            }
            if (out.length - o < 2) {
                out = grow(b, o, Math.max(2, len - pos));
            }
            int from = pos;
            o = copyPlain(out, o, QUOTE);
            if (pos > from) {
                afterCrInside = false;
            }
            if (pos == len || o == out.length) {
                continue;
            }
            byte c = bytes[pos];
            pos++;
            if (c == QUOTE) {
                if (available(1) == 0) {
                    b.endField(o);
                    return END_OF_INPUT;
                }
                byte after = buf[pos];
                if (after == QUOTE) {
                    out[o++] = '"';
                    pos++;
                    afterCrInside = false; // a quote ends a pending CR, as in FastCSV
                    continue;
                }
                if (after == 0) {
                    throw TextInput.nulInText(file);
                }
                if (after == delimiter) {
                    pos++;
                    b.endField(o);
                    return DELIMITER;
                }
                if (after == LF || after == CR) {
                    pos++;
                    afterCr = after == CR;
                    line++;
                    b.endField(o);
                    return LINE_END;
                }
                throw unexpectedAfterQuote();
            }
            if (c == LF && !afterCrInside) {
                line++;
            } else if (c == CR) {
                line++;
            } else if (c == 0) {
                throw TextInput.nulInText(file);
            } else if (c < 0) {
                pos--;
                b.setAscii(false);
                o = decode(grow(b, o, 2), o);
                out = b.buffer();
                afterCrInside = false;
                continue;
            }
            afterCrInside = c == CR;
            out[o++] = (char) c;
        }
    }

    /**
     * The hot loop: copies printable ASCII other than {@code stop} from {@link #pos} to {@code out[o...]}, as far as
     * the bytes read so far and the room in {@code out} go; returns the new end. {@link #pos} is then at the first
     * byte not copied, or at the end of what was read.
     *
     * <p>It tests eight bytes at a time (decision 0147): a field's bytes are nearly all plain, and a byte-by-byte loop
     * with its two tests per byte was the splitting thread's largest cost. For a word with a byte to stop at, all
     * eight characters are still written (the room is there) but only those before that byte count: the rest lie
     * past the batch's end and are overwritten by what follows.
     */
    private int copyPlain(char[] out, int o, byte stop) {
        final byte[] bytes = buf;
        int p = pos;
        int limit = Math.min(len, p + out.length - o);
        long stops = (stop & 0xFFL) * ONES;
        while (p <= limit - Long.BYTES) {
            long x = (long) WORDS.get(bytes, p);
            // A byte's high bit is set here when it is CR or below, the stop byte, or not ASCII. A borrow can set it
            // wrongly only in a byte after one that is rightly set, so the lowest one set is the first to stop at.
            long special = ((x - BELOW_CR_CEILING) | ((x ^ stops) - ONES) | x) & HIGH_BITS;
            for (int i = 0; i < Long.BYTES; i++) {
                out[o + i] = (char) (x >>> (i << 3) & 0xFF);
            }
            if (special != 0) {
                int k = Long.numberOfTrailingZeros(special) >>> 3;
                pos = p + k;
                o += k;
                checkLength(o);
                return o;
            }
            p += Long.BYTES;
            o += Long.BYTES;
        }
        for (; p < limit; p++) {
            byte c = bytes[p];
            if (c <= CR || c == stop) {
                break;
            }
            out[o++] = (char) c;
        }
        pos = p;
        checkLength(o);
        return o;
    }

    /** FastCSV's error for what follows a closing quote at {@link #pos}: it shows the first character. */
    private CsvParseException unexpectedAfterQuote() throws IOException {
        char[] decoded = new char[2];
        if (buf[pos] >= 0) {
            decoded[0] = (char) buf[pos];
        } else {
            decode(decoded, 0);
        }
        return new CsvParseException(String.format(Locale.ROOT,
                "Unexpected character after closing quote: '%c' (0x%x) (record starting at line %d)",
                decoded[0], (int) decoded[0], recordLine));
    }

    /**
     * The batch's characters with room for {@code extra} more after {@code o}, grown no further than just past the
     * record's limit: a refused long field then never holds twice the limit.
     */
    private char[] grow(RecordBatch b, int o, int extra) {
        long cap = Math.min(Integer.MAX_VALUE - 16L, (long) recordStart + maxRecordChars + 8);
        return b.room(o, extra, (int) cap);
    }

    private void checkLength(int o) {
        if (o - recordStart > maxRecordChars) {
            throw new CsvParseException("Record exceeds the maximum of " + maxRecordChars + " characters");
        }
    }

    /**
     * Decodes the multi-byte sequence at {@link #pos} into {@code out} at {@code o} (which has room for two
     * characters); returns the new end. Well-formed means as in the Unicode standard's table 3-7: no overlong forms,
     * no surrogates, nothing above U+10FFFF, no sequence cut short.
     */
    private int decode(char[] out, int o) throws IOException {
        int n = available(4);
        byte[] bytes = buf;
        int p = pos;
        int b0 = bytes[p] & 0xFF;
        int cp;
        int size;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            if (n < 2 || !inRange(bytes[p + 1], 0x80, 0xBF)) {
                throw malformed();
            }
            cp = (b0 & 0x1F) << 6 | bytes[p + 1] & 0x3F;
            size = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            int lo = b0 == 0xE0 ? 0xA0 : 0x80;
            int hi = b0 == 0xED ? 0x9F : 0xBF;
            if (n < 3 || !inRange(bytes[p + 1], lo, hi) || !inRange(bytes[p + 2], 0x80, 0xBF)) {
                throw malformed();
            }
            cp = (b0 & 0x0F) << 12 | (bytes[p + 1] & 0x3F) << 6 | bytes[p + 2] & 0x3F;
            size = 3;
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            int lo = b0 == 0xF0 ? 0x90 : 0x80;
            int hi = b0 == 0xF4 ? 0x8F : 0xBF;
            if (n < 4 || !inRange(bytes[p + 1], lo, hi) || !inRange(bytes[p + 2], 0x80, 0xBF)
                    || !inRange(bytes[p + 3], 0x80, 0xBF)) {
                throw malformed();
            }
            cp = (b0 & 0x07) << 18 | (bytes[p + 1] & 0x3F) << 12 | (bytes[p + 2] & 0x3F) << 6 | bytes[p + 3] & 0x3F;
            size = 4;
        } else {
            throw malformed();
        }
        pos = p + size;
        if (cp < 0x10000) {
            out[o++] = (char) cp;
        } else {
            out[o++] = Character.highSurrogate(cp);
            out[o++] = Character.lowSurrogate(cp);
        }
        return o;
    }

    private static boolean inRange(byte b, int lo, int hi) {
        int v = b & 0xFF;
        return v >= lo && v <= hi;
    }

    private static MalformedInputException malformed() {
        return new MalformedInputException(1);
    }

    /** Bytes available from {@link #pos}: at least {@code k} unless the input ends first. */
    private int available(int k) throws IOException {
        while (len - pos < k && !ended) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, len - pos);
                len -= pos;
                pos = 0;
            }
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) {
                ended = true;
            } else {
                len += r;
            }
        }
        return len - pos;
    }
}
