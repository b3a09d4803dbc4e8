package org.labexport.convert;

import java.util.Arrays;

/**
 * A batch of typed rows held column by column: doubles, longs and booleans in primitive arrays, strings, dates and
 * timestamps as objects, each column with its null flags. A reader that checks values in batches fills one on its
 * own threads and a columnar writer copies whole columns from it, so no value is boxed and no row array is made
 * (decision 0027).
 */
public final class ColumnBatch {
    private final ColumnType[] types;
    /** Per column: double[], long[] (LONG), boolean[] or Object[] (STRING, DATE as LocalDate, TIMESTAMP as Instant). */
    private final Object[] values;
    private final boolean[][] nulls;
    private final int capacity;
    private int rows;

    /** An empty batch of room for {@code capacity} rows of columns of these types; every value starts null. */
    public ColumnBatch(ColumnType[] types, int capacity) {
        this.types = types.clone();
        this.capacity = capacity;
        this.values = new Object[types.length];
        this.nulls = new boolean[types.length][];
        for (int c = 0; c < types.length; c++) {
            values[c] = switch (types[c]) {
                case DOUBLE -> new double[capacity];
                case LONG -> new long[capacity];
                case BOOLEAN -> new boolean[capacity];
                case STRING, DATE, TIMESTAMP -> new Object[capacity];
            };
            boolean[] n = new boolean[capacity];
            Arrays.fill(n, true);
            nulls[c] = n;
        }
    }

    private ColumnBatch(ColumnType[] types, Object[] values, boolean[][] nulls, int capacity, int rows) {
        this.types = types;
        this.capacity = capacity;
        this.values = values;
        this.nulls = nulls;
        this.rows = rows;
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

    public Object[] objects(int column) {
        return (Object[]) values[column];
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
            case STRING, DATE, TIMESTAMP -> ((Object[]) values[column])[row] = v;
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
            case STRING, DATE, TIMESTAMP -> ((Object[]) values[column])[row];
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
        for (int k = 0; k < projection.length; k++) {
            t[k] = types[projection[k]];
            v[k] = values[projection[k]];
            n[k] = nulls[projection[k]];
        }
        return new ColumnBatch(t, v, n, capacity, rows);
    }
}
