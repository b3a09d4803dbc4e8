package org.labexport.convert;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labexport.base.CancelSignal;
import org.labexport.convert.engine.FormatRegistry;

/** Reads whole tables in tests. */
public final class TestTables {
    private TestTables() {
    }

    /** A table read into memory: its schema and rows. */
    public record Table(TableSchema schema, List<Object[]> rows) {
        public List<Object> column(String name) {
            int i = schema.indexOf(name);
            if (i < 0) {
                throw new IllegalArgumentException("no column " + name + " in " + schema.names());
            }
            List<Object> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(r[i]);
            }
            return out;
        }
    }

    public static Table read(SourceReader reader, Path file) throws IOException {
        ReadSettings settings = ReadSettings.defaults(CancelSignal.NEVER);
        String table = reader.tables(file, settings).get(0);
        try (TableReader r = reader.open(file, table, settings)) {
            TableSchema schema = r.schema();
            List<Object[]> rows = new ArrayList<>();
            Object[] row = new Object[schema.size()];
            while (r.next(row)) {
                rows.add(row.clone());
            }
            return new Table(schema, rows);
        }
    }

    /** Reads any file LabExport can read, by its detected format. */
    public static Table read(Path file) throws IOException {
        SourceFormat f = SourceFormat.detect(file);
        return read(FormatRegistry.reader(f).orElseThrow(() -> new IllegalStateException("no reader for " + f)), file);
    }
}
