package org.labexport.convert.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvRecordHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.labexport.convert.BatchPipe;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ColumnTypeTracker;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SchemaRevisedException;
import org.labexport.convert.SourceFiles;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.ValueText;

/**
 * Streams a CSV/TSV table, its column types decided by every value of each column (see {@link ColumnTypeTracker}).
 *
 * <p>By default in one pass: the types of the first {@value #SAMPLE_RECORDS} records (or first 8 Mi characters)
 * make a provisional schema, and every later value is checked against it as rows are read. A typed read
 * ({@link #next}) stops with {@link SchemaRevisedException} at the first value that does not fit; a text read
 * ({@link #nextText}) goes on, and {@link #finalSchema()} tells the types every value fitted. Without speculation
 * ({@link ReadSettings#speculate()} false) it reads twice: the first pass infers every column's type, the second
 * produces rows of that schema. In each pass one thread splits the text into records while the caller's thread
 * checks or parses values.
 *
 * <p>The first row holds the column names. A blank name becomes {@code col_<position>} (1-based) and a repeated
 * name gets {@code _2}, {@code _3}, ... so that every column has a unique, non-blank name. A row with a different
 * number of fields than the header is an error naming the file and line; blank lines are skipped (in a
 * one-column table they are null values). Fields equal to a null token are null.
 */
final class CsvTableReader implements TableReader {
    private static final int BATCH_RECORDS = 2048;
    private static final long BATCH_CHARS = 4L * 1024 * 1024;
    /** The prefix a provisional schema is inferred from: enough for the types, small enough to hold. */
    static final int SAMPLE_RECORDS = 16_384;
    private static final long SAMPLE_CHARS = 8L * 1024 * 1024;

    private final Path file;
    private final String fileName;
    private final char delimiter;
    private final int maxFieldChars;
    private final ReadSettings settings;
    private final Set<String> nullTokens;
    private final int maxNullTokenLength;
    private final boolean emptyIsNull;
    private final long fileSize;

    private TableSchema schema;
    private ColumnType[] types;
    private List<String> names;
    private int columns;
    /** Passes over the file this reader makes: 1 with a provisional schema, 2 with inference first. */
    private volatile int totalPasses;
    /** Passes over the file finished so far. */
    private volatile int finishedPasses;
    /** The pass that rows come from has started (it is {@link #pass} while open). */
    private boolean rowsPass;
    private volatile Pass pass;
    /** The schema came from a prefix; {@link #trackers} go on checking every later value. */
    private boolean provisional;
    private ColumnTypeTracker[] trackers;
    /** Records read for the provisional schema, given as rows before the rest of the pass. */
    private List<CsvRecord> sample = List.of();
    private int sampleIndex;
    private long rowsSinceCancelCheck;

    CsvTableReader(Path file, char delimiter, int maxFieldChars, ReadSettings settings) throws IOException {
        this.file = file;
        this.fileName = file.getFileName().toString();
        this.delimiter = delimiter;
        this.maxFieldChars = maxFieldChars;
        this.settings = settings;
        this.nullTokens = new HashSet<>(settings.nullValues());
        this.emptyIsNull = nullTokens.contains("");
        int max = 0;
        for (String t : nullTokens) {
            max = Math.max(max, t.length());
        }
        this.maxNullTokenLength = max;
        this.fileSize = Files.size(file);
        this.totalPasses = settings.speculate() ? 1 : 2;
    }

    @Override
    public TableSchema schema() throws IOException {
        if (schema == null) {
            if (settings.speculate()) {
                sampleSchema();
            } else {
                inferSchema();
            }
        }
        return schema;
    }

