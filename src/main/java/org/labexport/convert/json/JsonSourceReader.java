package org.labexport.convert.json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;

/** Reads a JSON array of records or newline-delimited JSON (optionally {@code .gz}) as one table; see {@link JsonTableReader}. */
public final class JsonSourceReader implements SourceReader {
    @Override
    public List<String> tables(Path source, ReadSettings settings) {
        return Collections.singletonList(null);
    }

    @Override
    public TableReader open(Path source, String table, ReadSettings settings) throws IOException {
        return new JsonTableReader(source, settings);
    }
}
