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

    /** Flushes and completes the file; returns what was written beyond rows and columns (for example sheet splits). */
    WriteSummary finish() throws IOException;
}
