package org.labexport.convert.csv;

import java.io.Closeable;
import java.io.IOException;

/**
 * Splits a delimited text source into records, each appended to the batch being filled, which the caller takes
 * when it is full. Malformed text fails with FastCSV's {@code CsvParseException} messages (or
 * {@link RecordBatch.TooManyFields}), undecodable text with a {@link java.nio.charset.CharacterCodingException}.
 */
interface RecordSplitter extends Closeable {
    /** Appends the next record to {@link #current()}; false at the end of the input, with nothing appended. */
    boolean next() throws IOException;

    /** The batch being filled (the last record split is its last). */
    RecordBatch current();

    /** The records split since the last call, as a batch of their own. */
    RecordBatch take();
}
