package org.labexport.convert.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;

/** A Parquet file is one table. */
public final class ParquetSourceReader implements SourceReader {

    @Override
    public List<String> tables(Path source, ReadSettings settings) throws IOException {
        try (ParquetTableReader reader = ParquetTableReader.open(source, settings.cancel())) {
            return Collections.singletonList(null);
        }
    }

    @Override
    public TableReader open(Path source, String table, ReadSettings settings) throws IOException {
        return ParquetTableReader.open(source, settings.cancel());
    }
}
