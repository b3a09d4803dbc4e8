package org.labexport.convert.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.WriteSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a table in LabExport's HDF5 layout with jHDF (pure Java), where the native HDF5 library is not available. jHDF writes each dataset from one whole array, so the table
 * is held in memory, column by column in primitive arrays, until {@link #finish()}; the writer refuses a table that
 * would not fit in the heap as soon as that is known, before the JVM runs out of memory
 * (docs/decisions/0023-hdf5-writer-memory.md).
 */
final class JhdfTableWriter implements TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(JhdfTableWriter.class);
    /** Rows between two checks of the memory budget. */
    private static final int BUDGET_CHECK_ROWS = 16_384;
    /** Share of the free heap the buffered table and its encoding may use. */
    private static final double HEAP_SHARE = 0.75;
    /** Heap bytes a string value is assumed to need when only the row count is known. */
    static final long ASSUMED_STRING_BYTES = 96;

    private final Path target;
    private final TableSchema schema;
    private final ColumnBuffer[] columns;
    private final long heapBudget;
    private long rows;
    private boolean finished;
    private boolean compress;
    private OutputProvenance provenance = OutputProvenance.NONE;

    JhdfTableWriter(Path target, TableSchema schema, long heapBudget) {
        this.target = target;
        this.schema = schema;
        this.heapBudget = heapBudget;
        this.columns = new ColumnBuffer[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnBuffer.of(schema.column(i).type());
        }
    }

    /** Opens a writer whose memory budget is a share of the heap free now. */
    static JhdfTableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        return open(target, schema, options, OutputProvenance.NONE);
    }

    /** As {@link #open(Path, TableSchema, ExportOptions)}, with the provenance as attributes of the table group. */
    static JhdfTableWriter open(Path target, TableSchema schema, ExportOptions options, OutputProvenance provenance)
            throws IOException {
        JhdfTableWriter w = new JhdfTableWriter(target, schema, defaultBudget());
        w.compress = Hdf5TableWriter.compress(options);
        w.provenance = provenance;
        return w;
    }

    /** The heap the writer may fill: a share of what the JVM can still allocate. */
    public static long defaultBudget() {
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        return (long) ((rt.maxMemory() - used) * HEAP_SHARE);
    }

    /**
     * Heap needed to write {@code rows} rows of {@code schema} as HDF5 (values plus their encoding into the file),
     * for callers that know the row count before writing.
     */
    public static long estimateHeapBytes(TableSchema schema, long rows) {
        long perRow = 0;
        long largestEncoded = 0;
        for (Column c : schema.columns()) {
            long value = switch (c.type()) {
                case BOOLEAN -> 1;
                case STRING -> ASSUMED_STRING_BYTES;
                default -> 8;
            };
            perRow += value + 1;
            largestEncoded = Math.max(largestEncoded, c.type() == ColumnType.STRING ? 32 : value);
        }
        return rows * (perRow + largestEncoded);
    }

    /**
     * Refuses, before any work, a table of known size that would not fit: throws a ConversionException naming the file.
     */
    public static void checkFits(Path target, TableSchema schema, long rows, long heapBudget) throws ConversionException {
        long need = estimateHeapBytes(schema, rows);
        if (need > heapBudget) {
            throw tooLarge(target, rows, schema.size(), need, heapBudget);
        }
    }

    private static ConversionException tooLarge(Path target, long rows, int width, long need, long budget) {
        return new ConversionException(String.format(Locale.ROOT,
                "%s: the table (%,d rows x %d columns so far) is too large to write as HDF5: the HDF5 writer holds the"
                        + " whole table in memory and it needs about %,d MB, but only %,d MB of the Java heap are"
                        + " available. Export to Parquet instead, or give LabExport more memory (-Xmx).",
                target.getFileName(), rows, width, need >> 20, budget >> 20));
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (row.length != columns.length) {
            throw new IllegalArgumentException("Row has " + row.length + " values, schema has " + columns.length);
        }
        if (rows >= Integer.MAX_VALUE - 16L) {
            throw new ConversionException(target.getFileName() + ": more than " + (Integer.MAX_VALUE - 16L)
                    + " rows cannot be written as HDF5 by LabExport.");
        }
        try {
            for (int i = 0; i < columns.length; i++) {
                columns[i].add(row[i]);
            }
        } catch (ArithmeticException e) {
            throw new ConversionException(target.getFileName() + ": row " + (rows + 1)
                    + " holds a timestamp outside the range HDF5 int64 microseconds can store.", e);
        }
        rows++;
        if (rows % BUDGET_CHECK_ROWS == 0) {
            checkBudget();
        }
    }

    private void checkBudget() throws ConversionException {
        long held = 0;
        long largestEncoded = 0;
        for (ColumnBuffer c : columns) {
            held += c.heapBytes();
            largestEncoded = Math.max(largestEncoded, c.encodedBytes());
        }
        // Growing an array copies it: leave room for the largest column to grow by half again.
        long need = held + largestEncoded + largestEncoded / 2;
        if (need > heapBudget) {
            throw tooLarge(target, rows, columns.length, need, heapBudget);
        }
    }

    @Override
    public WriteSummary finish() throws IOException {
        checkBudget();
        List<String> names = schema.names();
        String[] datasets = Hdf5Layout.datasetNames(names);
        String[] types = new String[columns.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.column(i).type().wireName();
        }
        Files.deleteIfExists(target);
        try (WritableHdfFile file = HdfFile.write(target)) {
            WritableGroup group = file.putGroup(Hdf5Layout.TABLE_GROUP);
            group.putAttribute(Hdf5Layout.ATTR_VERSION, 1L);
            group.putAttribute(Hdf5Layout.ATTR_COLUMNS, names.toArray(new String[0]));
            group.putAttribute(Hdf5Layout.ATTR_TYPES, types);
            group.putAttribute(Hdf5Layout.ATTR_DATASETS, datasets);
            group.putAttribute(Hdf5Layout.ATTR_ROWS, rows);
            provenance.entries().forEach(group::putAttribute);
            if (rows > 0) { // jHDF cannot write empty arrays; a table without rows is described by its attributes
                for (int i = 0; i < columns.length; i++) {
                    Column c = schema.column(i);
                    WritableDataset ds = group.putDataset(datasets[i], columns[i].array(), creation(rows));
                    ds.putAttribute(Hdf5Layout.ATTR_COLUMN_NAME, c.name());
                    ds.putAttribute(Hdf5Layout.ATTR_COLUMN_TYPE, c.type().wireName());
                    if (c.type() == ColumnType.DATE) {
                        ds.putAttribute(Hdf5Layout.ATTR_ENCODING, Hdf5Layout.DATE_ENCODING);
                    } else if (c.type() == ColumnType.TIMESTAMP) {
                        ds.putAttribute(Hdf5Layout.ATTR_ENCODING, Hdf5Layout.TIMESTAMP_ENCODING);
                    }
                    if (columns[i].hasNulls()) {
                        String maskName = datasets[i] + Hdf5Layout.MASK_SUFFIX;
                        ds.putAttribute(Hdf5Layout.ATTR_NULL_MASK, maskName);
                        WritableDataset mask = group.putDataset(maskName, columns[i].mask(), creation(rows));
                        mask.putAttribute(Hdf5Layout.ATTR_COLUMN_NAME, c.name());
                        mask.putAttribute("description", "1 where the value of column '" + c.name() + "' is missing");
                    }
                    columns[i] = null; // let each column go once it is handed over
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("HDF5 write of {} failed", target, e);
            throw new ConversionException(target.getFileName() + ": the HDF5 file could not be written ("
                    + e.getMessage() + ").", e);
        }
        finished = true;
        return WriteSummary.ofRows(rows);
    }

    private io.jhdf.api.DatasetCreationOptions creation(long n) {
        if (!compress) {
            return io.jhdf.api.DatasetCreationOptions.DEFAULT;
        }
        return io.jhdf.api.DatasetCreationOptions.builder()
                .chunkDimensions((int) Math.min(n, Hdf5Layout.CHUNK_ROWS)).deflate(Hdf5Layout.DEFLATE_LEVEL).build();
    }

    @Override
    public void close() {
        if (!finished) {
            for (int i = 0; i < columns.length; i++) {
                columns[i] = null;
            }
        }
    }
}
