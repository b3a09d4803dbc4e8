package org.labexport.convert.hdf5;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import org.labexport.convert.ColumnType;

/**
 * The chunks of a table's fixed-width columns (numbers, dates, timestamps, booleans) and of every column's null mask,
 * filled row by row and encoded on {@link ChunkPool}'s threads into exactly the bytes HDF5's own
 * filter pipeline would store, for the writer to put into the file with direct chunk writes
 * (docs/decisions/0128-hdf5-chunks-compressed-on-every-core.md). Strings are not here: variable-length strings live
 * in HDF5's global heap, which only the library can write.
 *
 * <p>The writer's caller puts each row's values here as it takes the row. A chunk holds {@code chunkRows} rows
 * starting at a multiple of {@code chunkRows}, as the dataset's chunking requires; the last one is padded with zero
 * bytes, the datasets' fill value, as the library pads an edge chunk. Used by one thread (the writer's caller); the
 * chunks it returns are written on another, which gives their arrays back through {@link #recycle}.
 */
final class DirectChunks {
    /** Each compressing thread's output buffer, shared by every writer (the pool's threads are). */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** One encoded chunk of a column or of its null mask, rows {@code firstRow} to {@code firstRow + rows}. */
    record Pending(int column, boolean mask, long firstRow, int rows, Future<Encoded> encoded) {
    }

    /** A chunk's bytes as stored; {@code raw} when they are the raw array itself (no filters), reused afterwards. */
    record Encoded(byte[] bytes, boolean raw) {
    }

    /**
     * Turns a chunk's raw little-endian bytes into the bytes the dataset's filter pipeline stores: the same array
     * when there are no filters, else a new one of exactly the stored length.
     */
    interface Codec {
        byte[] encode(byte[] raw);

        /**
         * The codec for the value chunks of one 8-byte column (numbers, dates, timestamps): this one, unless it
         * adapts to the column's values; null masks and booleans keep this one.
         */
        default Codec forWideColumn() {
            return this;
        }
    }

    private final ColumnType[] types;
    private final int chunkRows;
    private final Codec codec;
    /** The codec of each column's value chunks. */
    private final Codec[] valueCodecs;
    /** Bytes per value of each column's dataset, 0 for strings (not written here). */
    private final int[] width;
    /** The chunk being filled per column (null for strings), and per column's null mask. */
    private final byte[][] values;
    private final byte[][] masks;
    /** Whether the column has had a null: its mask's chunks are written from the chunk of the first one on. */
    private final boolean[] maskOn;
    /** Arrays given back after their chunk was written, by length (a few sizes per table). */
    private final Map<Integer, Queue<byte[]>> spares = new ConcurrentHashMap<>();
    private long chunkIndex;
    /** Rows of the chunk being filled: complete ones, and the row being put. */
    private int filled;

    DirectChunks(ColumnType[] types, int chunkRows, Codec codec) {
        this.types = types;
        this.chunkRows = chunkRows;
        this.codec = codec;
        int n = types.length;
        width = new int[n];
        values = new byte[n][];
        masks = new byte[n][];
        maskOn = new boolean[n];
        valueCodecs = new Codec[n];
        for (int i = 0; i < n; i++) {
            width[i] = switch (types[i]) {
                case LONG, DATE, TIMESTAMP, DOUBLE -> 8;
                case BOOLEAN -> 1;
                case STRING -> 0;
            };
            valueCodecs[i] = width[i] == 8 ? codec.forWideColumn() : codec;
        }
        startChunk();
    }

    /** Bytes of one chunk of every column and mask: what each chunk in flight may hold, raw or compressed. */
    long bytesPerChunk() {
        long bytes = 0;
        for (int w : width) {
            bytes += (long) chunkRows * (w + 1);
        }
        return bytes;
    }

    /** Column {@code i}'s value in the row being put: an int64 (numbers, dates, timestamps). */
    void putLong(int i, long value) {
        LONG_LE.set(values[i], filled << 3, value);
    }

    /** Column {@code i}'s value: the raw bits, as the library copies native doubles (NaN payloads are kept). */
    void putDouble(int i, double value) {
        LONG_LE.set(values[i], filled << 3, Double.doubleToRawLongBits(value));
    }

    /** Column {@code i}'s value: a uint8 (booleans). */
    void putByte(int i, byte value) {
        values[i][filled] = value;
    }

    /** Column {@code i} is missing in the row being put (its value is the fill value, put as well). */
    void putNull(int i) {
        masks[i][filled] = 1;
        maskOn[i] = true;
    }

    /** Ends the row being put; true when it completed the chunk, which {@link #takeFull} then hands on. */
    boolean endRow() {
        return ++filled == chunkRows;
    }

    /** The chunks of the completed chunk, being encoded; empty unless {@link #endRow} said it was complete. */
    List<Pending> takeFull() {
        List<Pending> done = new ArrayList<>();
        if (filled == chunkRows) {
            complete(done);
        }
        return done;
    }

    /** The last chunk, partly filled, padded with zeros; empty if the rows ended on a chunk's boundary. */
    List<Pending> finish() {
        List<Pending> done = new ArrayList<>();
        if (filled > 0) {
            for (int i = 0; i < types.length; i++) {
                if (values[i] != null) {
                    Arrays.fill(values[i], filled * width[i], values[i].length, (byte) 0);
                }
            }
            complete(done);
        }
        return done;
    }

