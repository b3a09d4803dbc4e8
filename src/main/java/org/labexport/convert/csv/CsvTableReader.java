package org.labexport.convert.csv;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.labexport.convert.BatchPipe;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnBatch;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ColumnTypeTracker;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SchemaRevisedException;
import org.labexport.convert.SourceFiles;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TextBatch;
import org.labexport.convert.ValueText;
import org.labexport.convert.WorkerResults;

/**
 * Streams a CSV/TSV table, its column types decided by every value of each column (see {@link ColumnTypeTracker}).
 *
 * <p>Where the caller allows it ({@link ReadSettings#speculate()}, as the converter does), in one pass: the types of
 * the first {@value #SAMPLE_RECORDS} records (or first 8 Mi characters) make a provisional schema, and every later
 * value is checked against it as rows are read. A typed read ({@link #next}) stops with
 * {@link SchemaRevisedException} before the batch holding the first value that does not fit; a text read
 * ({@link #nextText}) goes on, and {@link #finalSchema()} tells the types every value fitted. Otherwise it reads
 * twice: the first pass infers every column's type, the second produces rows of that schema. In each pass one
 * thread splits the text into records and two more check each batch's values against the column types (each batch
 * gets its own trackers, merged in order by the caller's thread) and, once the schema is set, make its rows; the
 * caller's thread only hands rows on, so the costliest work is spread over both cores.
 *
 * <p>The first row holds the column names. A blank name becomes {@code col_<position>} (1-based) and a repeated
 * name gets {@code _2}, {@code _3}, ... so that every column has a unique, non-blank name. A row with a different
 * number of fields than the header is an error naming the file and line; blank lines are skipped (in a
 * one-column table they are null values). Fields equal to a null token are null.
 */
final class CsvTableReader implements TableReader {
    private static final int BATCH_RECORDS = 2048;
    /** Where FastCSV's messages say a malformed record starts. */
    private static final java.util.regex.Pattern RECORD_LINE =
            java.util.regex.Pattern.compile("record (?:starting at|that started in) line (\\d+)");
    private static final long BATCH_CHARS = 4L * 1024 * 1024;
    /** The prefix a provisional schema is inferred from: enough for the types, small enough to hold. */
    static final int SAMPLE_RECORDS = 16_384;
    private static final long SAMPLE_CHARS = 8L * 1024 * 1024;
    private static final int CHECK_THREADS = 2;
    /** More fields than this in one record is not a table. */
    private static final int MAX_FIELDS = 1_000_000;

