package org.labexport.convert;

import java.nio.file.Path;
import java.util.List;

/**
 * What one source file became.
 *
 * @param sourceFormat the detected format of the source
 * @param outputs      the files written, one per table
 */
public record ConversionResult(SourceFormat sourceFormat, List<ConvertedTable> outputs) {
    public ConversionResult {
        outputs = List.copyOf(outputs);
    }

    /**
     * One written table.
     *
     * @param path      the finished output file
     * @param tableName the table's name in the source (sheet name, HDF5 group), or null for single-table sources
     * @param schema    the columns written, with their types
     * @param rows      data rows written
     * @param summary   the writer's report (sheet splits and other notes)
     */
    public record ConvertedTable(Path path, String tableName, TableSchema schema, long rows, WriteSummary summary) {
    }
}
