package org.labexport.convert;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the rows of one table out of a file, in bounded memory.
 *
 * <p>{@link #schema()} is complete before the first row: readers of untyped formats (CSV, TSV, JSON) make a
 * first pass over the whole input to infer each column's type. Rows are filled into a caller-owned array whose
 * length is the schema's size; each value is {@code null} or an instance of its column type's value class.
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

    /** Bytes of the source consumed so far, over all passes, for byte-based progress. */
    long bytesConsumed();

    /** Total bytes this reader will consume over all of its passes, or -1 if unknown. */
    long bytesTotal();
}
