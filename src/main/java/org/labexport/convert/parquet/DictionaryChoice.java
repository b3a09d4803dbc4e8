package org.labexport.convert.parquet;

import java.util.HashSet;
import java.util.Set;
import org.labexport.convert.ColumnType;
import org.labexport.convert.TableSchema;

/**
 * Decides once per file, from the first row group's first values, which columns skip dictionary encoding
 * (docs/decisions/0025-parquet-encoding-speed.md, 0027). parquet-java tries a dictionary for every column chunk and,
 * after the first page, falls back to plain encoding when the dictionary plus the encoded ids are not smaller than
 * the plain values; for nearly unique values (random doubles, identifiers) that is hashing every value for nothing
 * in every row group. A similar but stricter test is applied here to a sample: a dictionary must save at least a
 * quarter of the plain bytes.
 */
final class DictionaryChoice {
    /** About one page of values: parquet-java's default page row limit. */
    static final int SAMPLE_VALUES = 20_000;
    /** Fewer non-null values than this say too little; such columns keep parquet-java's own per-chunk choice. */
    static final int MIN_SAMPLE_VALUES = 1_000;

    private DictionaryChoice() {
    }

    /** The names of the columns to write without a dictionary. */
    static Set<String> plainColumns(TableSchema schema, RowGroupBuffer first) {
        Set<String> plain = new HashSet<>();
        for (int c = 0; c < schema.size(); c++) {
            ColumnType type = schema.column(c).type();
            if (type != ColumnType.BOOLEAN && !worthADictionary(type, first.column(c), first.rows())) {
                plain.add(schema.column(c).name());
            }
        }
        return plain;
    }

    /**
     * Dictionary bytes plus bit-packed ids must be less than three quarters of the plain-encoded values. parquet-java
     * only asks for smaller; but a dictionary hashes every value into a map rebuilt for each row group, and for a
     * column that is two-thirds distinct (adjusted p-values) that cost a quarter of all encoding time to save 13%
     * of one column's bytes before compression.
     */
    static boolean worthADictionary(ColumnType type, RowGroupBuffer.ColumnBuffer column, int rows) {
        long sampled = 0;
        long plainBytes = 0;
        long dictionaryBytes = 0;
        long distinct;
        if (column instanceof RowGroupBuffer.StringColumn s) {
            Set<String> seen = new HashSet<>();
            for (int r = 0; r < rows && sampled < SAMPLE_VALUES; r++) {
                if (!s.nulls[r]) {
                    String v = s.value(r);
                    sampled++;
                    plainBytes += 4 + s.byteLength(r);
                    if (seen.add(v)) {
                        dictionaryBytes += 4 + s.byteLength(r);
                    }
                }
            }
            distinct = seen.size();
        } else {
            LongSet seen = new LongSet(SAMPLE_VALUES);
            int width = type == ColumnType.DATE ? 4 : 8;
            for (int r = 0; r < rows && sampled < SAMPLE_VALUES; r++) {
                if (!column.nulls[r]) {
                    sampled++;
                    seen.add(bits(column, r));
                }
            }
            distinct = seen.size();
            plainBytes = sampled * width;
            dictionaryBytes = distinct * width;
        }
        if (sampled < MIN_SAMPLE_VALUES) {
            return true;
        }
        int idBits = distinct <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(distinct - 1);
        long idBytes = (sampled * idBits + 7) / 8 + 1;
        return (idBytes + dictionaryBytes) * 4 < plainBytes * 3;
    }

    private static long bits(RowGroupBuffer.ColumnBuffer column, int r) {
        if (column instanceof RowGroupBuffer.DoubleColumn d) {
            return Double.doubleToLongBits(d.values[r]);
        }
        if (column instanceof RowGroupBuffer.LongColumn l) {
            return l.values[r];
        }
        if (column instanceof RowGroupBuffer.DateColumn d) {
            return d.values[r];
        }
        throw new IllegalArgumentException(column.getClass().getSimpleName());
    }

    /** A set of longs by open addressing, so sampling boxes nothing. */
    static final class LongSet {
        private final long[] keys;
        private final boolean[] used;
        private final int mask;
        private int size;

        LongSet(int expected) {
            int capacity = Integer.highestOneBit(Math.max(4, expected) * 2) * 2;
            keys = new long[capacity];
            used = new boolean[capacity];
            mask = capacity - 1;
        }

        void add(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            int i = (int) (h ^ (h >>> 32)) & mask;
            while (used[i]) {
                if (keys[i] == key) {
                    return;
                }
                i = (i + 1) & mask;
            }
            used[i] = true;
            keys[i] = key;
            size++;
        }

        int size() {
            return size;
        }
    }
}
