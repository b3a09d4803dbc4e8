package org.labexport.convert.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.PrimitiveComparator;
import org.labexport.convert.ByteArrays;
import org.labexport.convert.ColumnBatch;
import org.labexport.convert.ColumnType;
import org.labexport.convert.TableSchema;

/**
 * One row group's values held column by column in primitive arrays: filled row by row on the writing thread (a
 * copy, so the caller may reuse its row array), then handed whole to an encoder thread. Kept and refilled for later
 * row groups, so its large arrays are allocated once per file rather than once per row group.
 */
final class RowGroupBuffer {
    /** Rows written per column before moving to the next column; the page size check runs between blocks. */
    private static final int BLOCK_ROWS = 128;
    private static final long INITIAL_BYTES = 1L << 20;

    private final ColumnBuffer[] columns;
    /** Indexes of the text columns. */
    private final int[] stringColumns;
    private final long fixedBytesPerRow;
    private final int maxRows;
    private int capacity;
    private int rows;
    private long stringBytes;

    /** A buffer for up to {@code maxRows} rows, whose arrays start small and grow as rows arrive. */
    RowGroupBuffer(TableSchema schema, int maxRows) {
        this.maxRows = maxRows;
        long fixed = 0;
        for (int i = 0; i < schema.size(); i++) {
            fixed += bytesPerValue(schema.column(i).type()) + 1;
        }
        fixedBytesPerRow = fixed;
        // Start with about 1 MB of arrays however wide the table, and grow as rows arrive.
        int initialCapacity = (int) Math.max(1, Math.min(Math.min(maxRows, 4096), INITIAL_BYTES / fixed));
        this.capacity = initialCapacity;
        columns = new ColumnBuffer[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnBuffer.of(schema.column(i).type(), initialCapacity);
        }
        stringColumns = java.util.stream.IntStream.range(0, columns.length)
                .filter(i -> columns[i] instanceof StringColumn).toArray();
    }

    private static int bytesPerValue(ColumnType type) {
        return switch (type) {
            case LONG, TIMESTAMP, DOUBLE -> 8;
            case DATE -> 4;
            case STRING -> 8;
            case BOOLEAN -> 1;
        };
    }

    /**
     * Copies one row's values in. Throws ArithmeticException for a date or timestamp Parquet cannot store; the row
     * then does not count (its slot is overwritten by the next row).
     */
    void add(Object[] row) {
        int r = rows;
        if (r == capacity) {
            grow();
        }
        long extra = 0;
        for (int c = 0; c < columns.length; c++) {
            extra += columns[c].set(r, row[c]);
        }
        stringBytes += extra;
        rows = r + 1;
    }

    /**
     * Copies rows {@code [from, from + n)} of a column batch in, column by column, the way {@link #add} would take
     * them one by one: it stops after the row that brings {@link #estimatedBytes()} to {@code byteLimit} and
     * returns how many rows it took. There must be room for {@code n} more rows. Throws {@link ValueOutOfRange} for
     * a date or timestamp Parquet cannot store.
     */
    int addColumns(ColumnBatch b, int from, int n, long byteLimit) {
        if (n == 0) {
            return 0;
        }
        while (capacity - rows < n) {
            grow();
        }
        int take = n;
        if (stringColumns.length > 0) {
            // Text decides where the byte limit falls: take it row by row, as add() does.
            long bytes = estimatedBytes();
            for (int k = 0; k < n; k++) {
                for (int c : stringColumns) {
                    long extra = b.isTextRanges(c)
                            ? ((StringColumn) columns[c]).setText(rows + k, b, c, from + k)
                            : columns[c].set(rows + k, b.get(c, from + k));
                    stringBytes += extra;
                    bytes += extra;
                }
                bytes += fixedBytesPerRow;
                if (bytes >= byteLimit) {
                    take = k + 1;
                    break;
                }
            }
        } else {
            // Every row costs the same: the row that reaches the limit is found by division.
            long rowsToLimit = (byteLimit - estimatedBytes() + fixedBytesPerRow - 1) / fixedBytesPerRow;
            take = (int) Math.max(1, Math.min(n, rowsToLimit));
        }
        int firstBad = -1;
        for (int c = 0; c < columns.length; c++) {
            if (!(columns[c] instanceof StringColumn)) {
                try {
                    columns[c].copy(b, c, from, take, rows);
                } catch (ValueOutOfRange e) {
                    // Name the first bad row over all columns, as add() would, not the first column's.
                    firstBad = firstBad < 0 ? e.offset : Math.min(firstBad, e.offset);
                }
            }
        }
        if (firstBad >= 0) {
            throw new ValueOutOfRange(firstBad);
        }
        rows += take;
        return take;
    }

