package org.labexport.convert.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.labexport.base.Version;
import org.labexport.convert.ColumnBatch;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableWriter;
import org.labexport.convert.WorkerResults;
import org.labexport.convert.WriteSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a table as one Parquet file with parquet-java's file and page writers, without Hadoop's file system (no .crc
 * files) and without its record layer (docs/decisions/0025-parquet-encoding-speed.md). Columns that try a dictionary
 * go through parquet-java's column writers; the others are encoded a page at a time by {@link PlainColumnEncoder}
 * (docs/decisions/0139).
 *
 * <p>Rows are copied column by column into a {@link RowGroupBuffer}; a full buffer is encoded and compressed, on an
 * encoder thread while the caller fills the next one where there are cores to spare ({@link #DEFAULT_ENCODERS}),
 * otherwise on the caller's thread, and encoded row groups are appended to the file in order on the caller's thread.
 * At most {@code encoders} row groups are being encoded at once, so memory holds at most {@code encoders + 1}
 * buffers.
 *
 * <p>{@code row_group_size} counts rows: a row group is closed after that many rows, or earlier once its buffered
 * values reach {@link #ROW_GROUP_BYTES} (only very wide rows get there first).
 */
public final class ParquetTableWriter implements TableWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetTableWriter.class);
    /** Heap estimate of one buffered row group at which it is closed before reaching its row count. */
    static final long ROW_GROUP_BYTES = 24L * 1024 * 1024;
    /**
     * Encoder threads per file. The converter already keeps two threads busy (reading, writing), so on two cores a
     * third one measured slower and costlier than encoding on the writing thread; one is added from three cores.
     */
    static final int DEFAULT_ENCODERS = Math.max(0, Math.min(1, Runtime.getRuntime().availableProcessors() - 2));
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();
    /**
     * Tables wider than this are written without dictionaries: parquet-java gives every dictionary-encoded column a
     * 16 KB buffer of ids from its first value, which made 30,000 columns need 460 MB of heap for two rows.
     */
    static final int MAX_DICTIONARY_COLUMNS = 1_024;
    /**
     * Heap one column costs while a row group is encoded and until the footer is written (parquet-java's column
     * writer, page store, statistics, indexes and metadata), measured with dictionaries off: 8.2-8.4 KB for
     * 30,000 and 100,000 text columns of two rows. Rounded up. Measured before columns without a dictionary stopped
     * having a column writer (docs/decisions/0139), so now an overestimate for them, kept rather than measured again.
     */
    static final long HEAP_BYTES_PER_COLUMN = 10 * 1024;
    /** parquet-java's defaults (format version 1, dictionaries on), for the page store and the dictionary columns. */
    private static final ParquetProperties PROPERTIES = ParquetProperties.builder().build();

    private final Path target;
    private final TableSchema schema;
    private final MessageType parquetSchema;
    private final ColumnDescriptor[] descriptors;
    private final ParquetFileWriter file;
    private final CompressionCodecName codec;
    private final boolean dictionary;
    private final int rowGroupRows;
    private final int encoders;
    private final Deque<Future<EncodedRowGroup>> pending = new ArrayDeque<>();
    private final BlockingQueue<RowGroupBuffer> free = new LinkedBlockingQueue<>();
    /** Compressors keep state, so each encoding takes a set of its own from here and gives it back. */
    private final BlockingQueue<Compressors> idleCompressors = new LinkedBlockingQueue<>();
    private final List<Compressors> allCompressors = Collections.synchronizedList(new ArrayList<>());
    private ExecutorService pool;
    private EncodingPlan plan;
    private RowGroupBuffer current;
    private int buffersMade;
    private int rowGroupsStarted;
    private long rows;
    private final OutputProvenance provenance;
    private boolean finished;
    private boolean closed;

    private ParquetTableWriter(Path target, TableSchema schema, ParquetFileWriter file, MessageType parquetSchema,
                               ExportOptions options, int encoders, OutputProvenance provenance) {
        this.target = target;
        this.provenance = provenance;
        this.schema = schema;
        this.file = file;
        this.parquetSchema = parquetSchema;
        this.descriptors = parquetSchema.getColumns().toArray(new ColumnDescriptor[0]);
        this.codec = codec(options.string("compression"));
        this.dictionary = options.bool("use_dictionary");
        this.rowGroupRows = Math.toIntExact(options.integer("row_group_size"));
        this.encoders = encoders;
    }

    /** Opens a writer on {@code target} (replaced if it exists) with the Parquet options. */
    public static ParquetTableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        return open(target, schema, options, DEFAULT_ENCODERS, OutputProvenance.NONE);
    }

    /** As {@link #open(Path, TableSchema, ExportOptions)}, with the provenance put in the footer's key-value metadata. */
    public static ParquetTableWriter open(Path target, TableSchema schema, ExportOptions options,
                                         OutputProvenance provenance) throws IOException {
        return open(target, schema, options, DEFAULT_ENCODERS, provenance);
    }

    /** As {@link #open(Path, TableSchema, ExportOptions)}; {@code encoders} 0 encodes on the calling thread. */
    static ParquetTableWriter open(Path target, TableSchema schema, ExportOptions options, int encoders)
            throws IOException {
        return open(target, schema, options, encoders, OutputProvenance.NONE);
    }

    private static ParquetTableWriter open(Path target, TableSchema schema, ExportOptions options, int encoders,
                                           OutputProvenance provenance) throws IOException {
        if (schema.size() == 0) {
            throw new ConversionException(target.getFileName() + ": a table without columns cannot be written as Parquet.");
        }
        checkFits(target, schema.size(), Runtime.getRuntime().maxMemory());
        MessageType parquetSchema = ParquetSchemas.toParquet(schema);
        ParquetFileWriter file = new ParquetFileWriter(new HashedOutputFile(target), parquetSchema,
                ParquetFileWriter.Mode.OVERWRITE, ROW_GROUP_BYTES, ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null,
                ParquetProperties.builder().build());
        try {
            file.start();
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        return new ParquetTableWriter(target, schema, file, parquetSchema, options, encoders, provenance);
    }

    /**
     * Refuses, before any work, a table so wide that parquet-java's writers for its columns would not fit in half of
     * {@code maxHeap} (the other half is for the rows and the reader): about {@link #HEAP_BYTES_PER_COLUMN} each.
     */
    static void checkFits(Path target, int columns, long maxHeap) throws ConversionException {
        long needed = columns * HEAP_BYTES_PER_COLUMN;
        if (needed > maxHeap / 2) {
            throw new ConversionException(target.getFileName() + ": the table has " + String.format(java.util.Locale.ROOT, "%,d", columns)
                    + " columns; writing that many as Parquet needs about " + (needed >> 20) + " MB of memory, more"
                    + " than half of the " + (maxHeap >> 20) + " MB LabExport may use. Choose fewer columns with the"
                    + " columns option, export to CSV, or give LabExport more memory.");
        }
    }

    static CompressionCodecName codec(String option) {
        return switch (option) {
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "lz4_raw" -> CompressionCodecName.LZ4_RAW;
            case "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException("Unknown Parquet compression " + option);
        };
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (row.length != descriptors.length) {
            throw new IllegalArgumentException("Row has " + row.length + " values, schema has " + descriptors.length);
        }
        if (current == null) {
            current = nextBuffer();
        }
        try {
            current.add(row);
        } catch (ArithmeticException e) {
            throw new ConversionException(target.getFileName() + ": row " + (rows + 1)
                    + " holds a date or timestamp outside the range Parquet can store.", e);
        }
        rows++;
        if (current.rows() >= rowGroupRows || current.estimatedBytes() >= ROW_GROUP_BYTES) {
            submitCurrent();
        }
    }

    /** Parquet is columnar: a batch's columns are copied whole into the row group's arrays. */
    @Override
    public boolean takesColumns() {
        return true;
    }

    @Override
    public void writeColumns(ColumnBatch batch) throws IOException {
        if (batch.columns() != descriptors.length) {
            throw new IllegalArgumentException("Batch has " + batch.columns() + " columns, schema has "
                    + descriptors.length);
        }
        for (int c = 0; c < descriptors.length; c++) {
            if (batch.type(c) != schema.column(c).type()) {
                throw new IllegalArgumentException("Batch column " + c + " is " + batch.type(c) + ", schema says "
                        + schema.column(c).type());
            }
        }
        int from = 0;
        while (from < batch.rows()) {
            if (current == null) {
                current = nextBuffer();
            }
            int room = Math.min(batch.rows() - from, rowGroupRows - current.rows());
            int taken;
            try {
                taken = current.addColumns(batch, from, room, ROW_GROUP_BYTES);
            } catch (RowGroupBuffer.ValueOutOfRange e) {
                throw new ConversionException(target.getFileName() + ": row " + (rows + e.offset + 1)
                        + " holds a date or timestamp outside the range Parquet can store.", e);
            }
            rows += taken;
            from += taken;
            if (current.rows() >= rowGroupRows || current.estimatedBytes() >= ROW_GROUP_BYTES) {
                submitCurrent();
            }
        }
    }

    @Override
    public WriteSummary finish() throws IOException {
        if (current != null && current.rows() > 0) {
            submitCurrent();
        }
        while (!pending.isEmpty()) {
            writeOldest();
        }
        file.end(footerMetadata());
        finished = true;
        return WriteSummary.ofRows(rows);
    }

    /**
     * The footer's key-value metadata: who wrote the file, then the provenance (if any) in its order. Always in this
     * order, so that the same table exported twice is the same file (an unordered map's order changes from one JVM
     * to the next).
     */
    private Map<String, String> footerMetadata() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("created_by_app", "LabExport " + Version.get());
        all.put(ParquetWriter.OBJECT_MODEL_NAME_PROP, "labexport");
        all.putAll(provenance.entries());
        return all;
    }

    /** Ends the encoder threads and closes the file; without {@link #finish()} the file is left incomplete. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (Future<EncodedRowGroup> f : pending) {
                f.cancel(true);
            }
            if (pool != null) {
                pool.shutdownNow();
                if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.warn("Parquet encoder for {} did not stop within 30 s", target);
                }
            }
            for (Future<EncodedRowGroup> f : pending) {
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        f.get().close();
                    } catch (ExecutionException | RuntimeException e) {
                        LOG.debug("Row group of an abandoned Parquet file failed", e);
                    }
                }
            }
            pending.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (allCompressors) {
                allCompressors.forEach(Compressors::release);
                allCompressors.clear();
            }
            if (!finished) {
                file.close(); // flushes what was written and closes the stream, without a footer
            }
        }
    }

    /** Hands the full buffer to an encoder, first writing out the oldest row group if enough are in flight. */
    private void submitCurrent() throws IOException {
        RowGroupBuffer full = current;
        current = null;
        if (plan == null) {
            plan = plan(full);
        }
        EncodingPlan encoding = plan;
        int ordinal = rowGroupsStarted++;
        if (encoders == 0) {
            pending.add(CompletableFuture.completedFuture(encode(full, encoding, ordinal)));
        } else {
            if (pool == null) {
                pool = Executors.newFixedThreadPool(encoders, r -> {
                    Thread t = new Thread(r, "parquet-encode-" + THREAD_IDS.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
            }
            pending.add(pool.submit(() -> encode(full, encoding, ordinal)));
        }
        while (pending.size() > encoders) {
            writeOldest();
        }
    }

    /**
     * Which columns try a dictionary, fixed with the first row group ({@link DictionaryChoice}); booleans never do,
     * as in parquet-java. The others are written plain by {@link PlainColumnEncoder}.
     */
    private EncodingPlan plan(RowGroupBuffer first) {
        if (!dictionary || schema.size() > MAX_DICTIONARY_COLUMNS) {
            return EncodingPlan.of(parquetSchema, Set.of());
        }
        Set<String> plain = DictionaryChoice.plainColumns(schema, first);
        LOG.debug("{}: columns written without a dictionary: {}", target.getFileName(), plain);
        Set<String> withDictionary = new HashSet<>();
        for (int c = 0; c < schema.size(); c++) {
            String name = schema.column(c).name();
            if (schema.column(c).type() != ColumnType.BOOLEAN && !plain.contains(name)) {
                withDictionary.add(name);
            }
        }
        return EncodingPlan.of(parquetSchema, withDictionary);
    }

    /**
     * The columns written through parquet-java's column writers, with a dictionary and its fallback
     * ({@code dictionarySchema} holds just those, or is null when there are none), and the columns written plain.
     * Indexes are the table's column numbers.
     */
    record EncodingPlan(MessageType dictionarySchema, int[] dictionaryColumns, int[] plainColumns) {
        static EncodingPlan of(MessageType schema, Set<String> withDictionary) {
            List<org.apache.parquet.schema.Type> fields = new ArrayList<>();
            List<Integer> dictionaryColumns = new ArrayList<>();
            List<Integer> plainColumns = new ArrayList<>();
            for (int c = 0; c < schema.getFieldCount(); c++) {
                org.apache.parquet.schema.Type field = schema.getType(c);
                if (withDictionary.contains(field.getName())) {
                    fields.add(field);
                    dictionaryColumns.add(c);
                } else {
                    plainColumns.add(c);
                }
            }
            MessageType dictionarySchema = fields.isEmpty() ? null : new MessageType(schema.getName(), fields);
            return new EncodingPlan(dictionarySchema, dictionaryColumns.stream().mapToInt(Integer::intValue).toArray(),
                    plainColumns.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private RowGroupBuffer nextBuffer() throws IOException {
        while (true) {
            RowGroupBuffer b = free.poll();
            if (b != null) {
                return b;
            }
            if (buffersMade <= encoders) {
                buffersMade++;
                return new RowGroupBuffer(schema, rowGroupRows);
            }
            if (pending.isEmpty()) {
                throw new IllegalStateException("no free row group buffer and none in flight");
            }
            writeOldest();
        }
    }

    /**
     * Runs on an encoder thread (or the caller's): pages of every column, compressed, held in memory. Plain columns
     * are encoded straight into their pages; dictionary columns go through parquet-java's column writers.
     */
    private EncodedRowGroup encode(RowGroupBuffer buffer, EncodingPlan encoding, int ordinal) throws IOException {
        Compressors compressors = idleCompressors.poll();
        if (compressors == null) {
            compressors = new Compressors();
            allCompressors.add(compressors);
        }
        ColumnChunkPageWriteStore pages = null;
        ColumnWriteStore store = null;
        try {
            BytesInputCompressor compressor = compressors.forCodec(codec);
            pages = ColumnChunkPageWriteStore.builder()
                    .withSchema(parquetSchema)
                    .withAllocator(PROPERTIES.getAllocator())
                    .withColumnIndexTruncateLength(PROPERTIES.getColumnIndexTruncateLength())
                    .withPageWriteChecksumEnabled(PROPERTIES.getPageWriteChecksumEnabled())
                    .withRowGroupOrdinal(ordinal)
                    .withCompressorProvider(d -> compressor)
                    .build();
            if (encoding.dictionarySchema() != null) {
                store = PROPERTIES.newColumnWriteStore(encoding.dictionarySchema(), pages, pages);
                int[] indexes = encoding.dictionaryColumns();
                ColumnWriter[] writers = new ColumnWriter[indexes.length];
                for (int k = 0; k < indexes.length; k++) {
                    writers[k] = store.getColumnWriter(descriptors[indexes[k]]);
                }
                buffer.writeTo(store, indexes, writers);
                store.flush();
            }
            for (int c : encoding.plainColumns()) {
                PlainColumnEncoder.write(buffer.column(c), buffer.rows(), descriptors[c],
                        pages.getPageWriter(descriptors[c]));
            }
            EncodedRowGroup encoded = new EncodedRowGroup(buffer.rows(), pages, store);
            pages = null;
            return encoded;
        } catch (IOException | RuntimeException | Error e) {
            if (pages != null) {
                try {
                    new EncodedRowGroup(0, pages, store).close();
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing); // the first failure is the one to report
                }
            }
            throw e;
        } finally {
            idleCompressors.add(compressors);
            buffer.clear();
            free.add(buffer);
        }
    }

    /** Waits for the oldest row group in flight and appends it to the file. */
    private void writeOldest() throws IOException {
        Future<EncodedRowGroup> f = pending.poll();
        EncodedRowGroup g = WorkerResults.await(f, "encoding a Parquet row group of " + target.getFileName());
        try {
            file.startBlock(g.rows());
            g.pages().flushToFileWriter(file);
            file.endBlock();
        } finally {
            g.close();
        }
    }

    /**
     * One encoding's compressors: Snappy, the default, straight from snappy-java; the other codecs from parquet-java's
     * factory, made only when one of them is asked for (it builds Hadoop's configuration).
     */
    private static final class Compressors {
        private SnappyPageCompressor snappy;
        private CodecFactory factory;

        BytesInputCompressor forCodec(CompressionCodecName codec) {
            if (codec == CompressionCodecName.SNAPPY) {
                if (snappy == null) {
                    snappy = new SnappyPageCompressor();
                }
                return snappy;
            }
            if (factory == null) {
                factory = new CodecFactory(new PlainParquetConfiguration(), ParquetProperties.DEFAULT_PAGE_SIZE);
            }
            return factory.getCompressor(codec);
        }

        void release() {
            if (snappy != null) {
                snappy.release();
            }
            if (factory != null) {
                factory.release();
            }
        }
    }

    /** A row group's compressed pages, ready to be appended to the file. */
    private record EncodedRowGroup(long rows, ColumnChunkPageWriteStore pages, ColumnWriteStore store) {
        void close() {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                pages.close();
            }
        }
    }
}
