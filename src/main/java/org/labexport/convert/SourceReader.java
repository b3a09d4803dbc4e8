package org.labexport.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.labexport.convert.engine.FormatRegistry;

/** Opens the tables of one source format; one implementation per {@link SourceFormat}, registered in {@link FormatRegistry}. */
public interface SourceReader {

    /**
     * Names of the tables in the source, in order: a single {@code null} for single-table formats (CSV, Parquet),
     * sheet names for a workbook, group or dataset paths for HDF5.
     *
     * @throws ConversionException when the file is not a readable table of this format, naming the file
     */
    List<String> tables(Path source, ReadSettings settings) throws IOException;

    /** Opens one table named by {@link #tables}; the reader's schema is complete before its first row. */
    TableReader open(Path source, String table, ReadSettings settings) throws IOException;
}
