package org.labexport.convert.hdf5;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import org.labexport.convert.ColumnType;

/**
 * One column held in memory as a primitive array, because the HDF5 library writes whole arrays. Nulls become the
 * fill value (NaN, 0, false, "") and are recorded in a mask created on the first null.
 */
abstract class ColumnBuffer {
    private static final int INITIAL = 1024;

    protected int size;
    private byte[] mask;

    static ColumnBuffer of(ColumnType type) {
        return switch (type) {
            case LONG -> new Longs(v -> (Long) v);
            case DATE -> new Longs(v -> ((LocalDate) v).toEpochDay());
            case TIMESTAMP -> new Longs(v -> toMicros((Instant) v));
            case DOUBLE -> new Doubles();
            case BOOLEAN -> new Booleans();
            case STRING -> new Strings();
        };
    }

    static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    final void add(Object value) {
        ensureCapacity(size + 1);
        if (value == null) {
            if (mask == null) {
                mask = new byte[capacity()];
            }
            mask[size] = 1;
            putFill(size);
        } else {
            put(size, value);
        }
        size++;
    }

    private void ensureCapacity(int needed) {
        if (needed > capacity()) {
            int next = (int) Math.min(Integer.MAX_VALUE - 16L, Math.max(INITIAL, capacity() + (capacity() >> 1)));
            if (next < needed) {
                throw new IllegalStateException("column longer than a Java array can hold");
            }
            grow(next);
            if (mask != null) {
                mask = Arrays.copyOf(mask, next);
            }
        }
    }

    final int size() {
        return size;
    }

    final boolean hasNulls() {
        return mask != null;
    }

    final byte[] mask() {
        return Arrays.copyOf(mask, size);
    }

    /** Heap bytes now held by this column, and what it will need again while it is encoded into the file. */
    final long heapBytes() {
        return valueBytes() + (mask == null ? 0 : mask.length);
    }

    abstract long encodedBytes();

    abstract long valueBytes();

    abstract int capacity();

    abstract void grow(int capacity);

    abstract void put(int index, Object value);

    abstract void putFill(int index);

    /** The values trimmed to size, ready for the HDF5 writer. */
    abstract Object array();

    /** Converts a non-null value to its stored long. */
    interface ToLong {
        long apply(Object value);
    }

    static final class Longs extends ColumnBuffer {
        private final ToLong conv;
        private long[] values = new long[0];

        Longs(ToLong conv) {
            this.conv = conv;
        }

        @Override long valueBytes() { return 8L * values.length; }
        @Override long encodedBytes() { return 8L * size; }
        @Override int capacity() { return values.length; }
        @Override void grow(int c) { values = Arrays.copyOf(values, c); }
        @Override void put(int i, Object v) { values[i] = conv.apply(v); }
        @Override void putFill(int i) { values[i] = 0L; }
        @Override Object array() { return Arrays.copyOf(values, size); }
    }

    static final class Doubles extends ColumnBuffer {
        private double[] values = new double[0];

        @Override long valueBytes() { return 8L * values.length; }
        @Override long encodedBytes() { return 8L * size; }
        @Override int capacity() { return values.length; }
        @Override void grow(int c) { values = Arrays.copyOf(values, c); }
        @Override void put(int i, Object v) { values[i] = (Double) v; }
        @Override void putFill(int i) { values[i] = Double.NaN; }
        @Override Object array() { return Arrays.copyOf(values, size); }
    }

    static final class Booleans extends ColumnBuffer {
        private boolean[] values = new boolean[0];

        @Override long valueBytes() { return values.length; }
        @Override long encodedBytes() { return size; }
        @Override int capacity() { return values.length; }
        @Override void grow(int c) { values = Arrays.copyOf(values, c); }
        @Override void put(int i, Object v) { values[i] = (Boolean) v; }
        @Override void putFill(int i) { values[i] = false; }
        @Override Object array() { return Arrays.copyOf(values, size); }
    }

    static final class Strings extends ColumnBuffer {
        /** Java object and array headers of one String, on a 64-bit JVM with compressed pointers. */
        private static final long STRING_OVERHEAD = 56;
        private String[] values = new String[0];
        private long chars;
        private int maxUtf8;

        @Override long valueBytes() { return 4L * values.length + size * STRING_OVERHEAD + 2 * chars; }
        /** Fixed-length strings: every value padded to the longest. */
        @Override long encodedBytes() { return (long) size * Math.max(1, maxUtf8); }
        @Override int capacity() { return values.length; }
        @Override void grow(int c) { values = Arrays.copyOf(values, c); }

        @Override
        void put(int i, Object v) {
            String s = (String) v;
            values[i] = s;
            chars += s.length();
            int utf8 = s.length() <= 64 && s.chars().allMatch(ch -> ch < 0x80) ? s.length()
                    : s.getBytes(StandardCharsets.UTF_8).length;
            maxUtf8 = Math.max(maxUtf8, utf8);
        }

        @Override void putFill(int i) { values[i] = ""; }
        @Override Object array() { return Arrays.copyOf(values, size); }
    }
}