    /** A date or timestamp at {@code offset} rows into a copied range that Parquet cannot store. */
    static final class ValueOutOfRange extends ArithmeticException {
        private static final long serialVersionUID = 1L;
        final int offset;

        ValueOutOfRange(int offset) {
            super("value out of range at offset " + offset);
            this.offset = offset;
        }
    }

    private void grow() {
        if (capacity >= maxRows) {
            throw new IllegalStateException("row group buffer is full at " + maxRows + " rows");
        }
        capacity = (int) Math.min(maxRows, Math.max(16L, capacity * 2L));
        for (ColumnBuffer c : columns) {
            c.grow(capacity);
        }
    }

    int rows() {
        return rows;
    }

    /** An estimate of the heap this buffer holds for its rows, strings included. */
    long estimatedBytes() {
        return rows * fixedBytesPerRow + stringBytes;
    }

    ColumnBuffer column(int index) {
        return columns[index];
    }

    /**
     * Feeds the values of the columns {@code indexes} to their column writers ({@code writers[k]} for column
     * {@code indexes[k]}), a block of rows per column at a time, ending each record.
     */
    void writeTo(ColumnWriteStore store, int[] indexes, ColumnWriter[] writers) {
        for (int from = 0; from < rows; from += BLOCK_ROWS) {
            int to = Math.min(rows, from + BLOCK_ROWS);
            for (int k = 0; k < indexes.length; k++) {
                columns[indexes[k]].write(writers[k], from, to);
            }
            for (int r = from; r < to; r++) {
                store.endRecord();
            }
        }
    }

    /** Empties the buffer for the next row group, letting go of the strings it held. */
    void clear() {
        for (ColumnBuffer c : columns) {
            c.clear(rows);
        }
        rows = 0;
        stringBytes = 0;
    }

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The values of one column, with a null flag per row. */
    abstract static class ColumnBuffer {
        boolean[] nulls;

        ColumnBuffer(int capacity) {
            nulls = new boolean[capacity];
        }

        static ColumnBuffer of(ColumnType type, int capacity) {
            return switch (type) {
                case LONG -> new LongColumn(capacity, false);
                case TIMESTAMP -> new LongColumn(capacity, true);
                case DOUBLE -> new DoubleColumn(capacity);
                case BOOLEAN -> new BooleanColumn(capacity);
                case STRING -> new StringColumn(capacity);
                case DATE -> new DateColumn(capacity);
            };
        }

        /** Stores the value of row {@code r}; returns the heap it keeps beyond the column's fixed bytes per row. */
        final long set(int r, Object value) {
            if (value == null) {
                nulls[r] = true;
                return 0;
            }
            nulls[r] = false;
            return store(r, value);
        }

        abstract long store(int r, Object value);

        final void grow(int capacity) {
            nulls = Arrays.copyOf(nulls, capacity);
            growValues(capacity);
        }

        abstract void growValues(int capacity);

        /** Copies rows {@code [from, from + n)} of column {@code c} of the batch to rows {@code [at, at + n)}. */
        final void copy(ColumnBatch b, int c, int from, int n, int at) {
            System.arraycopy(b.nulls(c), from, nulls, at, n);
            copyValues(b, c, from, n, at);
        }

