package org.labexport.convert.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * Splits decoded characters with FastCSV's strict parser, for sources that are not UTF-8 (a UTF-16 byte-order
 * mark); {@link Utf8RecordSplitter} splits UTF-8 bytes the same way in one pass.
 */
final class FastCsvRecordSplitter implements RecordSplitter {
    private final RecordBatch.Collector collector;
    private final CsvReader<RecordBatch> reader;
    private final Iterator<RecordBatch> records;

    FastCsvRecordSplitter(Reader text, char delimiter, int maxFields, int maxRecordChars, int batchRecords) {
        this.collector = new RecordBatch.Collector(maxFields, maxRecordChars, batchRecords);
        this.reader = CsvReader.builder()
                .fieldSeparator(delimiter)
                .quoteCharacter('"')
                // A quote still open at the end would make the rest of the file one value: refused instead.
                .allowUnclosedQuote(false)
                .skipEmptyLines(false)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .maxBufferSize(maxRecordChars)
                .build(collector, text);
        this.records = reader.iterator();
    }

    @Override
    public boolean next() throws IOException {
        try {
            if (!records.hasNext()) {
                return false;
            }
            records.next();
            return true;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public RecordBatch current() {
        return collector.current();
    }

    @Override
    public RecordBatch take() {
        return collector.take();
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
