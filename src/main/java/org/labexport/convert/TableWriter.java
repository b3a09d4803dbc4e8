package org.labexport.convert;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes the rows of one table in a target format, streaming, to a file it was opened on.
 *
 * <p>Call {@link #write} for every row, then {@link #finish()}; {@link #close()} without {@code finish()}
 * abandons the output (the caller deletes the partial file).
 */
public interface TableWriter extends Closeable {

    /** Writes one row; the array may be reused by the caller after the call returns. */
    void write(Object[] row) throws IOException;

    /**
     * Whether rows may hold the source's own text for non-null values (see {@link TableReader#nextText}) as well
     * as typed values. False by default: typed values only.
     */
    default boolean takesSourceText() {
        return false;
    }

    /**
     * Whether the output depends on the column types it was opened with, beyond the values' text: true for every
     * typed format and for JSON (number or string); false for CSV/TSV, whose output is the same text whatever
     * the types, so a provisional schema revised after the last row needs no rewrite.
     */
    default boolean dependsOnColumnTypes() {
        return true;
    }

    /**
     * Whether {@link #writeColumns} takes a batch more cheaply than its rows one by one (a columnar format). False
     * by default.
     */
    default boolean takesColumns() {
        return false;
    }

    /** Writes every row of {@code batch}, in order, as {@link #write} would; the batch may be reused afterwards. */
    default void writeColumns(ColumnBatch batch) throws IOException {
        Object[] row = new Object[batch.columns()];
        for (int r = 0; r < batch.rows(); r++) {
            batch.rowInto(r, row);
            write(row);
        }
    }

    /**
     * Whether {@link #writeText} takes a batch of source text more cheaply than its rows one by one (a writer that
     * copies the text as it is). False by default.
     */
    default boolean takesTextBatches() {
        return false;
    }

    /** Writes every row of {@code batch}, in order, as {@link #write} would write them as Strings of their text. */
    default void writeText(TextBatch batch) throws IOException {
        Object[] row = new Object[batch.columns()];
        for (int r = 0; r < batch.rows(); r++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = batch.value(r, c);
            }
            write(row);
        }
    }

    /** Flushes and completes the file; returns what was written beyond rows and columns (for example sheet splits). */
    WriteSummary finish() throws IOException;
}
