package org.labexport.app;

import java.util.List;

/**
 * The first rows of a data file as an export will write them: the columns it will export with the type the export's
 * inference gives each, the values as text (null for a missing value) and what the target format cannot keep.
 *
 * @param fileName the file's name
 * @param table    the sheet or HDF5 table shown, or null for single-table files
 * @param columns  the columns in export order
 * @param rows     up to the asked number of rows, each a value per column
 * @param note     one sentence on where the types come from and what else the file holds
 */
public record TablePreview(String fileName, String table, List<Column> columns, List<List<String>> rows,
                           String note) {

    public TablePreview {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * One column of the preview.
     *
     * @param name    the column's name
     * @param type    its inferred type's wire name: long, double, boolean, date, timestamp or string
     * @param warning what the target format does not keep of this column's shown values, or null
     */
    public record Column(String name, String type, String warning) {
    }

    /** The warnings of every column, for a summary line. */
    public List<String> warnings() {
        return columns.stream().map(Column::warning).filter(w -> w != null).toList();
    }
}
