package org.labexport.convert;

/**
 * Rows of a text source as ranges of one character array, the source's own text for each value without a String
 * per value (decision 0140): what {@link TableReader#nextText} would give, a batch at a time, for writers that copy
 * text as it is ({@link TableWriter#takesTextBatches()}). Immutable once made; the array is shared, not copied.
 */
public final class TextBatch {
    private static final int[] NONE = new int[0];

    private final char[] text;
    private final int columns;
    private final int rows;
    /** Per value, row by row: where it starts in {@link #text}, or -1 for null. */
    private final int[] starts;
    /** Per value, row by row: where it ends (exclusive). */
    private final int[] ends;

    /**
     * @param starts per value, row by row ({@code row * columns + column}): its start in {@code text}, -1 for null;
     *               at least {@code rows * columns} long
     * @param ends   per value: its end (exclusive)
     */
    public TextBatch(char[] text, int columns, int rows, int[] starts, int[] ends) {
        if (starts.length < (long) rows * columns || ends.length < (long) rows * columns) {
            throw new IllegalArgumentException("fewer value ranges than " + rows + " rows of " + columns);
        }
        this.text = text;
        this.columns = columns;
        this.rows = rows;
        this.starts = starts;
        this.ends = ends;
    }

    /** A batch without rows: the end of a table. */
    public static TextBatch empty(int columns) {
        return new TextBatch(new char[0], columns, 0, NONE, NONE);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** The characters every value is a range of; not to be changed. */
    public char[] text() {
        return text;
    }

    public boolean isNull(int row, int column) {
        return starts[row * columns + column] < 0;
    }

    public int start(int row, int column) {
        return starts[row * columns + column];
    }

    public int end(int row, int column) {
        return ends[row * columns + column];
    }

    /** The value as a String, or null. */
    public String value(int row, int column) {
        int i = row * columns + column;
        return starts[i] < 0 ? null : new String(text, starts[i], ends[i] - starts[i]);
    }
}