    private void complete(List<Pending> done) {
        long first = chunkIndex * chunkRows;
        for (int i = 0; i < types.length; i++) {
            if (values[i] != null) {
                done.add(submit(i, false, first, values[i]));
            }
            if (maskOn[i]) {
                done.add(submit(i, true, first, masks[i]));
            } else {
                give(masks[i]);
            }
        }
        chunkIndex++;
        filled = 0;
        startChunk();
    }

    /** Arrays for the next chunk; masks all zero ("not missing"), values overwritten row by row. */
    private void startChunk() {
        for (int i = 0; i < types.length; i++) {
            values[i] = width[i] > 0 ? array(chunkRows * width[i]) : null;
            masks[i] = array(chunkRows);
            Arrays.fill(masks[i], (byte) 0);
        }
    }

    private Pending submit(int column, boolean mask, long first, byte[] raw) {
        Codec c = mask ? codec : valueCodecs[column];
        return new Pending(column, mask, first, filled, ChunkPool.submit(() -> {
            byte[] stored = c.encode(raw);
            if (stored != raw) {
                give(raw); // compressed: the raw bytes can take a later chunk's values at once
            }
            return new Encoded(stored, stored == raw);
        }));
    }

    /** A byte array of {@code length}, given back earlier or new. Any thread. */
    byte[] array(int length) {
        byte[] a = spares.computeIfAbsent(length, k -> new ConcurrentLinkedQueue<>()).poll();
        return a != null ? a : new byte[length];
    }

    /** Gives a chunk's raw array back once it is in the file (compressed arrays are left to the collector). */
    void recycle(Encoded e) {
        if (e.raw()) {
            give(e.bytes());
        }
    }

    private void give(byte[] a) {
        spares.computeIfAbsent(a.length, k -> new ConcurrentLinkedQueue<>()).add(a);
    }

    /** HDF5's stored bytes of a chunk without filters: the raw bytes. */
    static Codec plain() {
        return raw -> raw;
    }

    /**
     * HDF5's deflate filter at {@code level}: one zlib stream (header, deflate data, Adler-32), as its filter makes
     * with zlib's compress2. Each thread compresses into a buffer of its own and keeps only the stored length, so a
     * chunk in flight holds what it compresses to, not its bound.
     *
     * <p>An 8-byte column's chunks may be deflated with Huffman coding alone, without zlib's search for repeated
     * strings: {@link #forWideColumn} tries both on the column's first chunk and keeps Huffman coding for the column
     * when it is no larger. Measured (docs/decisions/0134): on measured doubles (15-17 significant digits) the
     * search finds almost nothing, Huffman coding alone gives the same or a smaller stream in under half the CPU;
     * a column of counters, or of mostly zeros, keeps the search. Either is a standard zlib stream that every
     * reader of HDF5's deflate filter inflates.
     */
    static Codec deflate(int level) {
        return new Deflate(level);
    }

    /** zlib's default strategy at one level; each wide column gets a codec that chooses its own strategy. */
    private record Deflate(int level) implements Codec {
        @Override
        public byte[] encode(byte[] raw) {
            return zlib(raw, level, java.util.zip.Deflater.DEFAULT_STRATEGY);
        }

        @Override
        public Codec forWideColumn() {
            return new ChosenOnFirstChunk(level);
        }
    }

    /** A column's codec that deflates its first chunk both ways and then keeps to the smaller way. */
    private static final class ChosenOnFirstChunk implements Codec {
        private final int level;
        /** The chosen strategy, or -1 until the first chunk chose (a chunk encoded meanwhile tries both too). */
        private volatile int strategy = -1;

        ChosenOnFirstChunk(int level) {
            this.level = level;
        }

        @Override
        public byte[] encode(byte[] raw) {
            int s = strategy;
            if (s >= 0) {
                return zlib(raw, level, s);
            }
            byte[] searched = zlib(raw, level, java.util.zip.Deflater.DEFAULT_STRATEGY);
            byte[] huffman = zlib(raw, level, java.util.zip.Deflater.HUFFMAN_ONLY);
            boolean huffmanWins = huffman.length <= searched.length;
            strategy = huffmanWins ? java.util.zip.Deflater.HUFFMAN_ONLY : java.util.zip.Deflater.DEFAULT_STRATEGY;
            return huffmanWins ? huffman : searched;
        }
    }

    /**
     * The {@link java.util.zip.Deflater} strategy a column codec from {@link #deflate} chose on its first chunk: -1
     * before that chunk, or for a codec that does not choose.
     */
    static int chosenStrategy(Codec columnCodec) {
        return columnCodec instanceof ChosenOnFirstChunk c ? c.strategy : -1;
    }

    private static byte[] zlib(byte[] raw, int level, int strategy) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(level);
        try {
            d.setStrategy(strategy);
            d.setInput(raw);
            d.finish();
            byte[] out = SCRATCH.get();
            int bound = raw.length + (raw.length >> 12) + (raw.length >> 14) + 64;
            if (out == null || out.length < bound) {
                out = new byte[bound];
                SCRATCH.set(out);
            }
            int length = 0;
            while (!d.finished()) {
                if (length == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                    SCRATCH.set(out);
                }
                length += d.deflate(out, length, out.length - length);
            }
            return Arrays.copyOf(out, length);
        } finally {
            d.end();
        }
    }
}