        /** The values of {@link #copy}, one by one; primitive columns copy their array instead. */
        void copyValues(ColumnBatch b, int c, int from, int n, int at) {
            boolean[] absent = b.nulls(c);
            for (int k = 0; k < n; k++) {
                if (!absent[from + k]) {
                    try {
                        store(at + k, b.get(c, from + k));
                    } catch (ArithmeticException e) {
                        throw new ValueOutOfRange(k);
                    }
                }
            }
        }

        abstract void write(ColumnWriter w, int from, int to);

        /**
         * The present values of rows {@code [from, to)} ({@code count} of them) PLAIN-encoded, each also given to
         * {@code statistics}.
         */
        abstract byte[] plain(int from, int to, int count, Statistics<?> statistics);

        /** Where a page starting at {@code from} ends: at {@code maxTo}, or where text reaches {@code maxBytes}. */
        int pageEnd(int from, int maxTo, int maxBytes) {
            return maxTo;
        }

        void clear(int rows) {
        }
    }

    static final class DoubleColumn extends ColumnBuffer {
        double[] values;

        DoubleColumn(int capacity) {
            super(capacity);
            values = new double[capacity];
        }

        @Override
        void copyValues(ColumnBatch b, int c, int from, int n, int at) {
            System.arraycopy(b.doubles(c), from, values, at, n);
        }

        @Override
        long store(int r, Object value) {
            values[r] = (Double) value;
            return 0;
        }

