package org.labexport.convert.hdf5;

import java.io.IOException;
import java.nio.file.Path;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;

/**
 * Opens the HDF5 writer (docs/decisions/0023-hdf5-writer-memory.md): the streaming writer on the native HDF5
 * library where it loads (Linux x86-64), which holds one chunk of rows per column whatever the table's size; else
 * the pure-Java jHDF writer, which holds the whole table and refuses one that would not fit in the heap.
 */
public final class Hdf5TableWriter {
    private Hdf5TableWriter() {
    }

    public static TableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        if (schema.size() == 0) {
            throw new ConversionException(target.getFileName() + ": a table without columns cannot be written as HDF5.");
        }
        if (NativeHdf5TableWriter.available()) {
            return NativeHdf5TableWriter.open(target, schema, compress(options));
        }
        return JhdfTableWriter.open(target, schema, options);
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
