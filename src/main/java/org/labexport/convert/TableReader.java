package org.labexport.convert;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the rows of one table out of a file, in bounded memory.
 *
 * <p>{@link #schema()} is known before the first row. Readers of untyped formats either make a first pass over
 * the whole input to infer each column's type, or (CSV/TSV, when {@link ReadSettings#speculate()} allows) infer a
 * provisional schema from a prefix and check every later value against it while they read: a value that does not
 * fit its provisional type ends the typed read with {@link SchemaRevisedException}, and {@link #finalSchema()}
 * after the last row says what every value fitted. Rows are filled into a caller-owned array whose length is the
 * schema's size; each value is {@code null} or an instance of its column type's value class.
 */
public interface TableReader extends Closeable {

    /** The table's columns; reading it may scan the input once. */
    TableSchema schema() throws IOException;

    /**
     * Fills {@code row} with the next row's values.
     *
     * @return false when there are no more rows (and {@code row} is untouched)
     * @throws ConversionException when the input is not a well-formed table, naming the file and place
     */
    boolean next(Object[] row) throws IOException;

    /**
     * Like {@link #next}, but a reader that has the source's own text (CSV, TSV) may fill each non-null value with
     * that text instead of the typed value; writers that say {@link TableWriter#takesSourceText()} are given such
     * rows. With {@code fitSchema} every text given fits its column's type in {@link #schema()} (a provisional
     * schema ends the read with {@link SchemaRevisedException} as {@link #next} does); without it the text only
     * fits the types of {@link #finalSchema()}, for writers whose output does not depend on types. Either way the
     * text reads back as the same value. Readers without source text give typed values.
     */
    default boolean nextText(Object[] row, boolean fitSchema) throws IOException {
        return next(row);
    }

    /**
     * Whether every non-null value {@link #nextText} and {@link #nextRows} as text give is a String (the source's
     * own text), so that a {@link RowPreparer}, which only turns typed values into text, has nothing to do there.
     * The default, false, promises nothing.
     */
    default boolean givesTextAsStrings() {
        return false;
    }

    /**
     * Tells the reader, after {@link #schema()} and before the first row, that only these columns (indexes into the
     * schema) will be used: it may give null for the others, and need not check that their values fit their types.
     * The default reads every column.
     */
    default void useOnly(int[] columns) throws IOException {
    }

    /**
     * The next rows as new arrays the caller keeps, as {@link #next} ({@code asText} false) or {@link #nextText}
     * would give them one by one; an empty array at the end. A reader that builds rows in batches of its own hands
     * them over without copying; the default, null, says it does not, and the caller reads row by row.
     */
    default Object[][] nextRows(boolean asText, boolean fitSchema) throws IOException {
        return null;
    }

    /**
     * The next typed rows as a batch of columns the caller keeps, as {@link #next} would give them one by one; an
     * empty batch at the end. The default, null, says this reader has no columns of its own, and the caller reads
     * rows. A reader that does not make columns by itself should not offer them: a writer takes rows as cheaply.
     */
    default ColumnBatch nextColumns() throws IOException {
        return null;
    }

    /**
     * The next rows as {@link #nextText} would give them, as one batch of text ranges the caller keeps; an empty
     * batch at the end. The default, null, says this reader has no such batches, and the caller reads rows.
     */
    default TextBatch nextTextBatch(boolean fitSchema) throws IOException {
        return null;
    }

    /**
     * The schema that every value of the table fits, known after {@link #next}/{@link #nextText} returned false;
     * the same as {@link #schema()} unless that was provisional.
     */
    default TableSchema finalSchema() throws IOException {
        return schema();
    }

    /** Bytes of the source consumed so far, over all passes, for byte-based progress. */
    long bytesConsumed();

    /** Total bytes this reader will consume over all of its passes, or -1 if unknown. */
    long bytesTotal();
}
