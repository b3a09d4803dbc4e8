package org.labexport.convert.hdf5;

import io.jhdf.api.Dataset;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.labexport.base.CancelSignal;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;

/**
 * Streams a table out of HDF5 datasets, reading each column in slices of {@link #BLOCK} rows so that memory does
 * not grow with the file. Serves both LabExport's layout and plain 1-D/2-D datasets of other tools.
 */
final class Hdf5TableReader implements TableReader {
    static final int BLOCK = 65_536;

    /** Where one column's values come from. */
    record Source(Dataset dataset, int column2d, ColumnType type, Dataset mask) {
    }

    private final Path file;
    private final io.jhdf.HdfFile hdf;
    private final TableSchema schema;
    private final List<Source> sources;
    private final long rows;
    private final long bytesTotal;
    private final CancelSignal cancel;
    private final Object[] blocks;
    private final byte[][] masks;
    private long blockStart;
    private int blockLength;
    private long row;

    Hdf5TableReader(Path file, io.jhdf.HdfFile hdf, TableSchema schema, List<Source> sources, long rows,
                    long bytesTotal, CancelSignal cancel) {
        this.file = file;
        this.hdf = hdf;
        this.schema = schema;
        this.sources = sources;
        this.rows = rows;
        this.bytesTotal = bytesTotal;
        this.cancel = cancel == null ? CancelSignal.NEVER : cancel;
        this.blocks = new Object[sources.size()];
        this.masks = new byte[sources.size()][];
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public boolean next(Object[] out) throws IOException {
        if (row >= rows) {
            return false;
        }
        if (row >= blockStart + blockLength) {
            cancel.check();
            loadBlock(row);
        }
        int at = (int) (row - blockStart);
        for (int c = 0; c < sources.size(); c++) {
            if (masks[c] != null && masks[c][at] != 0) {
                out[c] = null;
            } else {
                out[c] = value(sources.get(c), blocks[c], at);
            }
        }
        row++;
        return true;
    }

    private void loadBlock(long start) throws ConversionException {
        int length = (int) Math.min(BLOCK, rows - start);
        try {
            for (int c = 0; c < sources.size(); c++) {
                Source s = sources.get(c);
                if (s.column2d >= 0) {
                    int width = s.dataset.getDimensions()[1];
                    if (c == 0 || sources.get(c - 1).dataset != s.dataset) {
                        blocks[c] = s.dataset.getData(new long[] {start, 0}, new int[] {length, width});
                    } else {
                        blocks[c] = blocks[c - 1];
                    }
                } else {
                    blocks[c] = s.dataset.getData(new long[] {start}, new int[] {length});
                }
                masks[c] = s.mask == null ? null : toBytes(s.mask.getData(new long[] {start}, new int[] {length}));
            }
        } catch (RuntimeException e) {
            throw new ConversionException(String.format(java.util.Locale.ROOT, "%s is damaged: its rows %,d to %,d"
                    + " cannot be read.", file.getFileName(), start + 1, start + length), e);
        }
        blockStart = start;
        blockLength = length;
    }

    private static byte[] toBytes(Object maskData) {
        if (maskData instanceof byte[] b) {
            return b;
        }
        int n = Array.getLength(maskData);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            Object v = Array.get(maskData, i);
            out[i] = (byte) (v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).intValue() != 0 ? 1 : 0);
        }
        return out;
    }

    private static Object value(Source s, Object block, int at) {
        Object data = s.column2d >= 0 ? Array.get(block, at) : block;
        int index = s.column2d >= 0 ? s.column2d : at;
        return switch (s.type) {
            case LONG -> data instanceof long[] l ? (Object) l[index] : (Object) ((Number) Array.get(data, index)).longValue();
            case DOUBLE -> data instanceof double[] d ? (Object) d[index]
                    : (Object) ((Number) Array.get(data, index)).doubleValue(); // float widens exactly
            case BOOLEAN -> data instanceof boolean[] b ? (Object) b[index]
                    : (Object) (((Number) Array.get(data, index)).intValue() != 0);
            case DATE -> LocalDate.ofEpochDay(((long[]) data)[index]);
            case TIMESTAMP -> {
                long us = ((long[]) data)[index];
                yield Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1_000L);
            }
            case STRING -> Array.get(data, index).toString();
        };
    }

    @Override
    public long bytesConsumed() {
        return rows == 0 ? bytesTotal : (long) ((double) row / rows * bytesTotal);
    }

    @Override
    public long bytesTotal() {
        return bytesTotal;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
