package org.labexport.convert.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;

/**
 * Opens the HDF5 writer (docs/decisions/0023-hdf5-writer-memory.md): the streaming writer on the native HDF5
 * library where it loads (Linux x86-64), which holds one chunk of rows per column whatever the table's size; else
 * the pure-Java jHDF writer, which holds the whole table and refuses one that would not fit in the heap.
 */
public final class Hdf5TableWriter {
    /**
     * The most columns a table may have: the layout lists them in group attributes of one variable-length string
     * per column (16 bytes each in the file), and HDF5's default object headers hold attributes of at most 64 KB;
     * 4,090 columns were written, 4,100 were not.
     */
    public static final int MAX_COLUMNS = 4_000;

    private Hdf5TableWriter() {
    }

    public static TableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        return open(target, schema, options, OutputProvenance.NONE);
    }

    /** As {@link #open(Path, TableSchema, ExportOptions)}, with the provenance as string attributes of the table group. */
    public static TableWriter open(Path target, TableSchema schema, ExportOptions options, OutputProvenance provenance)
            throws IOException {
        if (schema.size() == 0) {
            throw new ConversionException(target.getFileName() + ": a table without columns cannot be written as HDF5.");
        }
        if (schema.size() > MAX_COLUMNS) {
            throw new ConversionException(target.getFileName() + ": the table has " + String.format(java.util.Locale.ROOT, "%,d",
                    schema.size()) + " columns, more than the " + String.format(java.util.Locale.ROOT, "%,d", MAX_COLUMNS)
                    + " an HDF5 export can list (HDF5 limits the attributes that hold the column names and types to"
                    + " 64 KB). Choose fewer columns with the columns option, or export to Parquet or CSV.");
        }
        if (NativeHdf5TableWriter.available()) {
            return NativeHdf5TableWriter.open(target, schema, compress(options), provenance);
        }
        return JhdfTableWriter.open(target, schema, options, provenance);
    }

    /** Whether the {@code compression} option asks for gzip. */
    static boolean compress(ExportOptions options) {
        return "gzip".equals(options.string("compression"));
    }

    /** Whether exports stream through the native library on this machine. */
    public static boolean streams() {
        return NativeHdf5TableWriter.available();
    }
}