    private final Path file;
    private final String fileName;
    private final char delimiter;
    private final int maxFieldChars;
    private final ReadSettings settings;
    private final Set<String> nullTokens;
    /** The null tokens as characters, to compare with a field where it was split. */
    private final char[][] nullTokenChars;
    private final int maxNullTokenLength;
    /** Per character: whether some null token starts with it (most fields, numbers, are then ruled out at once). */
    private final boolean[] nullTokenStarts = new boolean[Character.MAX_VALUE + 1];
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
    /** The schema came from a prefix; {@link #trackers} go on taking every later value. */
    private boolean provisional;
    /** Every value seen so far, per column (all batches merged in order). */
    private ColumnTypeTracker[] trackers;
    /** Records of the current batch (the prefix's batches first), turned into rows on this thread; or null. */
    private RecordBatch records;
    private int recordIndex;
    /** Or rows of the current batch that a checking thread already made. */
    private Object[][] batchRows;
    /** The columns the caller uses ({@link #useOnly}); null for all. */
    private boolean[] used;
    /** How rows are being read ("as columns", "as text", "as typed rows"): fixed by the first read. */
    private String readMode;
    /** Or the current batch as columns a checking thread made (when asked for columns). */
    private ColumnBatch batchColumns;
    /** Or the current batch as text ranges a checking thread made (when asked for text batches). */
    private TextBatch batchText;
    private int batchRowIndex;
    /** Whether the rows pass was told how to make rows (after which its batches come as rows). */
    private boolean conversionSet;
    /** Batches read for the provisional schema, given as rows before the rest of the pass. */
    private List<RecordBatch> sample = new ArrayList<>();
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
        this.nullTokenChars = nullTokens.stream().map(String::toCharArray).toArray(char[][]::new);
        for (String t : nullTokens) {
            if (!t.isEmpty()) {
                nullTokenStarts[t.charAt(0)] = true;
            }
        }
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
        return provisional ? schemaOf(trackers) : s;
    }

    private TableSchema schemaOf(ColumnTypeTracker[] t) {
        List<Column> cols = new ArrayList<>(columns);
        for (int i = 0; i < columns; i++) {
            cols.add(new Column(names.get(i), t[i].result()));
        }
        return new TableSchema(cols);
    }

    private void fixSchema(TableSchema s) {
        schema = s;
        types = new ColumnType[columns];
        for (int i = 0; i < columns; i++) {
            types[i] = s.column(i).type();
        }
    }

    /** Opens the rows pass and infers a provisional schema from its first batches, kept to be given as rows. */
    private void sampleSchema() throws IOException {
        Pass p = new Pass(true);
        pass = p;
        rowsPass = true;
        names = uniqueNames(p.header());
        columns = names.size();
        trackers = trackers(columns);
        long records = 0;
        long chars = 0;
        boolean ended = false;
        while (records < SAMPLE_RECORDS && chars < SAMPLE_CHARS) {
            settings.cancel().check();
            Pass.Batch b = p.nextBatch();
            if (b == null) {
                ended = true;
                break;
            }
            merge(b);
            sample.add(b.records());
            records += b.records().size();
            chars += b.chars();
        }
        provisional = !ended;
        fixSchema(schemaOf(trackers));
    }

    /** The first pass, for types only: every batch's trackers merged. */
    private void inferSchema() throws IOException {
        try (Pass first = new Pass(true)) {
            pass = first;
            names = uniqueNames(first.header());
            columns = names.size();
            trackers = trackers(columns);
            Pass.Batch b;
            while ((b = first.nextBatch()) != null) {
                settings.cancel().check();
                merge(b);
            }
            fixSchema(schemaOf(trackers));
            finishedPasses = 1;
        } finally {
            pass = null;
        }
    }

    /** Adds a batch's checked values to {@link #trackers}. */
    private void merge(Pass.Batch b) throws IOException {
        ColumnTypeTracker[] t = b.checked().trackers();
        for (int i = 0; i < columns; i++) {
            trackers[i].merge(t[i]);
        }
    }

    private static ColumnTypeTracker[] trackers(int n) {
        ColumnTypeTracker[] t = new ColumnTypeTracker[n];
        for (int i = 0; i < n; i++) {
            t[i] = new ColumnTypeTracker();
        }
        return t;
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
        return text.length() <= maxNullTokenLength && nullTokenStarts[text.charAt(0)] && nullTokens.contains(text);
    }

    /**
     * Only these columns are made into values and must fit their types; the others come as null, and a late value
     * that does not fit one of them no longer revises the schema (their types are still tracked for
     * {@link #finalSchema()}).
     */
    @Override
    public void useOnly(int[] wanted) throws IOException {
        if (readMode != null) {
            throw new IllegalStateException(fileName + ": the columns to use are set before the first row");
        }
        schema();
        boolean[] mask = new boolean[columns];
        for (int c : wanted) {
            mask[c] = true;
        }
        used = mask;
    }

    private boolean uses(int column) {
        return used == null || used[column];
    }

    /** As {@link #isNull(String)} for the field {@code a[off, off + len)}. */
    private boolean isNull(char[] a, int off, int len) {
        if (len == 0) {
            return emptyIsNull;
        }
        if (len > maxNullTokenLength || !nullTokenStarts[a[off]]) {
            return false;
        }
        for (char[] token : nullTokenChars) {
            if (token.length == len && Arrays.equals(token, 0, len, a, off, off + len)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean next(Object[] row) throws IOException {
        return read(row, false, true);
    }

    /** Every value given as text is a String of the file's own characters. */
    @Override
    public boolean givesTextAsStrings() {
        return true;
    }

    /** Each non-null value as the file's own text (null tokens become null): see {@link TableReader#nextText}. */
    @Override
    public boolean nextText(Object[] row, boolean fitSchema) throws IOException {
        return read(row, true, fitSchema);
    }

    /** Opens the rows pass (and the schema, if not yet) and says how its batches become rows. */
    private void startRows(boolean asText, boolean fitSchema, boolean columnar) throws IOException {
        startRows(asText, fitSchema, columnar, false);
    }

    private void startRows(boolean asText, boolean fitSchema, boolean columnar, boolean textBatches)
            throws IOException {
        String mode = textBatches ? "as text batches" : columnar ? "as columns" : asText ? "as text" : "as typed rows";
        if (readMode == null) {
            readMode = mode;
        } else if (!readMode.equals(mode)) {
            // The checking threads were told once how to make rows; a reader is read one way.
            throw new IllegalStateException(fileName + " is being read " + readMode + ", not " + mode);
        }
        if (schema == null) {
            schema();
        }
        if (!rowsPass) {
            rowsPass = true;
            pass = new Pass(true);
            List<String> header = pass.header();
            if (header.size() != columns) {
                throw new ConversionException(fileName + " changed while it was being read (its header differs).");
            }
        }
        if (!conversionSet && pass != null) {
            conversionSet = true;
            // Text for a writer that depends on types must still be checked against them, even after a full first
            // pass: the file may have changed since, and a non-number must not reach a JSON number.
            pass.convert(new Conversion(types, asText, provisional || (asText && fitSchema), columnar && !asText,
                    textBatches, used));
        }
    }

    /**
     * Whole column batches the checking threads made, handed over as they are; columns of records made here
     * otherwise (the prefix's records, or a batch with a problem, which then fails in place).
     */
    @Override
    public ColumnBatch nextColumns() throws IOException {
        startRows(false, true, true);
        while (true) {
            settings.cancel().check();
            if (batchColumns != null) {
                ColumnBatch out = batchColumns;
                batchColumns = null;
                if (out.rows() > 0) {
                    return out;
                }
                continue;
            }
            Object[][] rows = recordRows(false);
            if (rows.length > 0) {
                ColumnBatch out = new ColumnBatch(types, rows.length);
                for (int r = 0; r < rows.length; r++) {
                    for (int c = 0; c < columns; c++) {
                        out.set(c, r, rows[r][c]);
                    }
                }
                out.setRows(rows.length);
                return out;
            }
            if (!nextBatch(true)) {
                return new ColumnBatch(types, 0);
            }
        }
    }

    /** The rows of the current batch's remaining records, made on this thread (none if it has none left). */
    private Object[][] recordRows(boolean asText) throws IOException {
        if (records == null || recordIndex >= records.size()) {
            return new Object[0][];
        }
        List<Object[]> out = new ArrayList<>(records.size() - recordIndex);
        while (recordIndex < records.size()) {
            int r = recordIndex++;
            if (pass.isDataRecord(records, r)) {
                Object[] row = new Object[columns];
                fill(records, r, row, asText);
                out.add(row);
            }
        }
        return out.toArray(new Object[0][]);
    }

    /**
     * Text batches the checking threads made, handed over as they are; a batch of records made here otherwise (the
     * prefix's records, or a batch with a problem, which then fails in place).
     */
    @Override
    public TextBatch nextTextBatch(boolean fitSchema) throws IOException {
        startRows(true, fitSchema, false, true);
        while (true) {
            settings.cancel().check();
            if (batchText != null) {
                TextBatch out = batchText;
                batchText = null;
                if (out.rows() > 0) {
                    return out;
                }
                continue;
            }
            TextBatch made = recordText();
            if (made.rows() > 0) {
                return made;
            }
            if (!nextBatch(fitSchema)) {
                return TextBatch.empty(columns);
            }
        }
    }

    /** The current batch's remaining records as text ranges, made on this thread (none if it has none left). */
    private TextBatch recordText() throws IOException {
        if (records == null || recordIndex >= records.size()) {
            return TextBatch.empty(columns);
        }
        RecordBatch b = records;
        int[] starts = new int[(b.size() - recordIndex) * columns];
        int[] ends = new int[starts.length];
        int made = 0;
        char[] text = b.text();
        while (recordIndex < b.size()) {
            int r = recordIndex++;
            if (!pass.isDataRecord(b, r)) {
                continue;
            }
            int base = made++ * columns;
            for (int i = 0; i < columns; i++) {
                int start = b.start(r, i);
                int end = b.end(r, i);
                boolean isNull = !uses(i) || isNull(text, start, end - start);
                starts[base + i] = isNull ? -1 : start;
                ends[base + i] = end;
            }
        }
        return new TextBatch(text, columns, made, starts, ends);
    }

    /** Whole batches the checking threads made, handed over as they are; rows of records made here otherwise. */
    @Override
    public Object[][] nextRows(boolean asText, boolean fitSchema) throws IOException {
        startRows(asText, fitSchema, false);
        while (true) {
            settings.cancel().check();
            if (batchRows != null) {
                Object[][] out = batchRowIndex == 0 ? batchRows
                        : Arrays.copyOfRange(batchRows, batchRowIndex, batchRows.length);
                batchRows = null;
                if (out.length > 0) {
                    return out;
                }
                continue;
            }
            Object[][] rows = recordRows(asText);
            if (rows.length > 0) {
                return rows;
            }
            if (!nextBatch(fitSchema)) {
                return new Object[0][];
            }
        }
    }

    /**
     * The next row, typed or as text; with {@code fitSchema} every value fits {@link #types} (checked a batch at a
     * time: a provisional schema is then revised, a final one means the file changed since the first pass).
     */
    private boolean read(Object[] row, boolean asText, boolean fitSchema) throws IOException {
        startRows(asText, fitSchema, false);
        while (true) {
            if (batchRows != null) {
                if (batchRowIndex < batchRows.length) {
                    Object[] made = batchRows[batchRowIndex];
                    batchRows[batchRowIndex++] = null;
                    System.arraycopy(made, 0, row, 0, columns);
                    checkCancel();
                    return true;
                }
                batchRows = null;
            }
            while (records != null && recordIndex < records.size()) {
                int r = recordIndex++;
                if (pass.isDataRecord(records, r)) {
                    checkCancel();
                    fill(records, r, row, asText);
                    return true;
                }
            }
            if (!nextBatch(fitSchema)) {
                return false;
            }
        }
    }

    /** One record's values into {@code row}, on this thread (the prefix's records, or a batch with a problem). */
    private void fill(RecordBatch b, int r, Object[] row, boolean asText) throws IOException {
        for (int i = 0; i < columns; i++) {
            String text = b.field(r, i);
            if (!uses(i) || isNull(text)) {
                row[i] = null;
            } else if (asText) {
                row[i] = text;
            } else {
                try {
                    row[i] = ValueText.parse(text, types[i]);
                } catch (IllegalArgumentException e) {
                    throw new ConversionException(fileName + " changed while it was being read: line "
                            + b.lineNumber(r) + " column '" + schema.column(i).name() + "' is not a "
                            + types[i].wireName() + ".");
                }
            }
        }
    }

    /**
     * Moves to the next batch of the rows pass (the prefix's batches first); false at its end. A batch read after a
     * provisional schema is merged into the trackers first. With {@code fitSchema}, a batch holding a value that
     * does not fit its column's type ends the read: a provisional schema is revised, a final one means the file
     * changed since its first pass.
     */
    private boolean nextBatch(boolean fitSchema) throws IOException {
        records = null;
        recordIndex = 0;
        if (!sample.isEmpty()) {
            records = sample.remove(0);
            return true;
        }
        Pass p = pass;
        Pass.Batch b = p == null ? null : p.nextBatch();
        if (b == null) {
            if (p != null) {
                p.close();
                pass = null;
                finishedPasses = totalPasses;
            }
            return false;
        }
        Checked checked = b.checked();
        if (provisional) {
            merge(b);
        }
        if (fitSchema) {
            ColumnTypeTracker[] seen = provisional ? trackers : checked.trackers();
            for (int i = 0; i < columns; i++) {
                if (uses(i) && !seen[i].allows(types[i])) {
                    if (provisional) {
                        throw new SchemaRevisedException(fileName, names.get(i), types[i]);
                    }
                    throw new ConversionException(fileName + " changed while it was being read: column '"
                            + names.get(i) + "' now holds a value that is not a " + types[i].wireName() + ".");
                }
            }
        }
        if (checked.columns() != null) {
            batchColumns = checked.columns();
        } else if (checked.text() != null) {
            batchText = checked.text();
        } else if (checked.rows() != null) {
            batchRows = checked.rows();
            batchRowIndex = 0;
        } else {
            records = b.records();
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

    /**
     * One pass over the file: a splitter thread feeding batches of records, and (when asked) two threads checking
     * each batch's values against the column types while it waits in the queue.
     */
    private final class Pass implements AutoCloseable {
        /** A batch of raw records (data and blank lines) and, for a checked pass, its values' types. */
        record Batch(RecordBatch records, long chars, Future<Checked> types) {
            Checked checked() throws IOException {
                return WorkerResults.await(types, "checking column types");
            }
        }

        private final SourceFiles.CountingInputStream raw;
        private final BatchPipe<Batch> pipe;
        private final ExecutorService checkers;
        /** The checkers' threads, joined on close: the pool's own wait ends before its last thread has exited. */
        private final List<Thread> checkerThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile int expected = -1;
        /** How batches split from now on are also turned into rows by the checking threads; null: not yet. */
        private volatile Conversion conversion;
        private List<String> header;

        Pass(boolean checked) throws IOException {
            TextInput.Source source = TextInput.open(file);
            this.raw = source.raw();
            RecordSplitter splitter;
            try {
                splitter = source.charset().equals(StandardCharsets.UTF_8) && Utf8RecordSplitter.splits(delimiter)
                        ? new Utf8RecordSplitter(source.content(), file, delimiter, MAX_FIELDS, maxFieldChars,
                                BATCH_RECORDS)
                        : new FastCsvRecordSplitter(source.reader(file), delimiter, MAX_FIELDS, maxFieldChars,
                                BATCH_RECORDS);
            } catch (RuntimeException e) {
                source.close();
                throw e;
            }
            AtomicInteger n = new AtomicInteger();
            this.checkers = checked ? Executors.newFixedThreadPool(CHECK_THREADS, r -> {
                Thread t = new Thread(r, "csv-check-" + n.incrementAndGet() + "-" + fileName);
                t.setDaemon(true);
                checkerThreads.add(t);
                return t;
            }) : null;
            this.pipe = BatchPipe.start(6, "csv-split-" + fileName, sink -> split(splitter, sink));
        }

        private void split(RecordSplitter splitter, BatchPipe.Sink<Batch> sink) throws IOException {
            long records = 0;
            try (splitter) {
                while (true) {
                    try {
                        if (!splitter.next()) {
                            break;
                        }
                    } catch (CsvParseException e) {
                        throw tooLongOrMalformed(e, records);
                    }
                    if (records++ == 0) {
                        // The header travels alone and unchecked: its names are not values.
                        RecordBatch header = splitter.take();
                        expected = header.fieldCount(0);
                        sink.put(new Batch(header, 0, null));
                        continue;
                    }
                    RecordBatch current = splitter.current();
                    if (current.size() >= BATCH_RECORDS || current.chars() >= BATCH_CHARS) {
                        sink.put(batch(splitter.take()));
                    }
                }
                if (splitter.current().size() > 0) {
                    sink.put(batch(splitter.take()));
                }
            } catch (IOException e) {
                throw decodingProblem(e, records);
            }
        }

        /** Batches split after this call come with their rows made as {@code c} says. */
        void convert(Conversion c) {
            conversion = c;
        }

        private Batch batch(RecordBatch records) {
            if (checkers == null) {
                return new Batch(records, records.chars(), null);
            }
            return new Batch(records, records.chars(), checkers.submit(() -> check(records)));
        }

        /**
         * Every value's type in a batch and, once the caller said how ({@link #convert}), its rows. Stops making
         * rows at a record with the wrong number of fields, a value that does not fit a provisional type or one
         * that does not parse: the caller then goes through the records itself and reports the problem in place.
         */
        private Checked check(RecordBatch batch) {
            int width = expected;
            Conversion conv = conversion;
            ColumnTypeTracker[] t = trackers(width);
            int size = batch.size();
            boolean columnar = conv != null && conv.columnar();
            boolean textBatch = conv != null && conv.textBatches();
            Object[][] rows = conv == null || columnar || textBatch ? null : new Object[size][];
            // Text columns become UTF-8 here, where the row was just read: the writer copies them as they are.
            ColumnBatch cols = columnar ? ColumnBatch.overText(conv.types(), size, batch.isAscii()) : null;
            int[] starts = textBatch ? new int[size * width] : null;
            int[] ends = textBatch ? new int[size * width] : null;
            // Still making rows (or columns): false without a conversion, and from the first value that fails.
            boolean making = conv != null;
            char[] text = batch.text();
            int made = 0;
            for (int r = 0; r < size; r++) {
                int n = batch.fieldCount(r);
                if (n != width) {
                    if (batch.isBlank(r)) {
                        continue;
                    }
                    making = false;
                    break;
                }
                Object[] row = making && rows != null ? new Object[width] : null;
                boolean rowOk = making;
                int base = made * width;
                int end = batch.start(r, 0);
                for (int i = 0; i < width; i++) {
                    int start = end;
                    end = batch.end(r, i);
                    int len = end - start;
                    if (textBatch && making) {
                        starts[base + i] = -1;
                        ends[base + i] = end;
                    }
                    if (isNull(text, start, len)) {
                        continue;
                    }
                    ColumnTypeTracker c = t[i];
                    boolean wanted = conv == null || conv.uses(i);
                    if (!rowOk || conv.asText() || !wanted) {
                        if (conv == null || conv.track()) {
                            if (!c.isText()) {
                                c.accept(text, start, len);
                            }
                        }
                        if (rowOk && wanted) {
                            if (textBatch) {
                                starts[base + i] = start;
                            } else {
                                row[i] = new String(text, start, len);
                            }
                        }
                    } else if (conv.track()) {
                        ColumnType type = conv.types()[i];
                        if (cols != null && type == ColumnType.DOUBLE) {
                            if (c.acceptDouble(text, start, len)) {
                                cols.setDouble(i, made, c.lastDouble());
                            } else {
                                making = false;
                                rowOk = false;
                            }
                        } else if (cols != null && type == ColumnType.BOOLEAN) {
                            int v = c.acceptBoolean(text, start, len);
                            if (v < 0) {
                                making = false;
                                rowOk = false;
                            } else {
                                cols.setBoolean(i, made, v == 1);
                            }
                        } else if (cols != null && type == ColumnType.STRING) {
                            c.acceptText(text, start, len);
                            cols.setText(i, made, text, start, end);
                        } else {
                            Object v = c.acceptAs(text, start, len, type);
                            if (v == null) {
                                making = false;
                                rowOk = false;
                            } else if (cols != null) {
                                cols.set(i, made, v);
                            } else {
                                row[i] = v;
                            }
                        }
                    } else if (cols != null && cols.isTextRanges(i)) {
                        cols.setText(i, made, text, start, end); // text is taken as it is: nothing to parse
                    } else {
                        try {
                            Object v = ValueText.parse(new String(text, start, len), conv.types()[i]);
                            if (cols != null) {
                                cols.set(i, made, v);
                            } else {
                                row[i] = v;
                            }
                        } catch (IllegalArgumentException e) {
                            making = false;
                            rowOk = false;
                        }
                    }
                }
                if (making) {
                    if (rows != null) {
                        rows[made] = row;
                    }
                    made++;
                }
            }
            if (!making) {
                return new Checked(t, null, null, null);
            }
            if (rows != null && made < rows.length) {
                rows = Arrays.copyOf(rows, made);
            }
            if (cols != null) {
                cols.setRows(made);
            }
            return new Checked(t, rows, cols, textBatch ? new TextBatch(text, width, made, starts, ends) : null);
        }

        private IOException tooLongOrMalformed(CsvParseException e, long records) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError oom) {
                throw oom; // the converter fails the file saying so; FastCSV wraps it as a parse error
            }
            if (cause instanceof UncheckedIOException u) {
                return decodingProblem(u.getCause(), records);
            }
            if (cause instanceof IOException io) {
                return decodingProblem(io, records);
            }
            if (e instanceof RecordBatch.TooManyFields t) {
                return new ConversionException(fileName + ": a line after line " + records + " has more than "
                        + String.format(java.util.Locale.ROOT, "%,d", t.maxFields)
                        + " fields; this is not a table LabExport can read.");
            }
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("aximum") || msg.contains("exceed")) {
                return new ConversionException(fileName + ": a field or line after line " + records
                        + " is longer than " + maxFieldChars + " characters; this is not a table LabExport can read.");
            }
            java.util.regex.Matcher at = RECORD_LINE.matcher(msg);
            String where = at.find() ? ", line " + at.group(1) : " (after record " + records + ")";
            if (msg.startsWith("Unclosed quoted field")) {
                return new ConversionException(fileName + where + ": the record that starts on this line has a"
                        + " quoted field that is never closed, so the rest of the file would become one value. Add the"
                        + " missing closing quote (\") and export again.", e);
            }
            if (msg.startsWith("Unexpected character after closing quote")) {
                return new ConversionException(fileName + where + ": a closing quote is followed by other text"
                        + " instead of the delimiter or the end of the line; quotes inside a quoted field must be"
                        + " doubled (\"\").", e);
            }
            return new ConversionException(fileName + where + ": the " + (delimiter == '\t' ? "TSV" : "CSV")
                    + " text is malformed there.", e);
        }

        private IOException decodingProblem(IOException e, long records) {
            if (e instanceof ConversionException c) {
                return c;
            }
            if (e instanceof CharacterCodingException) {
                long line;
                try {
                    line = TextInput.lineOfUndecodable(file);
                } catch (IOException again) {
                    line = -1;
                }
                String where = line > 0 ? "line " + line : "after line " + records;
                return new ConversionException(fileName + " is not a text table: " + where + " holds bytes that are"
                        + " not valid UTF-8 text. Save it as UTF-8 and try again.", e);
            }
            return e;
        }

        List<String> header() throws IOException {
            if (header == null) {
                Batch b = pipe.take();
                if (b == null) {
                    throw new ConversionException(fileName
                            + " is empty: a header row with the column names is required.");
                }
                header = b.records().fields(0);
            }
            return header;
        }

        /** The next batch of raw records after the header, or null at the end. */
        Batch nextBatch() throws IOException {
            header();
            return pipe.take();
        }

        /** True for a record with the header's number of fields, false for a blank line; otherwise an error. */
        boolean isDataRecord(RecordBatch b, int r) throws ConversionException {
            int n = b.fieldCount(r);
            if (n == header.size()) {
                return true;
            }
            if (b.isBlank(r)) {
                return false;
            }
            throw new ConversionException(fileName + " line " + b.lineNumber(r) + ": " + n
                    + (n == 1 ? " field" : " fields") + ", but the header has " + header.size() + " columns.");
        }

        @Override
        public void close() {
            pipe.close();
            if (checkers != null) {
                checkers.shutdownNow();
                try {
                    // A check takes one batch: the threads are gone well within this when the reader closes.
                    checkers.awaitTermination(10, TimeUnit.SECONDS);
                    for (Thread t : checkerThreads) {
                        t.join(1000);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * How the checking threads turn a batch into rows: typed values of {@code types} or the source text, and whether
     * they also track the types (a provisional schema, or text that must fit the types) or trust them (typed values
     * of a schema from a full first pass, which fail to parse if the file changed); only the {@code used} columns
     * (all if null) are made into values.
     */
    private record Conversion(ColumnType[] types, boolean asText, boolean track, boolean columnar,
                              boolean textBatches, boolean[] used) {
        boolean uses(int column) {
            return used == null || used[column];
        }
    }

    /** A batch's checked types (one tracker per column) and its rows, or null rows if this thread must make them. */
    private record Checked(ColumnTypeTracker[] trackers, Object[][] rows, ColumnBatch columns, TextBatch text) {
    }
}
