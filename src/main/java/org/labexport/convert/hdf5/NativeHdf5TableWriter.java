package org.labexport.convert.hdf5;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DSetAccPropList;
import org.bytedeco.hdf5.DSetCreatPropList;
import org.bytedeco.hdf5.DSetMemXferPropList;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.DataType;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.H5Object;
import org.bytedeco.hdf5.LinkCreatPropList;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.WorkerResults;
import org.labexport.convert.WriteSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.bytedeco.hdf5.global.hdf5.H5Dwrite_chunk;
import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;
import static org.bytedeco.hdf5.global.hdf5.H5P_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5S_SCALAR;
import static org.bytedeco.hdf5.global.hdf5.H5S_SELECT_SET;
import static org.bytedeco.hdf5.global.hdf5.H5T_CSET_UTF8;
import static org.bytedeco.hdf5.global.hdf5.H5T_VARIABLE;

/**
 * Streams a table into LabExport's HDF5 layout with the native HDF5 library: each column is a chunked dataset of
 * unlimited length, extended by one chunk of rows at a time ({@link Hdf5Layout#CHUNK_ROWS}, fewer for a wide table,
 * see {@link #chunkRows}), so memory stays one chunk per column whatever the table's length, and a chunk of all
 * columns stays within {@link #BLOCK_CELLS} values whatever its width. Strings are variable-length UTF-8. The native
 * library is not known to be thread-safe, so every call into it holds one process-wide lock.
 *
 * <p>The chunks of every other column and of the null masks are compressed on {@link ChunkPool}'s threads and put
 * into the file as they are with direct chunk writes ({@link DirectChunks}, docs/decisions/0128); the library
 * compresses only the strings' chunks, which hold references into its heap of strings.
 */
