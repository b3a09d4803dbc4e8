package org.labexport.convert.csv;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records split from CSV text with every field's characters in one array, so that splitting makes no String per
 * field: the checking threads read numbers straight from the characters and make Strings only for text values.
 * A blank line is a record of one empty field.
 */
final class RecordBatch {
    private char[] chars;
    private int used;
    /** End (exclusive) in {@link #chars} of each field, over all records. */
    private int[] fieldEnds;
    private int fields;
    /** Index of each record's first field; {@code firstField[records]} is the number of fields. */
    private int[] firstField;
    private long[] lineNumbers;
    private int records;
    /** Every character is ASCII: its UTF-8 is one byte per character (set by the splitter that knows it). */
    private boolean ascii;

    RecordBatch(int expectedRecords, int expectedChars) {
        this(expectedRecords, expectedChars, Math.max(4, expectedRecords * 4));
    }

    private RecordBatch(int expectedRecords, int expectedChars, int expectedFields) {
        chars = new char[Math.max(16, expectedChars)];
        fieldEnds = new int[expectedFields];
        firstField = new int[expectedRecords + 1];
        lineNumbers = new long[expectedRecords];
    }

    int size() {
        return records;
    }

    /** Fields this batch holds before its array of field ends grows. */
    int fieldCapacity() {
        return fieldEnds.length;
    }

    /** Characters held, for sizing batches. */
    int chars() {
        return used;
    }

    char[] text() {
        return chars;
    }

    int fieldCount(int r) {
        return firstField[r + 1] - firstField[r];
    }

    /** Where field {@code i} of record {@code r} starts in {@link #text()}. */
    int start(int r, int i) {
        int f = firstField[r] + i;
        return f == 0 ? 0 : fieldEnds[f - 1];
    }

    /** Where field {@code i} of record {@code r} ends (exclusive): where field {@code i + 1} starts. */
    int end(int r, int i) {
        return fieldEnds[firstField[r] + i];
    }

    int length(int r, int i) {
        int f = firstField[r] + i;
        return fieldEnds[f] - (f == 0 ? 0 : fieldEnds[f - 1]);
    }

    String field(int r, int i) {
        return new String(chars, start(r, i), length(r, i));
    }

    List<String> fields(int r) {
        int n = fieldCount(r);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(field(r, i));
        }
        return out;
    }

    /** Whether every character of the batch is known to be ASCII, so that its UTF-8 is one byte per character. */
    boolean isAscii() {
        return ascii;
    }

    void setAscii(boolean ascii) {
        this.ascii = ascii;
    }

    /** The line the record starts on (1-based). */
    long lineNumber(int r) {
        return lineNumbers[r];
    }

    /** A line with nothing on it. */
    boolean isBlank(int r) {
        return fieldCount(r) == 1 && length(r, 0) == 0;
    }

    /**
     * An empty batch sized for one like {@code full}, but not after one huge record: its characters, and its fields
     * at the full batch's fields per record, so that a wide table's batch is not copied as it grows.
     */
    static RecordBatch after(RecordBatch full, int batchRecords) {
        long perRecord = full.records == 0 ? 4 : Math.max(4, (full.fields + (long) full.records - 1) / full.records);
        int expectedFields = (int) Math.min(1 << 20, perRecord * batchRecords + perRecord);
        return new RecordBatch(batchRecords, Math.min(1 << 20, full.used + full.used / 8), expectedFields);
    }

    /** The array the current field's characters go to, from {@link #used()}; see {@link #room}. */
    char[] buffer() {
        return chars;
    }

    /** Characters held so far, the current field's included once {@link #endField} has set them. */
    int used() {
        return used;
    }

    /** The buffer with room for {@code extra} characters after {@code used} (the current field's end so far). */
    char[] room(int used, int extra) {
        return room(used, extra, Integer.MAX_VALUE - 16);
    }

    /** As {@link #room(int, int)}, doubling the buffer but not past {@code cap} characters (unless more are asked). */
    char[] room(int used, int extra, int cap) {
        if (used + extra > chars.length) {
            long doubled = Math.min(chars.length * 2L, cap);
            chars = Arrays.copyOf(chars, (int) Math.max(used + (long) extra, doubled));
        }
        return chars;
    }

    /** Ends the current field where a splitter that wrote into {@link #buffer()} stopped. */
    void endField(int end) {
        used = end;
        if (fields == fieldEnds.length) {
            fieldEnds = Arrays.copyOf(fieldEnds, fields * 2);
        }
        fieldEnds[fields++] = used;
    }

    void beginRecord(long line) {
        if (records == lineNumbers.length) {
            lineNumbers = Arrays.copyOf(lineNumbers, records * 2);
            firstField = Arrays.copyOf(firstField, records * 2 + 1);
        }
        lineNumbers[records] = line;
        firstField[records] = fields;
    }

    private void addField(char[] buf, int offset, int len) {
        System.arraycopy(buf, offset, room(used, len), used, len);
        endField(used + len);
    }

    void endRecord() {
        records++;
        firstField[records] = fields;
    }

    /** A record with more fields than a table may have columns. */
    static final class TooManyFields extends CsvParseException {
        private static final long serialVersionUID = 1L;
        final int maxFields;

        TooManyFields(int maxFields) {
            super("Record has more than the maximum of " + maxFields + " fields");
            this.maxFields = maxFields;
        }
    }

    /**
     * Feeds FastCSV's parser into batches: each record is appended to the current batch, which the splitting loop
     * takes with {@link #take()} when it is full. Limits the fields of a record and its characters, so that a
     * hostile file fails cleanly rather than filling memory.
     */
    static final class Collector extends CsvCallbackHandler<RecordBatch> {
        private static final char[] NO_CHARS = new char[0];
        private final int maxFields;
        private final int maxRecordChars;
        private final int batchRecords;
        private RecordBatch batch;
        private int recordFields;
        private long recordChars;
        private RecordType type = RecordType.DATA;

        Collector(int maxFields, int maxRecordChars, int batchRecords) {
            this.maxFields = maxFields;
            this.maxRecordChars = maxRecordChars;
            this.batchRecords = batchRecords;
            this.batch = new RecordBatch(batchRecords, 64 * batchRecords);
        }

        /** The records collected since the last call, as a batch of their own. */
        RecordBatch take() {
            RecordBatch full = batch;
            batch = after(full, batchRecords);
            return full;
        }

        /** The batch being filled (the last record built is its last). */
        RecordBatch current() {
            return batch;
        }

        @Override
        protected RecordType getRecordType() {
            return type;
        }

        @Override
        protected int getFieldCount() {
            return recordFields;
        }

        @Override
        protected void beginRecord(long startingLineNumber) {
            type = RecordType.DATA;
            recordFields = 0;
            recordChars = 0;
            batch.beginRecord(startingLineNumber);
        }

        @Override
        protected void addField(char[] buf, int offset, int len, boolean quoted) {
            if (++recordFields > maxFields) {
                throw new TooManyFields(maxFields);
            }
            recordChars += len;
            if (recordChars > maxRecordChars) {
                throw new CsvParseException("Record exceeds the maximum of " + maxRecordChars + " characters");
            }
            batch.addField(buf, offset, len);
        }

        @Override
        protected void setComment(char[] buf, int offset, int len) {
            // Comments are not enabled: a line starting with # is data.
            addField(buf, offset, len, false);
        }

        @Override
        protected void setEmpty() {
            type = RecordType.EMPTY;
            addField(NO_CHARS, 0, 0, false);
        }

        @Override
        protected RecordBatch buildRecord() {
            batch.endRecord();
            return batch;
        }
    }
}
