package org.labexport.convert.parquet;

import java.io.IOException;
import java.util.List;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.SizeStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.statistics.geospatial.GeospatialStatistics;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Writes one buffered column of a row group as PLAIN-encoded version-1 data pages straight to its page writer, in
 * loops over the column's primitive arrays, instead of value by value through parquet-java's column writer
 * (docs/decisions/0139). The pages are laid out as parquet-java's writer lays them out for a column without a
 * dictionary: definition levels RLE/bit-packed with their length in front, values PLAIN, the same statistics
 * (parquet-java's own classes, fed every present value). A page holds at most parquet-java's default 20,000 rows; a
 * text page also closes at the value that takes its values to 1 MB, exactly, where parquet-java closes one near 90% of
 * that at rows it estimates (both are valid; this one is what the tests pin down).
 */
final class PlainColumnEncoder {
    /** parquet-java's default page row limit, which also keeps the column index as fine as its writer makes it. */
    static final int PAGE_ROWS = ParquetProperties.DEFAULT_PAGE_ROW_COUNT_LIMIT;
    /** parquet-java's default page size: a page of text is closed by the value that takes its values to it. */
    static final int PAGE_BYTES = ParquetProperties.DEFAULT_PAGE_SIZE;

    private PlainColumnEncoder() {
    }

    /** Writes rows {@code [0, rows)} of {@code column}, an optional column described by {@code descriptor}. */
    static void write(RowGroupBuffer.ColumnBuffer column, int rows, ColumnDescriptor descriptor, PageWriter pages)
            throws IOException {
        if (descriptor.getMaxDefinitionLevel() != 1 || descriptor.getMaxRepetitionLevel() != 0) {
            throw new IllegalArgumentException("only optional, unrepeated columns are written here: " + descriptor);
        }
        PrimitiveType type = descriptor.getPrimitiveType();
        int from = 0;
        while (from < rows) {
            int to = column.pageEnd(from, Math.min(rows, from + PAGE_ROWS), PAGE_BYTES);
            int nulls = countNulls(column.nulls, from, to);
            Statistics<?> statistics = Statistics.createStats(type);
            int present = to - from - nulls;
            byte[] values = column.plain(from, to, present, statistics);
            statistics.incrementNumNulls(nulls);
            // What parquet-java's writer gives its page writer for such a column: size statistics without histograms
            // (one definition level, no repetition) counting the bytes of text (PLAIN text is each value's four-byte
            // length and its bytes), and empty geospatial statistics.
            long textBytes = type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                    ? values.length - 4L * present : 0;
            SizeStatistics size = new SizeStatistics(type, textBytes, List.of(), List.of());
            pages.writePage(BytesInput.concat(definitionLevels(column.nulls, from, to, nulls), BytesInput.from(values)),
                    to - from, to - from, statistics, size, GeospatialStatistics.noopBuilder().build(),
                    Encoding.BIT_PACKED, Encoding.RLE, Encoding.PLAIN);
            from = to;
        }
    }

    static int countNulls(boolean[] nulls, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (nulls[i]) {
                n++;
            }
        }
        return n;
    }

    /**
     * The definition levels of rows {@code [from, to)} (1 present, 0 null) as a version-1 page holds them: their
     * byte length, then the RLE/bit-packed hybrid. Without nulls, or with only nulls, that is one RLE run (six to
     * nine bytes in all), written here; a mix goes through parquet-java's encoder. (parquet-java's encoder writes a
     * page of fewer than eight rows as one bit-packed group instead: as long, and as valid.)
     */
    static BytesInput definitionLevels(boolean[] nulls, int from, int to, int nullCount) throws IOException {
        int n = to - from;
        if (nullCount == 0 || nullCount == n) {
            byte[] run = new byte[4 + 5 + 1];
            int p = 4;
            // Run header: the run length shifted left once (the low bit 0 says "repeated"), as an unsigned varint.
            int header = n << 1;
            while ((header & ~0x7F) != 0) {
                run[p++] = (byte) ((header & 0x7F) | 0x80);
                header >>>= 7;
            }
            run[p++] = (byte) header;
            run[p++] = (byte) (nullCount == 0 ? 1 : 0);
            int length = p - 4;
            run[0] = (byte) length;
            return BytesInput.from(run, 0, p);
        }
        try (RunLengthBitPackingHybridEncoder encoder = new RunLengthBitPackingHybridEncoder(1, 64, PAGE_BYTES,
                HeapByteBufferAllocator.getInstance())) {
            for (int i = from; i < to; i++) {
                encoder.writeInt(nulls[i] ? 0 : 1);
            }
            // Copied out: the encoder's buffers are released when it closes.
            BytesInput rle = BytesInput.copy(encoder.toBytes());
            return BytesInput.concat(BytesInput.fromInt(Math.toIntExact(rle.size())), rle);
        }
    }
}