final class NativeHdf5TableWriter implements TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(NativeHdf5TableWriter.class);
    /** Every call into the native library holds this lock. */
    static final Object NATIVE = new Object();
    /**
     * Values (rows x columns) a block may hold: 65,536-row chunks up to 64 columns, shorter chunks beyond. A fixed
     * row count made a 4,000-column table need over a gigabyte of heap for two rows, and as much native memory in
     * HDF5's chunk caches.
     */
    static final long BLOCK_CELLS = 1L << 22;
    /** The shortest chunk, for tables of more than {@code BLOCK_CELLS / 16} columns. */
    static final int MIN_CHUNK_ROWS = 16;
    /** Heap estimate of a block's strings at which it is written before it is full (long texts). */
    static final long BLOCK_TEXT_BYTES = 32L << 20;
    /**
     * Chunk bytes (all columns and masks, raw) up to which a block's chunks are compressed while the block before is
     * still being written: a narrow table's few MB; a wide table waits rather than holding two blocks' chunks.
     */
    static final long EARLY_CHUNK_BYTES = 16L << 20;
    /** Heap bytes of a String beyond its characters (object and array headers). */
    private static final int STRING_OVERHEAD = 56;
    private static volatile Boolean available;

    private final Path target;
    /** Rows per chunk of every dataset, and the most a block holds. */
    private final int blockRows;
    private final TableSchema schema;
    private final OutputProvenance provenance;
    private final String[] datasetNames;
    private final H5File file;
    private final Group group;
    private final StrType utf8;
    private final DSetCreatPropList chunked;
    private final DataSet[] datasets;
    private final DataSet[] masks;
    private final ColumnType[] types;
    /** The chunks of the fixed-width columns and of the masks, filled row by row by this (the caller's) thread. */
    private final DirectChunks chunks;
    /** Whether a block's chunks start compressing before the block before it is written (see {@link #handOn}). */
    private final boolean compressEarly;
    /** Rows each dataset and mask dataset spans now (the writing thread's). */
    private final long[] extent;
    private final long[] maskExtent;
    /** The block this (the caller's) thread fills. */
    private Block filling;
    /** A written block ready to be filled again, or null. */
    private Block spare;
    /** The block being written on {@link #writer}, or null. */
    private Future<Block> inFlight;
    /** One thread writing full blocks into the file, started with the second block. */
    private ExecutorService writer;
    /** Rows handed on to be written (this thread's count, for messages). */
    private long handedOn;
    // Native buffers, masks and the row count below are used by one thread at a time: the writing thread while a
    // block is in flight, this thread only after waiting for it (the Future orders the two).
    private BytePointer stringBytes;
    private LongPointer addresses;
    private BytePointer chunkBytes;
    private long flushed;
    private boolean closed;

    /** Whether the native library loads here; decided once, logged if not. */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            synchronized (NATIVE) {
                if (available == null) {
                    try {
                        // JavaCPP would otherwise call System.gc() and wait on allocations once the process's
                        // resident memory (DuckDB, other native code) passes twice the heap.
                        if (System.getProperty("org.bytedeco.javacpp.maxPhysicalBytes") == null) {
                            System.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
                        }
                        // libhdf5 is not thread-safe: JavaCPP's garbage-collector thread must never free a native
                        // HDF5 object (closing its id) while another thread is inside the library under NATIVE.
                        // Every object is closed explicitly under the lock instead (a JVM crash in createDataSet,
                        // with a second thread also in native code, was seen before this was set).
                        System.setProperty("org.bytedeco.javacpp.nopointergc", "true");
                        Loader.load(org.bytedeco.hdf5.global.hdf5.class);
                        available = true;
                    } catch (Throwable e) {
                        LOG.warn("Native HDF5 library not available ({}); HDF5 exports hold the table in memory", e.toString());
                        available = false;
                    }
                }
                a = available;
            }
        }
        return a;
    }

    private NativeHdf5TableWriter(Path target, TableSchema schema, boolean compress, OutputProvenance provenance,
                                  DirectChunks.Codec codec) {
        this.target = target;
        this.provenance = provenance;
        this.schema = schema;
        int n = schema.size();
        this.blockRows = chunkRows(n);
        this.datasetNames = Hdf5Layout.datasetNames(schema.names());
        this.types = new ColumnType[n];
        this.datasets = new DataSet[n];
        this.masks = new DataSet[n];
        this.extent = new long[n];
        this.maskExtent = new long[n];
        this.file = new H5File(target.toString(), H5F_ACC_TRUNC);
        this.group = file.createGroup(Hdf5Layout.TABLE_GROUP);
        this.utf8 = new StrType(PredType.C_S1(), H5T_VARIABLE);
        utf8.setCset(H5T_CSET_UTF8);
        this.chunked = new DSetCreatPropList();
        chunked.setChunk(1, new long[] {blockRows});
        if (compress) {
            chunked.setDeflate(Hdf5Layout.DEFLATE_LEVEL);
        }
        for (int i = 0; i < n; i++) {
            types[i] = schema.column(i).type();
            datasets[i] = createDataset(datasetNames[i], fileType(types[i]));
        }
        this.chunks = new DirectChunks(types, blockRows, codec != null ? codec
                : compress ? DirectChunks.deflate(Hdf5Layout.DEFLATE_LEVEL) : DirectChunks.plain());
        this.compressEarly = chunks.bytesPerChunk() <= EARLY_CHUNK_BYTES;
        this.filling = new Block(types, blockRows);
    }

    /** Rows per chunk for a table of {@code columns} columns: 65,536, halved until a chunk of all columns fits. */
    static int chunkRows(int columns) {
        int rows = Hdf5Layout.CHUNK_ROWS;
        while (rows > MIN_CHUNK_ROWS && (long) rows * columns > BLOCK_CELLS) {
            rows >>= 1;
        }
        return rows;
    }

    static NativeHdf5TableWriter open(Path target, TableSchema schema, boolean compress) throws IOException {
        return open(target, schema, compress, OutputProvenance.NONE);
    }

    /** As {@link #open(Path, TableSchema, boolean)}, with the provenance as string attributes of the table group. */
    static NativeHdf5TableWriter open(Path target, TableSchema schema, boolean compress, OutputProvenance provenance)
            throws IOException {
        return open(target, schema, compress, provenance, null);
    }

    /** As above, with the chunks' bytes made by {@code codec} (null: the one matching {@code compress}). */
    static NativeHdf5TableWriter open(Path target, TableSchema schema, boolean compress, OutputProvenance provenance,
                                      DirectChunks.Codec codec) throws IOException {
        Files.deleteIfExists(target);
        synchronized (NATIVE) {
            try {
                return new NativeHdf5TableWriter(target, schema, compress, provenance, codec);
            } catch (RuntimeException e) {
                throw failure(target, "created", e);
            }
        }
    }

    private static ConversionException failure(Path target, String what, RuntimeException e) {
        LOG.warn("Native HDF5 failure on {}", target, e);
        return new ConversionException(target.getFileName() + ": the HDF5 file could not be " + what + " ("
                + e.getMessage() + ").", e);
    }

    private DataType fileType(ColumnType type) {
        return switch (type) {
            case LONG, DATE, TIMESTAMP -> PredType.STD_I64LE();
            case DOUBLE -> PredType.IEEE_F64LE();
            case BOOLEAN -> PredType.STD_U8LE();
            case STRING -> utf8;
        };
    }

    private DataSet createDataset(String name, DataType type) {
        DataSpace space = new DataSpace(1, new long[] {0}, new long[] {-1L}); // unlimited
        DSetAccPropList access = new DSetAccPropList();
        LinkCreatPropList link = new LinkCreatPropList();
        try {
            return group.createDataSet(name, type, space, chunked, access, link);
        } finally {
            link.close();
            access.close();
            space.close();
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (row.length != types.length) {
            throw new IllegalArgumentException("Row has " + row.length + " values, schema has " + types.length);
        }
        Block b = filling;
        int at = b.rows;
        if (at == b.capacity) {
            b.grow(blockRows);
        }
        try {
            for (int i = 0; i < types.length; i++) {
                Object v = row[i];
                boolean isNull = v == null;
                if (isNull) {
                    chunks.putNull(i);
                }
                switch (types[i]) {
                    case LONG -> chunks.putLong(i, isNull ? 0L : (Long) v);
                    case DATE -> chunks.putLong(i, isNull ? 0L : ((LocalDate) v).toEpochDay());
                    case TIMESTAMP -> chunks.putLong(i, isNull ? 0L : ColumnBuffer.toMicros((Instant) v));
                    case DOUBLE -> chunks.putDouble(i, isNull ? Double.NaN : (Double) v);
                    case BOOLEAN -> chunks.putByte(i, (byte) (!isNull && (Boolean) v ? 1 : 0));
                    case STRING -> {
                        String s = isNull ? "" : (String) v;
                        b.strings[i][at] = s;
                        b.textBytes += s.length() + STRING_OVERHEAD;
                    }
                }
            }
        } catch (ArithmeticException e) {
            throw new ConversionException(target.getFileName() + ": row " + (handedOn + at + 1)
                    + " holds a timestamp outside the range HDF5 int64 microseconds can store.", e);
        }
        b.rows++;
        // A chunk is complete every blockRows rows; a block of long texts goes earlier, so a block never spans two.
        if (chunks.endRow() || b.textBytes >= BLOCK_TEXT_BYTES) {
            handOn();
        }
    }

    /**
     * Hands the block on (compressing and writing a block is most of an HDF5 export's work, so the caller fills the
     * next one meanwhile): the chunks it completed start compressing, and the block goes to the writing thread once
     * the block before it is written. The chunks start before that wait unless a chunk of all columns is large (a
     * wide table), so that at most two chunks' worth of compressed columns are in flight.
     */
    private void handOn() throws IOException {
        Block full = filling;
        handedOn += full.rows;
        List<DirectChunks.Pending> ready;
        if (compressEarly) {
            ready = chunks.takeFull();
            awaitInFlight();
        } else {
            awaitInFlight();
            ready = chunks.takeFull();
        }
        filling = spare != null ? spare : new Block(types, blockRows);
        spare = null;
        if (writer == null) {
            String name = "hdf5-write-" + target.getFileName();
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
        inFlight = writer.submit(() -> {
            flush(full, ready);
            return full;
        });
    }

    /** Waits for the block being written, which then becomes the spare; its failure is rethrown here. */
    private void awaitInFlight() throws IOException {
        Future<Block> f = inFlight;
        if (f != null) {
            inFlight = null;
            spare = WorkerResults.await(f, "writing " + target.getFileName());
        }
    }

    /**
     * Up to one chunk of rows of the string columns, as filled by {@link #write} (the other columns go straight
     * into {@link #chunks}). Its arrays start at a few rows and double as rows arrive (a short table costs what its
     * rows cost), and are kept when the block is filled again.
     */
    private static final class Block {
        private static final int INITIAL_CELLS = 1 << 16;
        final ColumnType[] types;
        final String[][] strings;
        int capacity;
        int rows;
        /** Heap estimate of the strings held, reset when the block is written. */
        long textBytes;

        Block(ColumnType[] types, int blockRows) {
            this.types = types;
            strings = new String[types.length][];
            allocate((int) Math.max(1, Math.min(blockRows, INITIAL_CELLS / types.length)));
        }

        /** Doubles the arrays, up to {@code blockRows} rows. */
        void grow(int blockRows) {
            allocate((int) Math.min(blockRows, 2L * capacity));
        }

        private void allocate(int rowsWanted) {
            for (int i = 0; i < types.length; i++) {
                if (types[i] == ColumnType.STRING) {
                    strings[i] = strings[i] == null ? new String[rowsWanted] : Arrays.copyOf(strings[i], rowsWanted);
                }
            }
            capacity = rowsWanted;
        }
    }

    /**
     * Writes a block's strings after the rows already written, and empties it; then puts the chunks its other
     * columns completed into the file, in order, as they come from the compressing threads.
     */
    private void flush(Block b, List<DirectChunks.Pending> ready) throws IOException {
        int n = b.rows;
        if (n > 0) {
            synchronized (NATIVE) {
                try {
                    for (int i = 0; i < types.length; i++) {
                        if (types[i] == ColumnType.STRING) {
                            appendStrings(datasets[i], b.strings[i], n);
                        }
                    }
                } catch (RuntimeException e) {
                    throw failure(target, "written", e);
                }
            }
            flushed += n;
            b.rows = 0;
            b.textBytes = 0;
        }
        for (DirectChunks.Pending p : ready) {
            DirectChunks.Encoded e;
            try {
                e = WorkerResults.await(p.encoded(), "compressing a chunk of " + target.getFileName());
            } catch (RuntimeException other) {
                throw failure(target, "written", other);
            }
            synchronized (NATIVE) {
                try {
                    writeChunk(p, e);
                } catch (RuntimeException other) {
                    throw failure(target, "written", other);
                }
            }
            chunks.recycle(e);
        }
    }

    /**
     * Puts one encoded chunk into its dataset as it is (filter mask 0: every filter of the dataset's pipeline was
     * applied), after extending the dataset over the chunk's rows; a column's mask dataset is created with its
     * first chunk, the rows before it reading as the fill value 0, "not missing".
     */
    private void writeChunk(DirectChunks.Pending p, DirectChunks.Encoded e) {
        int i = p.column();
        DataSet ds;
        long[] spans = p.mask() ? maskExtent : extent;
        if (p.mask()) {
            if (masks[i] == null) {
                masks[i] = createDataset(datasetNames[i] + Hdf5Layout.MASK_SUFFIX, PredType.STD_U8LE());
            }
            ds = masks[i];
        } else {
            ds = datasets[i];
        }
        long end = p.firstRow() + p.rows();
        if (spans[i] < end) {
            ds.extend(new long[] {end});
            spans[i] = end;
        }
        if (chunkBytes == null || chunkBytes.capacity() < e.bytes().length) {
            if (chunkBytes != null) {
                chunkBytes.deallocate();
            }
            chunkBytes = new BytePointer(Math.max(e.bytes().length, 1 << 16));
        }
        chunkBytes.position(0).put(e.bytes(), 0, e.bytes().length);
        int status = H5Dwrite_chunk(ds.getId(), H5P_DEFAULT(), 0, new long[] {p.firstRow()}, e.bytes().length, chunkBytes);
        if (status < 0) {
            throw new IllegalStateException("direct write of the chunk at row " + p.firstRow() + " of dataset "
                    + datasetNames[i] + (p.mask() ? Hdf5Layout.MASK_SUFFIX : "") + " failed");
        }
    }

    /**
     * Writes a block of variable-length strings: their UTF-8 bytes, each ending in NUL, go into one native buffer and
     * an array of addresses into it is handed to HDF5, so a block costs two native allocations at most, not one per
     * string.
     */
    private void appendStrings(DataSet ds, String[] values, int n) {
        long[] offsets = new long[n];
        java.io.ByteArrayOutputStream bytesOut = new java.io.ByteArrayOutputStream(n * 16);
        for (int k = 0; k < n; k++) {
            offsets[k] = bytesOut.size();
            byte[] utf = values[k].getBytes(StandardCharsets.UTF_8);
            bytesOut.write(utf, 0, utf.length);
            bytesOut.write(0);
            values[k] = null;
        }
        byte[] all = bytesOut.toByteArray();
        if (stringBytes == null || stringBytes.capacity() < all.length) {
            if (stringBytes != null) {
                stringBytes.deallocate();
            }
            stringBytes = new BytePointer(Math.max(all.length, 1 << 16));
        }
        stringBytes.position(0).put(all, 0, all.length);
        if (addresses == null) {
            addresses = new LongPointer(blockRows);
        }
        long base = stringBytes.address();
        for (int k = 0; k < n; k++) {
            addresses.put(k, base + offsets[k]); // char* on a 64-bit platform
        }
        append(ds, addresses, utf8, n);
    }

    /** Extends the dataset by {@code n} rows after the rows already flushed and writes them from native memory. */
    private void append(DataSet ds, Pointer data, DataType memType, int n) {
        long start = flushed;
        ds.extend(new long[] {start + n});
        DataSpace fileSpace = ds.getSpace();
        DataSpace memSpace = new DataSpace(1, new long[] {n});
        DSetMemXferPropList xfer = new DSetMemXferPropList();
        try {
            fileSpace.selectHyperslab(H5S_SELECT_SET, new long[] {n}, new long[] {start});
            ds.write(data, memType, memSpace, fileSpace, xfer);
        } finally {
            xfer.close();
            memSpace.close();
            fileSpace.close();
        }
    }

    @Override
    public WriteSummary finish() throws IOException {
        awaitInFlight();
        stopWriter();
        flush(filling, chunks.finish());
        synchronized (NATIVE) {
            try {
                List<String> names = schema.names();
                String[] wire = new String[types.length];
                for (int i = 0; i < wire.length; i++) {
                    wire[i] = types[i].wireName();
                }
                longAttribute(group, Hdf5Layout.ATTR_VERSION, 1L);
                stringsAttribute(group, Hdf5Layout.ATTR_COLUMNS, names.toArray(new String[0]));
                stringsAttribute(group, Hdf5Layout.ATTR_TYPES, wire);
                stringsAttribute(group, Hdf5Layout.ATTR_DATASETS, datasetNames);
                longAttribute(group, Hdf5Layout.ATTR_ROWS, flushed);
                for (Map.Entry<String, String> e : provenance.entries().entrySet()) {
                    stringAttribute(group, e.getKey(), e.getValue());
                }
                for (int i = 0; i < types.length; i++) {
                    Column c = schema.column(i);
                    stringAttribute(datasets[i], Hdf5Layout.ATTR_COLUMN_NAME, c.name());
                    stringAttribute(datasets[i], Hdf5Layout.ATTR_COLUMN_TYPE, c.type().wireName());
                    if (c.type() == ColumnType.DATE) {
                        stringAttribute(datasets[i], Hdf5Layout.ATTR_ENCODING, Hdf5Layout.DATE_ENCODING);
                    } else if (c.type() == ColumnType.TIMESTAMP) {
                        stringAttribute(datasets[i], Hdf5Layout.ATTR_ENCODING, Hdf5Layout.TIMESTAMP_ENCODING);
                    } else if (c.type() == ColumnType.BOOLEAN) {
                        stringAttribute(datasets[i], Hdf5Layout.ATTR_ENCODING, "uint8, 1 = true, 0 = false");
                    }
                    if (masks[i] != null) {
                        stringAttribute(datasets[i], Hdf5Layout.ATTR_NULL_MASK,
                                datasetNames[i] + Hdf5Layout.MASK_SUFFIX);
                        stringAttribute(masks[i], Hdf5Layout.ATTR_COLUMN_NAME, c.name());
                        stringAttribute(masks[i], "description",
                                "1 where the value of column '" + c.name() + "' is missing");
                    }
                }
            } catch (RuntimeException e) {
                throw failure(target, "written", e);
            }
            closeAll();
        }
        return WriteSummary.ofRows(flushed);
    }

    private void longAttribute(H5Object on, String name, long value) {
        DataSpace scalar = new DataSpace(H5S_SCALAR);
        Attribute a = on.createAttribute(name, PredType.STD_I64LE(), scalar);
        LongPointer p = new LongPointer(1).put(value);
        try {
            a.write(PredType.NATIVE_INT64(), p);
        } finally {
            p.deallocate();
            a.close();
            scalar.close();
        }
    }

    private void stringAttribute(H5Object on, String name, String value) {
        DataSpace scalar = new DataSpace(H5S_SCALAR);
        Attribute a = on.createAttribute(name, utf8, scalar);
        BytePointer text = new BytePointer(value, StandardCharsets.UTF_8);
        try {
            a.write(utf8, text);
        } finally {
            text.deallocate();
            a.close();
            scalar.close();
        }
    }

    private void stringsAttribute(H5Object on, String name, String[] values) {
        DataSpace space = new DataSpace(1, new long[] {values.length});
        Attribute a = on.createAttribute(name, utf8, space);
        PointerPointer<BytePointer> pointers = new PointerPointer<>(values.length);
        BytePointer[] texts = new BytePointer[values.length];
        try {
            for (int k = 0; k < values.length; k++) {
                texts[k] = new BytePointer(values[k], StandardCharsets.UTF_8);
                pointers.put(k, texts[k]);
            }
            a.write(utf8, pointers);
        } finally {
            // Freed here: the garbage collector does not free native memory in this process (nopointergc).
            for (BytePointer t : texts) {
                if (t != null) {
                    t.deallocate();
                }
            }
            pointers.deallocate();
            a.close();
            space.close();
        }
    }

    private void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        for (DataSet d : datasets) {
            if (d != null) {
                d.close();
            }
        }
        for (DataSet m : masks) {
            if (m != null) {
                m.close();
            }
        }
        chunked.close();
        utf8.close();
        group.close();
        file.close();
        for (Pointer p : new Pointer[] {stringBytes, addresses, chunkBytes}) {
            if (p != null) {
                p.deallocate();
            }
        }
    }

    /** Ends the writing thread; no block is in flight. */
    private void stopWriter() {
        if (writer != null) {
            writer.shutdown();
            writer = null;
        }
    }

    @Override
    public void close() {
        // A block still being written must be done before the file closes under it, even on an interrupted
        // (cancelled) thread: native code is not interrupted, and closing under it could crash the process.
        Future<Block> f = inFlight;
        inFlight = null;
        boolean interrupted = false;
        while (f != null) {
            try {
                f.get();
                f = null;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
                LOG.debug("Writing a block of abandoned HDF5 file {} failed", target, e);
                f = null;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        stopWriter();
        synchronized (NATIVE) {
            try {
                closeAll();
            } catch (RuntimeException e) {
                LOG.debug("Closing abandoned HDF5 file {}", target, e);
            }
        }
    }
}