        @Override
        void growValues(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        byte[] plain(int from, int to, int count, Statistics<?> statistics) {
            byte[] out = new byte[count * 8];
            boolean[] n = nulls;
            double[] v = values;
            int p = 0;
            for (int i = from; i < to; i++) {
                if (!n[i]) {
                    double d = v[i];
                    // doubleToLongBits, as parquet-java's plain writer: every NaN written as the one canonical NaN.
                    LONG_LE.set(out, p, Double.doubleToLongBits(d));
                    p += 8;
                    statistics.updateStats(d);
                }
            }
            return out;
        }

        @Override
        void write(ColumnWriter w, int from, int to) {
            boolean[] n = nulls;
            double[] v = values;
            for (int i = from; i < to; i++) {
                if (n[i]) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v[i], 0, 1);
                }
            }
        }
    }

    /** LONG values, or TIMESTAMP values as microseconds since the epoch in UTC. */
    static final class LongColumn extends ColumnBuffer {
        private final boolean timestamp;
        long[] values;

        LongColumn(int capacity, boolean timestamp) {
            super(capacity);
            this.timestamp = timestamp;
            values = new long[capacity];
        }

        @Override
        void copyValues(ColumnBatch b, int c, int from, int n, int at) {
            if (timestamp) {
                super.copyValues(b, c, from, n, at);
            } else {
                System.arraycopy(b.longs(c), from, values, at, n);
            }
        }

        @Override
        long store(int r, Object value) {
            values[r] = timestamp ? toMicros((Instant) value) : (Long) value;
            return 0;
        }

        @Override
        void growValues(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        byte[] plain(int from, int to, int count, Statistics<?> statistics) {
            byte[] out = new byte[count * 8];
            boolean[] n = nulls;
            long[] v = values;
            int p = 0;
            for (int i = from; i < to; i++) {
                if (!n[i]) {
                    LONG_LE.set(out, p, v[i]);
                    p += 8;
                    statistics.updateStats(v[i]);
                }
            }
            return out;
        }

        @Override
        void write(ColumnWriter w, int from, int to) {
            boolean[] n = nulls;
            long[] v = values;
            for (int i = from; i < to; i++) {
                if (n[i]) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v[i], 0, 1);
                }
            }
        }
    }

    /** DATE values as days since 1970-01-01. */
    static final class DateColumn extends ColumnBuffer {
        int[] values;

        DateColumn(int capacity) {
            super(capacity);
            values = new int[capacity];
        }

        @Override
        long store(int r, Object value) {
            values[r] = Math.toIntExact(((LocalDate) value).toEpochDay());
            return 0;
        }

        @Override
        void growValues(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        @Override
        byte[] plain(int from, int to, int count, Statistics<?> statistics) {
            byte[] out = new byte[count * 4];
            boolean[] n = nulls;
            int[] v = values;
            int p = 0;
            for (int i = from; i < to; i++) {
                if (!n[i]) {
                    INT_LE.set(out, p, v[i]);
                    p += 4;
                    statistics.updateStats(v[i]);
                }
            }
            return out;
        }

        @Override
        void write(ColumnWriter w, int from, int to) {
            boolean[] n = nulls;
            int[] v = values;
            for (int i = from; i < to; i++) {
                if (n[i]) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v[i], 0, 1);
                }
            }
        }
    }

    static final class BooleanColumn extends ColumnBuffer {
        boolean[] values;

        BooleanColumn(int capacity) {
            super(capacity);
            values = new boolean[capacity];
        }

        @Override
        void copyValues(ColumnBatch b, int c, int from, int n, int at) {
            System.arraycopy(b.booleans(c), from, values, at, n);
        }

        @Override
        long store(int r, Object value) {
            values[r] = (Boolean) value;
            return 0;
        }

        @Override
        void growValues(int capacity) {
            values = Arrays.copyOf(values, capacity);
        }

        /** PLAIN booleans are bit-packed, the first value in the lowest bit. */
        @Override
        byte[] plain(int from, int to, int count, Statistics<?> statistics) {
            byte[] out = new byte[(count + 7) / 8];
            boolean[] n = nulls;
            boolean[] v = values;
            int k = 0;
            for (int i = from; i < to; i++) {
                if (!n[i]) {
                    if (v[i]) {
                        out[k >>> 3] |= (byte) (1 << (k & 7));
                    }
                    k++;
                    statistics.updateStats(v[i]);
                }
            }
            return out;
        }

        @Override
        void write(ColumnWriter w, int from, int to) {
            boolean[] n = nulls;
            boolean[] v = values;
            for (int i = from; i < to; i++) {
                if (n[i]) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v[i], 0, 1);
                }
            }
        }
    }

    /**
     * Strings as UTF-8 in one growing byte array, with each value's start and length: a handful of large arrays the
     * collector need not trace or copy, instead of a String kept alive per value for the whole row group (which made
     * young collections copy 200,000 strings per row group of the benchmark table).
     */
    static final class StringColumn extends ColumnBuffer {
        /** Bytes per row a text array starts with; it doubles as text arrives, and is kept for later row groups. */
        private static final int INITIAL_BYTES_PER_ROW = 16;
        private byte[] bytes;
        private int used;
        private int[] starts;
        private int[] lengths;

        StringColumn(int capacity) {
            super(capacity);
            // Sized by the rows the buffer starts with, not fixed: a fixed 64 KB per column made a 4,000-column
            // table need 256 MB before its first row.
            bytes = new byte[(int) Math.min(1 << 16, Math.max(64, (long) capacity * INITIAL_BYTES_PER_ROW))];
            starts = new int[capacity];
            lengths = new int[capacity];
        }

        @Override
        long store(int r, Object value) {
            String s = (String) value;
            int n = s.length();
            ensure(n);
            byte[] b = bytes;
            int p = used;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    p = -1;
                    break;
                }
                b[p++] = (byte) c;
            }
            return stored(r, p < 0 ? appendUtf8(s) : p);
        }

        /**
         * Stores row {@code row} of a batch column held as ranges of text ({@link ColumnBatch#isTextRanges}) as
         * row {@code r}, as {@link #set} would store its String; returns the bytes kept.
         */
        long setText(int r, ColumnBatch b, int c, int row) {
            if (b.nulls(c)[row]) {
                nulls[r] = true;
                return 0;
            }
            nulls[r] = false;
            int from = b.textStarts(c)[row];
            int n = b.textEnds(c)[row] - from;
            ensure(n);
            System.arraycopy(b.utf8(), from, bytes, used, n);
            return stored(r, used + n);
        }

        /** Writes {@code s} as UTF-8 from {@link #used} over whatever was started there; returns where it ends. */
        private int appendUtf8(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, used, utf8.length);
            return used + utf8.length;
        }

        /** Records row {@code r}'s value as the bytes from {@link #used} to {@code end}; returns its length. */
        private long stored(int r, int end) {
            starts[r] = used;
            lengths[r] = end - used;
            used = end;
            return lengths[r];
        }

        private void ensure(int extra) {
            bytes = ByteArrays.withRoom(bytes, used, extra, "a row group's text");
        }

        /** The value of row {@code r} (not null), decoded again: for sampling only. */
        String value(int r) {
            return new String(bytes, starts[r], lengths[r], StandardCharsets.UTF_8);
        }

        /** The UTF-8 length of row {@code r}'s value. */
        int byteLength(int r) {
            return lengths[r];
        }

        @Override
        void growValues(int capacity) {
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
        }

        @Override
        int pageEnd(int from, int maxTo, int maxBytes) {
            boolean[] n = nulls;
            long total = 0;
            for (int i = from; i < maxTo; i++) {
                if (!n[i]) {
                    total += 4 + lengths[i];
                    if (total >= maxBytes) {
                        return i + 1;
                    }
                }
            }
            return maxTo;
        }

        /** Each value as its length (four bytes, little-endian) and its UTF-8 bytes. */
        @Override
        byte[] plain(int from, int to, int count, Statistics<?> statistics) {
            boolean[] n = nulls;
            long size = 0;
            for (int i = from; i < to; i++) {
                if (!n[i]) {
                    size += 4 + lengths[i];
                }
            }
            if (size > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("a Parquet page's text exceeds 2 GB");
            }
            byte[] out = new byte[(int) size];
            byte[] b = bytes;
            int p = 0;
            // Text statistics order values byte by byte, unsigned: the page's least and greatest are found here over
            // the byte array and handed to parquet-java once each, instead of a Binary per value.
            boolean ownMinMax = statistics.comparator() == PrimitiveComparator.UNSIGNED_LEXICOGRAPHICAL_BINARY_COMPARATOR;
            int min = -1;
            int max = -1;
            for (int i = from; i < to; i++) {
                if (!n[i]) {
                    int len = lengths[i];
                    int at = starts[i];
                    INT_LE.set(out, p, len);
                    System.arraycopy(b, at, out, p + 4, len);
                    p += 4 + len;
                    if (!ownMinMax) {
                        // Reused: the statistics copy a value they keep as minimum or maximum.
                        statistics.updateStats(Binary.fromReusedByteArray(b, at, len));
                    } else if (min < 0) {
                        min = i;
                        max = i;
                    } else if (Arrays.compareUnsigned(b, starts[min], starts[min] + lengths[min], b, at, at + len) > 0) {
                        min = i;
                    } else if (Arrays.compareUnsigned(b, starts[max], starts[max] + lengths[max], b, at, at + len) < 0) {
                        max = i;
                    }
                }
            }
            if (min >= 0) {
                statistics.updateStats(Binary.fromReusedByteArray(b, starts[min], lengths[min]));
                statistics.updateStats(Binary.fromReusedByteArray(b, starts[max], lengths[max]));
            }
            return out;
        }

        @Override
        void write(ColumnWriter w, int from, int to) {
            boolean[] n = nulls;
            for (int i = from; i < to; i++) {
                if (n[i]) {
                    w.writeNull(0, 0);
                } else {
                    // Reused: parquet-java copies what it keeps (dictionary, statistics), as the array is refilled.
                    w.write(Binary.fromReusedByteArray(bytes, starts[i], lengths[i]), 0, 1);
                }
            }
        }

        @Override
        void clear(int rows) {
            used = 0;
        }
    }

    static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