    @Override
    public TableSchema finalSchema() throws IOException {
        TableSchema s = schema();
        if (!provisional) {
            return s;
        }
        List<Column> cols = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            cols.add(new Column(names.get(i), trackers[i].result()));
        }
        return new TableSchema(cols);
    }

    /** Opens the rows pass and infers a provisional schema from its first records, kept to be given as rows. */
    private void sampleSchema() throws IOException {
        Pass p = new Pass();
        pass = p;
        rowsPass = true;
        totalPasses = 1;
        names = uniqueNames(p.header());
        columns = names.size();
        trackers = trackers(columns);
        List<CsvRecord> prefix = new ArrayList<>();
        long chars = 0;
        boolean ended = false;
        while (prefix.size() < SAMPLE_RECORDS && chars < SAMPLE_CHARS) {
            CsvRecord r = p.nextRecord();
            if (r == null) {
                ended = true;
                break;
            }
            checkCancel();
            prefix.add(r);
            for (int i = 0; i < columns; i++) {
                String text = r.getField(i);
                chars += text.length();
                ColumnTypeTracker t = trackers[i];
                if (!t.isText() && !isNull(text)) {
                    t.accept(text);
                }
            }
        }
        sample = prefix;
        provisional = !ended;
        types = new ColumnType[columns];
        List<Column> cols = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            types[i] = trackers[i].result();
            cols.add(new Column(names.get(i), types[i]));
        }
        schema = new TableSchema(cols);
    }

    private void inferSchema() throws IOException {
        // Type checks cost more than splitting: the caller's thread and one helper take alternate batches, each
        // with its own trackers, merged at the end.
        ExecutorService helper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "csv-infer-" + fileName);
            t.setDaemon(true);
            return t;
        });
        totalPasses = 2;
        try (Pass first = new Pass()) {
            pass = first;
            names = uniqueNames(first.header());
            columns = names.size();
            ColumnTypeTracker[] mine = trackers(columns);
            ColumnTypeTracker[] theirs = trackers(columns);
            Future<?> pending = null;
            boolean toHelper = false;
            List<CsvRecord> batch;
            while ((batch = first.nextBatch()) != null) {
                settings.cancel().check();
                if (toHelper) {
                    await(pending);
                    List<CsvRecord> b = batch;
                    pending = helper.submit(() -> {
                        infer(b, theirs, first);
                        return null;
                    });
                } else {
                    infer(batch, mine, first);
                }
                toHelper = !toHelper;
            }
            await(pending);
            List<Column> cols = new ArrayList<>(columns);
            types = new ColumnType[columns];
            for (int i = 0; i < columns; i++) {
                mine[i].merge(theirs[i]);
                types[i] = mine[i].result();
                cols.add(new Column(names.get(i), types[i]));
            }
            schema = new TableSchema(cols);
            finishedPasses = 1;
        } finally {
            pass = null;
            helper.shutdownNow();
            try {
                helper.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ColumnTypeTracker[] trackers(int n) {
        ColumnTypeTracker[] t = new ColumnTypeTracker[n];
        for (int i = 0; i < n; i++) {
            t[i] = new ColumnTypeTracker();
        }
        return t;
    }

    private static void await(Future<?> f) throws IOException {
        if (f == null) {
            return;
        }
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while inferring column types");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c);
        }
    }

    private void infer(List<CsvRecord> batch, ColumnTypeTracker[] trackers, Pass p) throws IOException {
        for (CsvRecord r : batch) {
            if (!p.isDataRecord(r)) {
                continue;
            }
            for (int i = 0; i < columns; i++) {
                ColumnTypeTracker t = trackers[i];
                if (t.isText()) {
                    continue;
                }
                String text = r.getField(i);
                if (!isNull(text)) {
                    t.accept(text);
                }
            }
        }
    }

    private void checkCancel() throws IOException {
        if (++rowsSinceCancelCheck >= 4096) {
            rowsSinceCancelCheck = 0;
            settings.cancel().check();
        }
    }

    private boolean isNull(String text) {
        if (text.isEmpty()) {
            return emptyIsNull;
        }
        return text.length() <= maxNullTokenLength && nullTokens.contains(text);
    }

    @Override
    public boolean next(Object[] row) throws IOException {
        return read(row, false);
    }

    /** Each non-null value as the file's own text (null tokens become null): see {@link TableReader#nextText}. */
    @Override
    public boolean nextText(Object[] row) throws IOException {
        return read(row, true);
    }

    private boolean read(Object[] row, boolean asText) throws IOException {
        if (schema == null) {
            schema();
        }
        if (!rowsPass) {
            rowsPass = true;
            pass = new Pass();
            List<String> header = pass.header();
            if (header.size() != columns) {
                throw new ConversionException(fileName + " changed while it was being read (its header differs).");
            }
        }
        CsvRecord r;
        boolean check = false;
        if (sampleIndex < sample.size()) {
            r = sample.get(sampleIndex);
            sample.set(sampleIndex++, null);
            if (sampleIndex == sample.size()) {
                sample = List.of();
                sampleIndex = 0;
            }
        } else {
            Pass p = pass;
            r = p == null ? null : p.nextRecord();
            if (r == null) {
                if (p != null) {
                    p.close();
                    pass = null;
                    finishedPasses = totalPasses;
                }
                return false;
            }
            check = provisional;
        }
        checkCancel();
        for (int i = 0; i < columns; i++) {
            String text = r.getField(i);
            if (isNull(text)) {
                row[i] = null;
                continue;
            }
            if (check) {
                ColumnTypeTracker t = trackers[i];
                if (!t.isText()) {
                    t.accept(text);
                }
                if (!asText && !t.allows(types[i])) {
                    throw new SchemaRevisedException(fileName, names.get(i), types[i]);
                }
            }
            if (asText) {
                row[i] = text;
                continue;
            }
            try {
                row[i] = ValueText.parse(text, types[i]);
            } catch (IllegalArgumentException e) {
                throw new ConversionException(fileName + " changed while it was being read: line "
                        + r.getStartingLineNumber() + " column '" + schema.column(i).name() + "' is not a "
                        + types[i].wireName() + ".");
            }
        }
        return true;
    }

    @Override
    public long bytesConsumed() {
        Pass p = pass;
        long inPass = p == null ? 0 : Math.min(fileSize, p.raw.count());
        return Math.min(finishedPasses, totalPasses) * fileSize + inPass;
    }

    @Override
    public long bytesTotal() {
        return (long) totalPasses * fileSize;
    }

    @Override
    public void close() {
        Pass p = pass;
        pass = null;
        if (p != null) {
            p.close();
        }
    }

    /** Column names from the header row, blanks and repeats renamed as described in the class comment. */
    static List<String> uniqueNames(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        Set<String> taken = new HashSet<>();
        for (String h : header) {
            if (!h.isBlank()) {
                taken.add(h);
            }
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            String name = h.isBlank() ? "col_" + (i + 1) : h;
            if (used.contains(name) || (h.isBlank() && taken.contains(name))) {
                String base = name;
                int k = 2;
                do {
                    name = base + "_" + k++;
                } while (taken.contains(name) || used.contains(name));
            }
            used.add(name);
            names.add(name);
        }
        return names;
    }

    /** One pass over the file: a splitter thread feeding batches of records. */
    private final class Pass implements AutoCloseable {
        private final SourceFiles.CountingInputStream raw;
        private final BatchPipe<List<CsvRecord>> pipe;
        private List<CsvRecord> batch = List.of();
        private int index;
        private int expected = -1;

        Pass() throws IOException {
            TextInput.Decoded decoded = TextInput.open(file);
            this.raw = decoded.raw();
            CsvRecordHandler handler = CsvRecordHandler.of(b -> b
                    .maxFields(1_000_000)
                    .maxFieldSize(maxFieldChars)
                    .maxRecordSize(maxFieldChars));
            CsvReader<CsvRecord> reader = CsvReader.builder()
                    .fieldSeparator(delimiter)
                    .quoteCharacter('"')
                    .skipEmptyLines(false)
                    .allowExtraFields(true)
                    .allowMissingFields(true)
                    .maxBufferSize(maxFieldChars)
                    .build(handler, decoded.reader());
            this.pipe = BatchPipe.start(4, "csv-split-" + fileName, sink -> split(reader, sink));
        }

        private void split(CsvReader<CsvRecord> reader, BatchPipe.Sink<List<CsvRecord>> sink) throws IOException {
            long records = 0;
            try (reader) {
                Iterator<CsvRecord> it = reader.iterator();
                List<CsvRecord> out = new ArrayList<>(BATCH_RECORDS);
                long chars = 0;
                while (true) {
                    CsvRecord r;
                    try {
                        if (!it.hasNext()) {
                            break;
                        }
                        r = it.next();
                    } catch (CsvParseException e) {
                        throw tooLongOrMalformed(e, records);
                    } catch (UncheckedIOException e) {
                        throw decodingProblem(e.getCause(), records);
                    }
                    records++;
                    out.add(r);
                    for (int i = 0, n = r.getFieldCount(); i < n; i++) {
                        chars += r.getField(i).length();
                    }
                    if (out.size() >= BATCH_RECORDS || chars >= BATCH_CHARS) {
                        sink.put(out);
                        out = new ArrayList<>(BATCH_RECORDS);
                        chars = 0;
                    }
                }
                if (!out.isEmpty()) {
                    sink.put(out);
                }
            } catch (CharacterCodingException e) {
                throw decodingProblem(e, records);
            }
        }

        private IOException tooLongOrMalformed(CsvParseException e, long records) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                return decodingProblem(u.getCause(), records);
            }
            if (cause instanceof IOException io) {
                return decodingProblem(io, records);
            }
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("aximum") || msg.contains("exceed")) {
                return new ConversionException(fileName + ": a field or line after line " + records
                        + " is longer than " + maxFieldChars + " characters; this is not a table LabExport can read.");
            }
            return new ConversionException(fileName + ": malformed " + (delimiter == '\t' ? "TSV" : "CSV")
                    + " after line " + records + " (" + msg + ").", e);
        }

        private IOException decodingProblem(IOException e, long records) {
            if (e instanceof ConversionException c) {
                return c;
            }
            if (e instanceof CharacterCodingException) {
                return new ConversionException(fileName + " is not a text table: it is not valid UTF-8 text (near line "
                        + (records + 1) + "). Save it as UTF-8 and try again.", e);
            }
            return e;
        }

        List<String> header() throws IOException {
            CsvRecord r = nextRaw();
            if (r == null) {
                throw new ConversionException(fileName + " is empty: a header row with the column names is required.");
            }
            List<String> h = r.getFields();
            expected = h.size();
            return h;
        }

        /** The next data record with exactly the header's number of fields, or null at the end. */
        CsvRecord nextRecord() throws IOException {
            while (true) {
                CsvRecord r = nextRaw();
                if (r == null) {
                    return null;
                }
                if (isDataRecord(r)) {
                    return r;
                }
            }
        }

        /** The rest of the current batch or the next batch of raw records (data and blank lines), or null at the end. */
        List<CsvRecord> nextBatch() throws IOException {
            if (index < batch.size()) {
                List<CsvRecord> rest = batch.subList(index, batch.size());
                index = batch.size();
                return rest;
            }
            List<CsvRecord> b = pipe.take();
            if (b == null) {
                return null;
            }
            batch = List.of();
            index = 0;
            return b;
        }

        /** True for a record with the header's number of fields, false for a blank line; otherwise an error. */
        boolean isDataRecord(CsvRecord r) throws ConversionException {
            int n = r.getFieldCount();
            if (n == expected) {
                return true;
            }
            if (n == 1 && r.getField(0).isEmpty()) {
                return false; // a blank line
            }
            throw new ConversionException(fileName + " line " + r.getStartingLineNumber() + ": " + n
                    + (n == 1 ? " field" : " fields") + ", but the header has " + expected + " columns.");
        }

        private CsvRecord nextRaw() throws IOException {
            if (index >= batch.size()) {
                List<CsvRecord> b = pipe.take();
                if (b == null) {
                    return null;
                }
                batch = b;
                index = 0;
            }
            return batch.get(index++);
        }

        @Override
        public void close() {
            pipe.close();
        }
    }
}
