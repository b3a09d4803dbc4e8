package org.labexport.convert.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.labexport.base.CancelSignal;
import org.labexport.convert.BatchPipe;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnBatch;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ConversionResult;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputFiles;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.ProgressListener;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.RowPreparer;
import org.labexport.convert.SchemaRevisedException;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableConverter;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.TextBatch;
import org.labexport.convert.WriteSummary;
import org.labexport.convert.engine.FormatRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversion engine: reads a source table through its {@link SourceReader} and writes it through the target's
 * {@link TableWriterFactory}, both found in {@link FormatRegistry}.
 *
 * <p>Two stages run in parallel: a reader thread parses rows into batches (text sources start from a provisional
 * schema and are read again, with types from the whole input, only if a later value does not fit it and the
 * writer's output depends on the types), while the calling thread encodes and writes them; a small bounded queue
 * keeps memory flat. Writers of text formats are given the source's own text where the reader has it. The caller
 * thread polls the {@link CancelSignal} and reports byte progress at least every 200 ms and after every batch, so
 * cancel stops the work within a second. Output goes to a hidden temporary name in the output directory and is moved
 * into place only when whole; on failure or cancel every file this call wrote is deleted.
 */
public final class StreamingTableConverter implements TableConverter {
    private static final Logger LOG = LoggerFactory.getLogger(StreamingTableConverter.class);
    private static final int BATCH_ROWS = 1024;
    /** Values a row batch holds at most: fewer rows per batch for a table wider than 64 columns. */
    private static final int BATCH_CELLS = 1 << 16;
    private static final int QUEUE_BATCHES = 8;
    private static final long POLL_MILLIS = 200;

    @Override
    public ConversionResult convert(Path source, ExportOptions options, Path outputDir, String outputStem,
                                    ProgressListener progress, CancelSignal cancel, OutputProvenance provenance)
            throws IOException {
        OutputProvenance stored = provenance == null ? OutputProvenance.NONE : provenance;
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        CancelSignal stop = cancel == null ? CancelSignal.NEVER : cancel;
        String fileName = source.getFileName().toString();
        ExportFormat target = options.format();
        if (!target.converts()) {
            throw new ConversionException(fileName + ": format " + target.wireName()
                    + " copies original bytes and is not a table conversion.");
        }
        if (!Files.isRegularFile(source)) {
            throw new ConversionException(fileName + ": file not found or not a regular file.");
        }
        SourceFormat sourceFormat = SourceFormat.detect(source);
        SourceReader reader = FormatRegistry.reader(sourceFormat).orElseThrow(() -> new ConversionException(fileName
                + ": cannot read this file as a table (" + (sourceFormat == SourceFormat.UNKNOWN ? "unrecognised format"
                : sourceFormat.wireName() + " reading is not available") + ")."));
        TableWriterFactory writers = FormatRegistry.writer(target).orElseThrow(() -> new ConversionException(
                fileName + ": writing " + target.wireName() + " is not available."));
        ReadSettings settings = ReadSettings.from(options, stop).withSpeculation(true);
        long sourceSize = Files.size(source);

        List<ConversionResult.ConvertedTable> done = new ArrayList<>();
        boolean ok = false;
        try {
            stop.check();
            List<String> tables = reader.tables(source, settings);
            Set<String> usedNames = new HashSet<>();
            for (int i = 0; i < tables.size(); i++) {
                String table = tables.get(i);
                String name = outputName(outputStem, table, tables.size(), target, usedNames);
                TableProgress tp = new TableProgress(listener, sourceSize, i, tables.size());
                done.add(convertTable(source, reader, table, settings, writers, options, stored, outputDir.resolve(name),
                        tp, stop));
            }
            listener.onProgress(sourceSize, sourceSize);
            ok = true;
            return new ConversionResult(sourceFormat, done);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (RuntimeException e) {
            LOG.warn("Conversion of {} failed unexpectedly", source, e);
            throw new ConversionException(fileName + ": the conversion stopped on an unexpected internal error;"
                    + " the details are in LabExport's log.", e);
        } catch (OutOfMemoryError e) {
            // Everything this conversion allocated is unreachable once the stack has unwound to here, so the
            // process (and the other files of a job) can go on; the limits above keep this a last resort.
            LOG.warn("Conversion of {} ran out of memory", source, e);
            throw new ConversionException(fileName + ": the table is too large to convert in the "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB of memory LabExport may use (very long values"
                    + " or very many columns). Give LabExport more memory, or choose fewer columns with the columns"
                    + " option.", e);
        } catch (StackOverflowError e) {
            LOG.warn("Conversion of {} overflowed the stack", source, e);
            throw new ConversionException(fileName + ": the file is nested too deeply to convert.", e);
        } finally {
            if (!ok) {
                for (ConversionResult.ConvertedTable t : done) {
                    Files.deleteIfExists(t.path());
                }
            }
        }
    }

    private static String outputName(String stem, String table, int tableCount, ExportFormat target, Set<String> used) {
        String base = stem;
        if (tableCount > 1 && table != null) {
            base = stem + "_" + safe(table);
        }
        String name = base + "." + target.extension();
        for (int k = 2; !used.add(name); k++) {
            name = base + "_" + k + "." + target.extension();
        }
        return name;
    }

    /** A table name made safe for a file name: letters, digits, '.', '-' and '_' kept, anything else '_'. */
    static String safe(String table) {
        StringBuilder sb = new StringBuilder(table.length());
        for (int i = 0; i < table.length(); i++) {
            char c = table.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String s = sb.toString();
        while (s.startsWith(".") || s.startsWith("_")) {
            s = s.substring(1);
        }
        return s.isEmpty() ? "table" : s;
    }

    /** What the reader thread sends: first the schema, then batches of rows or columns, last the final schema. */
    private record Chunk(TableSchema schema, Object[][] rows, int count, ColumnBatch columns, TextBatch text,
                         boolean last) {
        Chunk(TableSchema schema, Object[][] rows, int count, boolean last) {
            this(schema, rows, count, null, null, last);
        }
    }

    /**
     * Converts one table in one pass where the reader can start from a provisional schema; if a value then turns
     * out not to fit it (and the writer's output depends on the types), converts it again with the types inferred
     * from the whole input first.
     */
    private ConversionResult.ConvertedTable convertTable(Path source, SourceReader sourceReader, String table,
                                                         ReadSettings settings, TableWriterFactory writers,
                                                         ExportOptions options, OutputProvenance provenance,
                                                         Path finalPath, TableProgress progress,
                                                         CancelSignal cancel) throws IOException {
        try {
            return convertOnce(source, sourceReader, table, settings, writers, options, provenance, finalPath,
                    progress, cancel);
        } catch (SchemaRevisedException e) {
            if (!settings.speculate()) {
                throw e;
            }
            LOG.debug("Converting {} again with types from the whole input: {}", source, e.getMessage());
            return convertOnce(source, sourceReader, table, settings.withSpeculation(false), writers, options,
                    provenance, finalPath, progress, cancel);
        }
    }

    private ConversionResult.ConvertedTable convertOnce(Path source, SourceReader sourceReader, String table,
                                                        ReadSettings settings, TableWriterFactory writers,
                                                        ExportOptions options, OutputProvenance provenance,
                                                        Path finalPath, TableProgress progress,
                                                        CancelSignal cancel) throws IOException {
        String fileName = source.getFileName().toString();
        List<String> wanted = options.list("columns");
        TableReader reader = sourceReader.open(source, table, settings);
        Path temp = finalPath.resolveSibling("." + finalPath.getFileName() + ".part-" + UUID.randomUUID());
        CompletableFuture<TableWriter> opened = new CompletableFuture<>();
        BatchPipe<Chunk> pipe = BatchPipe.start(QUEUE_BATCHES, "convert-read-" + fileName,
                sink -> produce(reader, wanted, fileName, cancel, opened, sink));
        TableWriter writer = null;
        boolean ok = false;
        try {
            TableSchema schema = null;
            TableSchema finalSchema = null;
            long rows = 0;
            while (true) {
                Chunk c = pipe.poll(POLL_MILLIS);
                cancel.check();
                progress.report(reader);
                if (c == null) {
                    if (pipe.finished()) {
                        break;
                    }
                    continue;
                }
                if (c.last()) {
                    finalSchema = c.schema();
                    continue;
                }
                if (c.schema() != null) {
                    schema = c.schema();
                    writer = writers.open(temp, schema, options, provenance);
                    opened.complete(writer);
                    continue;
                }
                if (c.columns() != null) {
                    writer.writeColumns(c.columns());
                    rows += c.columns().rows();
                    continue;
                }
                if (c.text() != null) {
                    writer.writeText(c.text());
                    rows += c.text().rows();
                    continue;
                }
                Object[][] batch = c.rows();
                for (int i = 0, n = c.count(); i < n; i++) {
                    writer.write(batch[i]);
                }
                rows += c.count();
            }
            if (writer == null || finalSchema == null) {
                throw new ConversionException(fileName + ": the reader produced no table.");
            }
            if (!finalSchema.equals(schema) && writer.dependsOnColumnTypes()) {
                Column changed = firstDifference(schema, finalSchema);
                throw new SchemaRevisedException(fileName, changed.name(), changed.type());
            }
            cancel.check();
            WriteSummary summary = writer.finish();
            writer.close();
            writer = null;
            OutputFiles.renameWithDigest(temp, finalPath);
            ok = true;
            return new ConversionResult.ConvertedTable(finalPath, table, finalSchema, rows, summary);
        } catch (ConversionException e) {
            throw namingTheSource(e, temp, fileName);
        } finally {
            opened.cancel(false);
            pipe.close();
            closeQuietly(writer);
            closeQuietly(reader);
            if (!ok) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Writers name the file they write, here the hidden temporary one; a researcher knows the source file, so its
     * name replaces the temporary one in the message.
     */
    private static ConversionException namingTheSource(ConversionException e, Path temp, String fileName) {
        String tempName = temp.getFileName().toString();
        String m = e.getMessage();
        if (m == null || !m.contains(tempName) || e instanceof SchemaRevisedException) {
            return e;
        }
        return new ConversionException(m.replace(tempName, fileName), e.getCause() != null ? e.getCause() : e);
    }

    /** The first column of {@code a} whose type differs in {@code b}, a schema of the same columns. */
    private static Column firstDifference(TableSchema a, TableSchema b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.column(i).equals(b.column(i))) {
                return a.column(i);
            }
        }
        return a.column(0);
    }

    /**
     * Runs on the reader thread: the projected schema, then row batches (the file's own text where the writer takes
     * it), then the projected final schema.
     */
    private static void produce(TableReader reader, List<String> wanted, String fileName, CancelSignal cancel,
                                CompletableFuture<TableWriter> opened, BatchPipe.Sink<Chunk> sink) throws Exception {
        TableSchema full = reader.schema();
        int[] projection = projection(full, wanted, fileName);
        sink.put(new Chunk(project(full, projection), null, 0, false));
        TableWriter writer = awaitWriter(opened, cancel);
        if (writer == null) {
            return;
        }
        boolean text = writer.takesSourceText();
        boolean fitSchema = writer.dependsOnColumnTypes();
        // Preparing touches every value of every row; rows of source text have nothing to prepare.
        RowPreparer preparer = writer instanceof RowPreparer p && !(text && reader.givesTextAsStrings()) ? p : null;
        boolean identity = projection.length == full.size();
        for (int i = 0; identity && i < projection.length; i++) {
            identity = projection[i] == i;
        }
        if (!identity) {
            // A late odd value in a column that is not exported must not make the table be read again.
            reader.useOnly(projection);
        }
        if (!text && preparer == null && writer.takesColumns()
                && produceColumns(reader, projection, identity, cancel, sink)) {
            return;
        }
        if (identity && text && preparer == null && writer.takesTextBatches()
                && produceTextBatches(reader, fitSchema, projection, cancel, sink)) {
            return;
        }
        if (identity && produceBatches(reader, text, fitSchema, preparer, projection, cancel, sink)) {
            return;
        }
        Object[] row = new Object[full.size()];
        int batchRows = Math.max(1, Math.min(BATCH_ROWS, BATCH_CELLS / Math.max(1, full.size())));
        while (true) {
            cancel.check();
            Object[][] batch = new Object[batchRows][];
            int n = 0;
            while (n < batchRows) {
                Object[] target = identity ? new Object[full.size()] : row;
                if (!(text ? reader.nextText(target, fitSchema) : reader.next(target))) {
                    break;
                }
                if (identity) {
                    batch[n++] = target;
                } else {
                    Object[] projected = new Object[projection.length];
                    for (int k = 0; k < projection.length; k++) {
                        projected[k] = row[projection[k]];
                    }
                    batch[n++] = projected;
                }
            }
            if (preparer != null) {
                for (int i = 0; i < n; i++) {
                    preparer.prepare(batch[i]);
                }
            }
            if (n > 0) {
                sink.put(new Chunk(null, batch, n, false));
            }
            if (n < batchRows) {
                sink.put(new Chunk(project(reader.finalSchema(), projection), null, 0, true));
                return;
            }
        }
    }

    /**
     * Hands on the reader's own column batches (only the wanted columns), if it makes them
     * ({@link TableReader#nextColumns}), then the final schema; false if it does not and nothing was read.
     */
    private static boolean produceColumns(TableReader reader, int[] projection, boolean identity, CancelSignal cancel,
                                          BatchPipe.Sink<Chunk> sink) throws IOException {
        while (true) {
            cancel.check();
            ColumnBatch columns = reader.nextColumns();
            if (columns == null) {
                return false;
            }
            if (columns.rows() == 0) {
                sink.put(new Chunk(project(reader.finalSchema(), projection), null, 0, true));
                return true;
            }
            sink.put(new Chunk(null, null, 0, identity ? columns : columns.project(projection), null, false));
        }
    }

    /**
     * Hands on the reader's batches of source text (every column), if it makes them
     * ({@link TableReader#nextTextBatch}), then the final schema; false if it does not and nothing was read.
     */
    private static boolean produceTextBatches(TableReader reader, boolean fitSchema, int[] projection,
                                              CancelSignal cancel, BatchPipe.Sink<Chunk> sink) throws IOException {
        while (true) {
            cancel.check();
            TextBatch batch = reader.nextTextBatch(fitSchema);
            if (batch == null) {
                return false;
            }
            if (batch.rows() == 0) {
                sink.put(new Chunk(project(reader.finalSchema(), projection), null, 0, true));
                return true;
            }
            sink.put(new Chunk(null, null, 0, null, batch, false));
        }
    }

    /**
     * Hands on the reader's own row batches, if it makes them ({@link TableReader#nextRows}), then the final
     * schema; false if the reader reads row by row and nothing was read.
     */
    private static boolean produceBatches(TableReader reader, boolean text, boolean fitSchema, RowPreparer preparer,
                                          int[] projection, CancelSignal cancel, BatchPipe.Sink<Chunk> sink)
            throws IOException {
        while (true) {
            cancel.check();
            Object[][] rows = reader.nextRows(text, text ? fitSchema : true);
            if (rows == null) {
                return false;
            }
            if (rows.length == 0) {
                sink.put(new Chunk(project(reader.finalSchema(), projection), null, 0, true));
                return true;
            }
            if (preparer != null) {
                for (Object[] r : rows) {
                    preparer.prepare(r);
                }
            }
            sink.put(new Chunk(null, rows, rows.length, false));
        }
    }

    /** The writer the calling thread opened on the schema; null if it gave up (the pipe is being closed). */
    private static TableWriter awaitWriter(CompletableFuture<TableWriter> opened, CancelSignal cancel)
            throws Exception {
        while (true) {
            cancel.check();
            try {
                return opened.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // poll cancel again
            } catch (CancellationException e) {
                return null;
            }
        }
    }

    private static TableSchema project(TableSchema full, int[] projection) {
        List<Column> cols = new ArrayList<>(projection.length);
        for (int idx : projection) {
            cols.add(full.column(idx));
        }
        return new TableSchema(cols);
    }

    /** Indexes of the wanted columns, in the wanted order; every column when none are named. */
    static int[] projection(TableSchema schema, List<String> wanted, String fileName) throws ConversionException {
        if (wanted == null || wanted.isEmpty()) {
            int[] all = new int[schema.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] idx = new int[wanted.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < idx.length; i++) {
            String name = wanted.get(i);
            int at = schema.indexOf(name);
            if (at < 0) {
                at = schema.indexOf(name.trim());
            }
            if (at < 0) {
                throw new ConversionException(fileName + ": unknown column '" + name + "' in the columns option; "
                        + "available columns: " + String.join(", ", schema.names()) + ".");
            }
            if (!seen.add(schema.column(at).name())) {
                throw new ConversionException(fileName + ": column '" + name + "' is listed twice in the columns option.");
            }
            idx[i] = at;
        }
        return idx;
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing after a failed conversion", e);
        }
    }

    /**
     * Scales one table's byte progress into the whole source's bytes, never backwards: a table read again after a
     * revised schema holds its bar until the new pass passes it.
     */
    private static final class TableProgress {
        private final ProgressListener listener;
        private final long sourceSize;
        private final int index;
        private final int count;
        private double fraction;

        TableProgress(ProgressListener listener, long sourceSize, int index, int count) {
            this.listener = listener;
            this.sourceSize = sourceSize;
            this.index = index;
            this.count = count;
        }

        void report(TableReader reader) {
            long total = reader.bytesTotal();
            double now = total > 0 ? Math.min(1.0, (double) reader.bytesConsumed() / total) : 0.0;
            fraction = Math.max(fraction, now);
            long done = (long) (sourceSize * ((index + fraction) / count));
            listener.onProgress(Math.min(done, sourceSize), sourceSize);
        }
    }
}
