package org.labexport.convert;

import java.io.IOException;
import java.nio.file.Path;

/** Opens a {@link TableWriter} of one target format; one implementation per converting {@link ExportFormat}. */
@FunctionalInterface
public interface TableWriterFactory {

    /**
     * @param target     the file to create (the converter passes a temporary name and moves it when whole)
     * @param schema     the columns to write, already projected by the {@code columns} option
     * @param options    validated options of the writer's format
     * @param provenance stored inside the file where the format has a place for it; formats without one (CSV,
     *                   TSV, JSON) ignore it
     * @throws ConversionException when the table cannot be written in this format (too wide for Excel, ...)
     */
    TableWriter open(Path target, TableSchema schema, ExportOptions options, OutputProvenance provenance)
            throws IOException;

    /** As {@link #open(Path, TableSchema, ExportOptions, OutputProvenance)} without provenance. */
    default TableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        return open(target, schema, options, OutputProvenance.NONE);
    }
}
