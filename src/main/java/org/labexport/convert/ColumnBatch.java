package org.labexport.convert;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A batch of typed rows held column by column: doubles, longs and booleans in primitive arrays, strings, dates and
 * timestamps as objects, each column with its null flags. A reader that checks values in batches fills one on its
 * own threads and a columnar writer copies whole columns from it, so no value is boxed and no row array is made
 * (decision 0027). A batch made for a text source ({@link #overText}) holds its STRING columns as ranges of one
 * array of UTF-8 bytes of its own instead of Strings (decisions 0141, 0147).
 */
public final class ColumnBatch {
    private final ColumnType[] types;
    /** Per column: double[], long[] (LONG), boolean[] or Object[] (STRING, DATE as LocalDate, TIMESTAMP as Instant). */
    private final Object[] values;
    private final boolean[][] nulls;
    private final int capacity;
    private int rows;
    /** The UTF-8 bytes STRING columns are ranges of, shared with projections; null when they hold Strings. */
    private final Utf8Text text;
    /** Per STRING column of a batch over text: each row's start and end in {@link #text}; null for other columns. */
    private final int[][] textStarts;
    private final int[][] textEnds;

    /** An empty batch of room for {@code capacity} rows of columns of these types; every value starts null. */
    public ColumnBatch(ColumnType[] types, int capacity) {
        this(types, capacity, null);
    }

    /**
     * An empty batch as {@link #ColumnBatch(ColumnType[], int)}, whose STRING columns are ranges of UTF-8 bytes it
     * holds itself ({@link #setText}). A reader encodes each value there from the characters it split, on its
     * checking thread, which has just read that row: the writer then copies bytes that lie together, where reading
     * them from the far larger split text cost it a cache miss a row (decision 0147).
     *
     * @param ascii the reader knows every character it will give is ASCII, so each is taken as its one UTF-8 byte
     *              without looking; false when it does not know
     */
    public static ColumnBatch overText(ColumnType[] types, int capacity, boolean ascii) {
        int strings = 0;
        for (ColumnType t : types) {
            strings += t == ColumnType.STRING ? 1 : 0;
        }
        // A first guess of 16 bytes a value; the buffer doubles if the text is longer.
        return new ColumnBatch(types, capacity, new Utf8Text(ascii, strings * Math.max(4, capacity) * 16));
    }

    private ColumnBatch(ColumnType[] types, int capacity, Utf8Text text) {
        this.types = types.clone();
        this.capacity = capacity;
        this.text = text;
        this.values = new Object[types.length];
        this.nulls = new boolean[types.length][];
        this.textStarts = new int[types.length][];
        this.textEnds = new int[types.length][];
        for (int c = 0; c < types.length; c++) {
            boolean ranges = text != null && types[c] == ColumnType.STRING;
            values[c] = switch (types[c]) {
                case DOUBLE -> new double[capacity];
                case LONG -> new long[capacity];
                case BOOLEAN -> new boolean[capacity];
                case STRING, DATE, TIMESTAMP -> ranges ? null : new Object[capacity];
            };
            if (ranges) {
                textStarts[c] = new int[capacity];
                textEnds[c] = new int[capacity];
            }
            boolean[] n = new boolean[capacity];
            Arrays.fill(n, true);
            nulls[c] = n;
        }
    }

    private ColumnBatch(ColumnType[] types, Object[] values, boolean[][] nulls, int capacity, int rows, Utf8Text text,
                        int[][] textStarts, int[][] textEnds) {
        this.types = types;
        this.capacity = capacity;
        this.values = values;
        this.nulls = nulls;
        this.rows = rows;
        this.text = text;
        this.textStarts = textStarts;
        this.textEnds = textEnds;
    }

    public int rows() {
        return rows;
    }

    /** Sets how many rows, from the first, the batch holds. */
    public void setRows(int rows) {
        if (rows < 0 || rows > capacity) {
            throw new IllegalArgumentException("rows " + rows + " outside 0.." + capacity);
        }
        this.rows = rows;
    }

    public int columns() {
        return types.length;
    }

    public ColumnType type(int column) {
        return types[column];
    }

    public boolean[] nulls(int column) {
        return nulls[column];
    }

    public double[] doubles(int column) {
        return (double[]) values[column];
    }

    public long[] longs(int column) {
        return (long[]) values[column];
    }

    public boolean[] booleans(int column) {
        return (boolean[]) values[column];
    }

    /** The objects of a STRING, DATE or TIMESTAMP column; null for a STRING column held as ranges of text. */
    public Object[] objects(int column) {
        return (Object[]) values[column];
    }

    /** Whether this STRING column is held as ranges of {@link #utf8()} rather than as Strings. */
    public boolean isTextRanges(int column) {
        return textStarts[column] != null;
    }

    /** The UTF-8 bytes the text-range columns point into (not to be changed); null for a batch of Strings. */
    public byte[] utf8() {
        return text == null ? null : text.bytes;
    }

    /** Where each row's value starts in {@link #utf8()}, for a column held as ranges. */
    public int[] textStarts(int column) {
        return textStarts[column];
    }

    /** Where each row's value ends (exclusive) in {@link #utf8()}, for a column held as ranges. */
    public int[] textEnds(int column) {
        return textEnds[column];
    }

    /** Sets a value of a column held as ranges: the characters {@code a[start, end)}, kept as their UTF-8. */
    public void setText(int column, int row, char[] a, int start, int end) {
        textStarts[column][row] = text.used;
        textEnds[column][row] = text.append(a, start, end);
        nulls[column][row] = false;
    }

    public void setBoolean(int column, int row, boolean v) {
        ((boolean[]) values[column])[row] = v;
        nulls[column][row] = false;
    }

    public void setDouble(int column, int row, double v) {
        ((double[]) values[column])[row] = v;
        nulls[column][row] = false;
    }

    /** Sets a value given as the object {@link ValueText#parse} gives for the column's type; null for null. */
    public void set(int column, int row, Object v) {
        if (v == null) {
            nulls[column][row] = true;
            return;
        }
        switch (types[column]) {
            case DOUBLE -> ((double[]) values[column])[row] = (Double) v;
            case LONG -> ((long[]) values[column])[row] = (Long) v;
            case BOOLEAN -> ((boolean[]) values[column])[row] = (Boolean) v;
            case STRING, DATE, TIMESTAMP -> {
                if (textStarts[column] != null) {
                    throw new IllegalStateException("column " + column + " holds ranges of text: use setText");
                }
                ((Object[]) values[column])[row] = v;
            }
        }
        nulls[column][row] = false;
    }

    /** The value of one cell as {@link TableReader#next} would give it, null for null. */
    public Object get(int column, int row) {
        if (nulls[column][row]) {
            return null;
        }
        return switch (types[column]) {
            case DOUBLE -> ((double[]) values[column])[row];
            case LONG -> ((long[]) values[column])[row];
            case BOOLEAN -> ((boolean[]) values[column])[row];
            case STRING, DATE, TIMESTAMP -> textStarts[column] != null
                    ? new String(text.bytes, textStarts[column][row], textEnds[column][row] - textStarts[column][row],
                            StandardCharsets.UTF_8)
                    : ((Object[]) values[column])[row];
        };
    }

    /** Copies row {@code row} into {@code target}, one value per column. */
    public void rowInto(int row, Object[] target) {
        for (int c = 0; c < types.length; c++) {
            target[c] = get(c, row);
        }
    }

    /** The same rows with only the columns at {@code projection}, in that order (the arrays are shared). */
    public ColumnBatch project(int[] projection) {
        ColumnType[] t = new ColumnType[projection.length];
        Object[] v = new Object[projection.length];
        boolean[][] n = new boolean[projection.length][];
        int[][] ts = new int[projection.length][];
        int[][] te = new int[projection.length][];
        for (int k = 0; k < projection.length; k++) {
            t[k] = types[projection[k]];
            v[k] = values[projection[k]];
            n[k] = nulls[projection[k]];
            ts[k] = textStarts[projection[k]];
            te[k] = textEnds[projection[k]];
        }
        return new ColumnBatch(t, v, n, capacity, rows, text, ts, te);
    }

    /** A batch's text values as UTF-8 bytes, one after another; grows as values are added. */
    private static final class Utf8Text {
        private final boolean ascii;
        private byte[] bytes;
        private int used;

        Utf8Text(boolean ascii, int initialBytes) {
            this.ascii = ascii;
            this.bytes = new byte[initialBytes];
        }

        /** Appends the UTF-8 of {@code a[start, end)}; returns where it ends. */
        int append(char[] a, int start, int end) {
            int n = end - start;
            ensure(n);
            byte[] out = bytes;
            int p = used;
            if (ascii) {
                for (int i = start; i < end; i++) {
                    out[p++] = (byte) a[i];
                }
                used = p;
                return p;
            }
            for (int i = start; i < end; i++) {
                char ch = a[i];
                if (ch >= 0x80) {
                    // Not all ASCII: the JDK's encoder, as for a String (an unpaired surrogate becomes '?' alike).
                    byte[] utf8 = new String(a, start, n).getBytes(StandardCharsets.UTF_8);
                    ensure(utf8.length);
                    System.arraycopy(utf8, 0, bytes, used, utf8.length);
                    used += utf8.length;
                    return used;
                }
                out[p++] = (byte) ch;
            }
            used = p;
            return p;
        }

        private void ensure(int extra) {
            bytes = ByteArrays.withRoom(bytes, used, extra, "a batch's text");
        }
    }
}
