package org.labexport.convert.hdf5;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The names of LabExport's HDF5 layout (docs/decisions/0022-hdf5-layout-and-nulls.md): one group per table, one
 * 1-D dataset per column, names and types as attributes, nulls as a fill value plus an optional mask dataset.
 */
final class Hdf5Layout {
    /** The group holding the table a LabExport writer produces. */
    static final String TABLE_GROUP = "data";
    /** Group attribute: column names in order (String[]). */
    static final String ATTR_COLUMNS = "labexport_columns";
    /** Group attribute: column types in order, as wire names (String[]). */
    static final String ATTR_TYPES = "labexport_types";
    /** Group attribute: the dataset holding each column, in order (String[]). */
    static final String ATTR_DATASETS = "labexport_datasets";
    /** Group attribute: number of rows (long). */
    static final String ATTR_ROWS = "labexport_rows";
    /** Group attribute: layout version (long). */
    static final String ATTR_VERSION = "labexport_layout_version";
    /** Dataset attribute: the column's name. */
    static final String ATTR_COLUMN_NAME = "column_name";
    /** Dataset attribute: the column's type as a wire name. */
    static final String ATTR_COLUMN_TYPE = "column_type";
    /** Dataset attribute: how the stored numbers encode the values (dates and timestamps). */
    static final String ATTR_ENCODING = "encoding";
    /** Dataset attribute: the mask dataset's name when the column has nulls. */
    static final String ATTR_NULL_MASK = "null_mask";
    /** Suffix of a column's null mask dataset: int8, 1 where the value is missing. */
    static final String MASK_SUFFIX = ".__null_mask";

    static final String DATE_ENCODING = "int64 days since 1970-01-01";
    static final String TIMESTAMP_ENCODING = "int64 microseconds since 1970-01-01T00:00:00Z (UTC)";

    private Hdf5Layout() {
    }

    /** A unique, valid HDF5 link name for each column: the column name itself where it can be one. */
    static String[] datasetNames(List<String> columns) {
        String[] out = new String[columns.size()];
        Set<String> used = new HashSet<>();
        for (int i = 0; i < out.length; i++) {
            String name = columns.get(i);
            boolean usable = !name.isEmpty() && !name.contains("/") && !name.equals(".") && !name.equals("..")
                    && !name.endsWith(MASK_SUFFIX) && name.chars().noneMatch(ch -> ch == 0);
            String candidate = usable ? name : "column_" + i;
            while (!used.add(candidate)) {
                candidate = candidate + "_" + i;
            }
            out[i] = candidate;
        }
        return out;
    }
}
