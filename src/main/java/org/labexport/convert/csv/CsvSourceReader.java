package org.labexport.convert.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;

/**
 * Reads CSV or TSV files (optionally {@code .gz}) with a header row as one table; see {@link CsvTableReader}.
 *
 * @param delimiter     the field separator: ',' for CSV, '\t' for TSV
 * @param maxFieldChars the longest field or record accepted, in characters; longer input fails cleanly
 */
public record CsvSourceReader(char delimiter, int maxFieldChars) implements SourceReader {
    /** 16 Mi characters: far beyond any real table cell, small enough to fail a 2 GB line within the heap. */
    public static final int DEFAULT_MAX_FIELD_CHARS = 16 * 1024 * 1024;

    public static CsvSourceReader csv() {
        return new CsvSourceReader(',', DEFAULT_MAX_FIELD_CHARS);
    }

    public static CsvSourceReader tsv() {
        return new CsvSourceReader('\t', DEFAULT_MAX_FIELD_CHARS);
    }

    @Override
    public List<String> tables(Path source, ReadSettings settings) {
        return Collections.singletonList(null);
    }

    @Override
    public TableReader open(Path source, String table, ReadSettings settings) throws IOException {
        return new CsvTableReader(source, delimiter, maxFieldChars, settings);
    }
}
