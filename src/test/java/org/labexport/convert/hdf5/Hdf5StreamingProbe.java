package org.labexport.convert.hdf5;

import java.nio.file.Path;
import java.util.List;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;

/** Run in a small-heap subprocess by Hdf5StreamingMemoryTest: writes a table far larger than its heap. */
public final class Hdf5StreamingProbe {
    static final TableSchema SCHEMA = new TableSchema(List.of(new Column("n", ColumnType.LONG),
            new Column("x", ColumnType.DOUBLE), new Column("id", ColumnType.STRING)));

    private Hdf5StreamingProbe() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[1]);
        try (TableWriter w = Hdf5TableWriter.open(Path.of(args[0]), SCHEMA, ExportOptions.defaults(ExportFormat.HDF5))) {
            Object[] row = new Object[3];
            for (long i = 0; i < rows; i++) {
                row[0] = i;
                row[1] = i % 1000 == 0 ? null : i / 7.0;
                row[2] = "sample-identifier-" + i;
                w.write(row);
            }
            w.finish();
        }
        System.out.println("written " + rows);
    }
}
