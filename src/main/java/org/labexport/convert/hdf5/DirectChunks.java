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
 * assembled from the writer's blocks and encoded on {@link ChunkPool}'s threads into exactly the bytes HDF5's own
 * filter pipeline would store, for the writer to put into the file with direct chunk writes
 * (docs/decisions/0128-hdf5-chunks-compressed-on-every-core.md). Strings are not here: variable-length strings live
 * in HDF5's global heap, which only the library can write.
 *
 * <p>A chunk holds {@code chunkRows} rows starting at a multiple of {@code chunkRows}, as the dataset's chunking
 * requires; the last one is padded with zero bytes, the datasets' fill value, as the library pads an edge chunk.
 * Used by one thread (the writer's caller); the chunks it returns are written on another, which gives their arrays
 * back through {@link #recycle}.
 */
final class DirectChunks {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** One encoded chunk of a column or of its null mask, rows {@code firstRow} to {@code firstRow + rows}. */
    record Pending(int column, boolean mask, long firstRow, int rows, byte[] raw, Future<Encoded> encoded) {
    }

    /** A chunk's bytes as stored: {@code length} bytes of {@code bytes}. */
    record Encoded(byte[] bytes, int length) {
    }

    /** Turns a chunk's raw little-endian bytes into the bytes the dataset's filter pipeline stores. */
    interface Codec {
        Encoded encode(byte[] raw, DirectChunks arrays);
    }

    private final ColumnType[] types;
    private final int chunkRows;
    private final Codec codec;
    /** Bytes per value of each column's dataset, 0 for strings (not written here). */
    private final int[] width;
    /** The chunk being assembled per column (null for strings), and per column's null mask. */
    private final byte[][] values;
    private final byte[][] masks;
    /** Whether the column has had a null: its mask's chunks are written from the chunk of the first one on. */
    private final boolean[] maskOn;
    /** Arrays given back after their chunk was written, by length (a few sizes per table). */
    private final Map<Integer, Queue<byte[]>> spares = new ConcurrentHashMap<>();
    private long chunkIndex;
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
        for (int i = 0; i < n; i++) {
            width[i] = switch (types[i]) {
                case LONG, DATE, TIMESTAMP, DOUBLE -> 8;
                case BOOLEAN -> 1;
                case STRING -> 0;
            };
        }
    }

    /** Whether column {@code i} is written here (all but strings; every column's mask is). */
    boolean direct(int i) {
        return width[i] > 0;
    }

    /**
     * Takes rows {@code 0..n-1} of a block (the arrays of {@link NativeHdf5TableWriter}'s block; only fixed-width
     * columns' arrays are read) and returns the chunks they complete, already being encoded.
     */
    List<Pending> add(long[][] longs, double[][] doubles, byte[][] bytes, byte[][] mask, boolean[] nullIn, int n) {
        List<Pending> done = new ArrayList<>();
        int from = 0;
        while (from < n) {
            int take = Math.min(n - from, chunkRows - filled);
            for (int i = 0; i < types.length; i++) {
                if (values[i] == null && width[i] > 0) {
                    values[i] = array(chunkRows * width[i]);
                }
                if (masks[i] == null) {
                    masks[i] = array(chunkRows);
                }
                byte[] to = values[i];
                switch (types[i]) {
                    case LONG, DATE, TIMESTAMP -> {
                        long[] src = longs[i];
                        for (int k = 0; k < take; k++) {
                            LONG_LE.set(to, (filled + k) << 3, src[from + k]);
                        }
                    }
                    case DOUBLE -> {
                        // The raw bits, as the library copies native doubles: NaN payloads are kept.
                        double[] src = doubles[i];
                        for (int k = 0; k < take; k++) {
                            LONG_LE.set(to, (filled + k) << 3, Double.doubleToRawLongBits(src[from + k]));
                        }
                    }
                    case BOOLEAN -> System.arraycopy(bytes[i], from, to, filled, take);
                    case STRING -> {
                    }
                }
                System.arraycopy(mask[i], from, masks[i], filled, take);
                if (nullIn[i] && !maskOn[i]) {
                    for (int k = from; k < from + take && !maskOn[i]; k++) {
                        maskOn[i] = mask[i][k] != 0;
                    }
                }
            }
            filled += take;
            from += take;
            if (filled == chunkRows) {
                complete(done);
            }
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
                Arrays.fill(masks[i], filled, chunkRows, (byte) 0);
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
                values[i] = null;
            }
            if (maskOn[i]) {
                done.add(submit(i, true, first, masks[i]));
                masks[i] = null;
            }
        }
        chunkIndex++;
        filled = 0;
    }

    private Pending submit(int column, boolean mask, long first, byte[] raw) {
        return new Pending(column, mask, first, filled, raw, ChunkPool.submit(() -> codec.encode(raw, this)));
    }

    /** A byte array of {@code length}, given back earlier or new. Any thread. */
    byte[] array(int length) {
        byte[] a = spares.computeIfAbsent(length, k -> new ConcurrentLinkedQueue<>()).poll();
        return a != null ? a : new byte[length];
    }

    /** Gives a chunk's arrays back once it is in the file. Any thread. */
    void recycle(Pending p, Encoded e) {
        give(p.raw());
        if (e != null && e.bytes() != p.raw()) {
            give(e.bytes());
        }
    }

    private void give(byte[] a) {
        spares.computeIfAbsent(a.length, k -> new ConcurrentLinkedQueue<>()).add(a);
    }

    /** HDF5's stored bytes of a chunk without filters: the raw bytes. */
    static Codec plain() {
        return (raw, arrays) -> new Encoded(raw, raw.length);
    }

    /**
     * HDF5's deflate filter at {@code level}: one zlib stream (header, deflate data, Adler-32), as its filter makes
     * with zlib's compress2.
     */
    static Codec deflate(int level) {
        return (raw, arrays) -> {
            java.util.zip.Deflater d = new java.util.zip.Deflater(level);
            try {
                d.setInput(raw);
                d.finish();
                byte[] out = arrays.array(raw.length + (raw.length >> 12) + (raw.length >> 14) + 64);
                int length = 0;
                while (!d.finished()) {
                    if (length == out.length) {
                        out = Arrays.copyOf(out, out.length * 2);
                    }
                    length += d.deflate(out, length, out.length - length);
                }
                return new Encoded(out, length);
            } finally {
                d.end();
            }
        };
    }
}
