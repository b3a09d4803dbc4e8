package org.labexport.convert.excel;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import org.labexport.base.CancelSignal;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SchemaRevisedException;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.ValueText;

/**
 * Reads one sheet as a table in two streaming passes over its XML: the first finds the header (the first row with
 * a value), the extent and each column's type from every cell; the second gives the rows. Rows between the header
 * and the last row with a value are kept, empty ones as all-null rows.
 */
final class ExcelTableReader implements TableReader {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ExcelTableReader.class);
    private static final int CANCEL_CHECK_ROWS = 4096;
    /** Rows x columns above which a table must have a value in at least 1 of {@link #MIN_FILLED_RATIO} cells. */
    static final long MAX_SPARSE_GRID = 10_000_000;
    static final long MIN_FILLED_RATIO = 100;

    private final ExcelWorkbook workbook;
    private final String sheet;
    private final ReadSettings settings;
    private final CancelSignal cancel;
    private final long fileSize;
    private TableSchema schema;
    private ColumnType[] types;
    private int headerRow = -1;
    private int lastRow = -1;
    private long dataRows;
    private SheetScanner scanner;
    /** Whether the sheet's XML needs the StAX scanner (decided by the first pass, kept by the second). */
    private boolean stax;
    private int nextRow;
    private boolean pendingRow;
    private long rowsGiven;
    /** Whether the row being read is for {@link #nextText}: number cells may then stay their own text. */
    private boolean asText;
    /** The length of the longest null token: longer text is not null, and need not be hashed to know it. */
    private final int longestNullToken;

    ExcelTableReader(ExcelWorkbook workbook, String sheet, ReadSettings settings) throws IOException {
        this.workbook = workbook;
        this.sheet = sheet;
        this.settings = settings;
        this.cancel = settings.cancel();
        this.fileSize = Files.size(workbook.file);
        this.longestNullToken = settings.nullValuesList().stream().mapToInt(String::length).max().orElse(-1);
        if (!(settings.speculate() && startOnePass())) {
            firstPass();
        }
    }

    private ConversionException failure(Exception e) {
        ConversionException c = ExcelWorkbook.failure(workbook.file, e);
        if (e instanceof XMLStreamException && !(e instanceof SheetScanner.CellTooLongException)
                && !c.getMessage().contains("zip bomb")) {
            javax.xml.stream.Location at = ((XMLStreamException) e).getLocation();
            return new ConversionException(workbook.file.getFileName() + ", sheet '" + sheet
                    + "': the sheet data is damaged" + (at == null || at.getLineNumber() < 0 ? ""
                    : String.format(java.util.Locale.ROOT, " (its XML is malformed at line %,d, character %,d)",
                    at.getLineNumber(), at.getColumnNumber())) + ".", e);
        }
        return c;
    }

    /** What the first pass collects: the header, each column's cells, and where the table starts and ends. */
    private static final class Survey {
        final List<String> header = new ArrayList<>();
        final List<ColumnStats> stats = new ArrayList<>();
        int headerRow = -1;
        int lastRow = -1;
        /** Cells below the header holding a value. */
        long cells;
    }

    /** A scanner over the sheet, inflating its zip entry on a second thread. */
    private SheetScanner openScanner() throws IOException, XMLStreamException {
        java.io.InputStream in = new ReadAheadInputStream(workbook.sheet(sheet), "xlsx-inflate");
        try {
            return stax ? SheetScanner.stax(in, workbook.sharedStrings(), ExcelTableWriter.MAX_CELL_CHARS)
                    : SheetScanner.bytes(in, workbook.sharedStrings(), ExcelTableWriter.MAX_CELL_CHARS);
        } catch (IOException | XMLStreamException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private void firstPass() throws IOException {
        List<ColumnType> declared = workbook.declaredTypes;
        Survey survey;
        try {
            try (SheetScanner s = openScanner()) {
                survey = survey(s);
            } catch (ByteSheetScanner.Unsupported e) {
                LOG.debug("{}, sheet '{}': reading with StAX, {}", workbook.file.getFileName(), sheet, e.getMessage());
                stax = true;
                try (SheetScanner s = openScanner()) {
                    survey = survey(s);
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
        List<String> header = survey.header;
        List<ColumnStats> stats = survey.stats;
        headerRow = survey.headerRow;
        lastRow = survey.lastRow;
        int width = Math.max(header.size(), stats.size());
        checkNotAbsurd(width, lastRow < 0 ? 0 : lastRow - headerRow, survey.cells);
        boolean useDeclared = declared != null && declared.size() == width;
        types = new ColumnType[width];
        for (int c = 0; c < width; c++) {
            ColumnStats cs = c < stats.size() ? stats.get(c) : null;
            ColumnType type;
            if (cs == null) {
                type = useDeclared ? declared.get(c) : ColumnType.STRING;
            } else {
                type = useDeclared ? cs.typeWithDeclared(declared.get(c)) : cs.type();
            }
            types[c] = type;
        }
        schema = schemaOf(header, types);
        dataRows = lastRow < 0 ? 0 : lastRow - headerRow;
        nextRow = headerRow + 1;
    }

    /**
     * Refuses a table whose rows times columns would be mostly empty cells and huge: one stray cell at XFD1048576
     * would otherwise become a million rows of 16,384 empty values (and take every conversion's memory and hours).
     */
    private void checkNotAbsurd(int width, long rows, long cells) throws ConversionException {
        long grid = rows * width;
        if (grid > MAX_SPARSE_GRID && cells * MIN_FILLED_RATIO < grid) {
            throw new ConversionException(String.format(java.util.Locale.ROOT, "%s, sheet '%s': its cells spread"
                    + " over %,d rows x %,d columns (to cell %s%d) but only %,d of them %s a value. Delete the"
                    + " stray cells far from the data (Excel: select the empty rows and columns after the table and"
                    + " delete them) and export again.", workbook.file.getFileName(), sheet, rows, width,
                    org.apache.poi.ss.util.CellReference.convertNumToColString(width - 1), lastRow + 1, cells, cells == 1 ? "holds" : "hold"));
        }
    }

    /** Columns named by the header row ({@code column_N} where it has no text, {@code _2}... where repeated). */
    private static TableSchema schemaOf(List<String> header, ColumnType[] types) {
        List<Column> columns = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int c = 0; c < types.length; c++) {
            String name = c < header.size() && header.get(c) != null && !header.get(c).isEmpty()
                    ? header.get(c) : "column_" + (c + 1);
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "_" + k;
            }
            columns.add(new Column(unique, types[c]));
        }
        return new TableSchema(columns);
    }

    // One-pass reading (a provisional schema, see TableReader): our own workbooks record their column types, so
    // the rows can be given at once with those types while every cell is still checked against them. The first
    // cell that does not fit, a cell right of the header, rows out of order or XML the byte scanner does not take
    // end the read with SchemaRevisedException, and the converter reads the sheet again in two passes. Empty rows
    // are counted, not held, and given as all-null rows only when a later row has a value, so trailing empty rows
    // are dropped as in two passes.
    private boolean onePass;
    private ColumnStats[] onePassStats;
    private int lastIndex;
    private int lastGiven;
    private int pendingNulls;
    private boolean pendingValues;
    private boolean finished;
    private long xmlSize = -1;

    /** Reads up to the header and sets the recorded types as the schema; false where one pass does not apply. */
    private boolean startOnePass() throws IOException {
        List<ColumnType> declared = workbook.declaredTypes;
        if (declared == null || declared.isEmpty()) {
            return false;
        }
        List<String> header = new ArrayList<>();
        try {
            scanner = openScanner();
            boolean found = false;
            while (scanner.nextRow()) {
                if (hasValue(scanner)) {
                    headerRow = scanner.rowIndex;
                    for (int i = 0; i < scanner.cellCount; i++) {
                        while (header.size() <= scanner.columns[i]) {
                            header.add(null);
                        }
                        header.set(scanner.columns[i], headerText(scanner, i));
                    }
                    found = true;
                    break;
                }
            }
            if (!found || header.size() != declared.size()) {
                closeScanner();
                return false;
            }
        } catch (ByteSheetScanner.Unsupported e) {
            LOG.debug("{}, sheet '{}': reading with StAX, {}", workbook.file.getFileName(), sheet, e.getMessage());
            closeScanner();
            stax = true;
            return false;
        } catch (XMLStreamException | RuntimeException e) {
            closeScanner();
            throw failure(e);
        }
        types = declared.toArray(new ColumnType[0]);
        schema = schemaOf(header, types);
        onePassStats = new ColumnStats[types.length];
        onePass = true;
        lastIndex = headerRow;
        lastGiven = headerRow;
        xmlSize = workbook.sheetXmlSize(sheet);
        return true;
    }

    private void closeScanner() throws IOException {
        if (scanner != null) {
            SheetScanner s = scanner;
            scanner = null;
            s.close();
        }
    }

    private SchemaRevisedException revised(int column) {
        int c = Math.min(Math.max(column, 0), types.length - 1);
        return new SchemaRevisedException(workbook.file.getFileName() + ", sheet '" + sheet + "'",
                schema.column(c).name(), types[c]);
    }

    private boolean nextOnePass(Object[] row) throws IOException {
        if (pendingNulls > 0) {
            Arrays.fill(row, null);
            pendingNulls--;
            rowsGiven++;
            return true;
        }
        if (pendingValues) {
            Arrays.fill(row, null);
            fill(row);
            pendingValues = false;
            rowsGiven++;
            return true;
        }
        if (finished) {
            return false;
        }
        try {
            while (true) {
                if (!scanner.nextRow()) {
                    finished = true;
                    return false;
                }
                if ((++rowsScanned & (CANCEL_CHECK_ROWS - 1)) == 0) {
                    cancel.check();
                }
                if (scanner.rowIndex <= lastIndex) {
                    throw revised(0);
                }
                lastIndex = scanner.rowIndex;
                if (!checkOnePassRow()) {
                    continue;
                }
                pendingNulls = scanner.rowIndex - lastGiven - 1;
                lastGiven = scanner.rowIndex;
                Arrays.fill(row, null);
                if (pendingNulls > 0) {
                    pendingNulls--;
                    pendingValues = true;
                } else {
                    fill(row);
                }
                rowsGiven++;
                return true;
            }
        } catch (ByteSheetScanner.Unsupported e) {
            LOG.debug("{}, sheet '{}': {}", workbook.file.getFileName(), sheet, e.getMessage());
            throw revised(0);
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    private long rowsScanned;

    /** Adds the current row's cells to the column statistics; whether it has a value. */
    private boolean checkOnePassRow() throws ConversionException {
        SheetScanner s = scanner;
        boolean any = false;
        for (int i = 0; i < s.cellCount; i++) {
            SheetScanner.Kind kind = s.kinds[i];
            if (kind == SheetScanner.Kind.TEXT && isNullText(s.text(i))) {
                continue;
            }
            int c = s.columns[i];
            if (c >= types.length) {
                throw revised(types.length - 1);
            }
            ColumnStats cs = onePassStats[c];
            if (cs == null) {
                cs = new ColumnStats();
                onePassStats[c] = cs;
            }
            any = true;
            count(s, i, kind, cs);
            if (!cs.fits(types[c])) {
                throw revised(c);
            }
        }
        return any;
    }

    /** Adds cell {@code i} to its column's statistics, parsing a number only where the statistics need it. */
    private void count(SheetScanner s, int i, SheetScanner.Kind kind, ColumnStats cs) {
        switch (kind) {
            case NUMBER -> {
                if (workbook.isDateStyle(s.styles[i])) {
                    cs.date(s.number(i));
                } else if (cs.needsNumberValue()) {
                    cs.number(s.number(i));
                } else {
                    s.checkNumber(i); // a number cell that is no number fails here, as in the second pass
                    cs.countNumber();
                }
            }
            case BOOLEAN -> cs.bool();
            case ERROR -> cs.error();
            case TEXT -> cs.text(s.text(i));
        }
    }

    /** The first pass over every row: the header, and what each column holds. */
    private Survey survey(SheetScanner s) throws IOException, XMLStreamException {
        Survey survey = new Survey();
        List<String> header = survey.header;
        List<ColumnStats> stats = survey.stats;
        long seen = 0;
        while (s.nextRow()) {
            if ((++seen & (CANCEL_CHECK_ROWS - 1)) == 0) {
                cancel.check();
            }
            if (survey.headerRow < 0) {
                if (!hasValue(s)) {
                    continue;
                }
                survey.headerRow = s.rowIndex;
                for (int i = 0; i < s.cellCount; i++) {
                    while (header.size() <= s.columns[i]) {
                        header.add(null);
                    }
                    header.set(s.columns[i], headerText(s, i));
                }
                continue;
            }
            boolean any = false;
            for (int i = 0; i < s.cellCount; i++) {
                SheetScanner.Kind kind = s.kinds[i];
                if (kind == SheetScanner.Kind.TEXT && isNullText(s.text(i))) {
                    continue;
                }
                int c = s.columns[i];
                while (stats.size() <= c) {
                    stats.add(null);
                }
                ColumnStats cs = stats.get(c);
                if (cs == null) {
                    cs = new ColumnStats();
                    stats.set(c, cs);
                }
                any = true;
                survey.cells++;
                count(s, i, kind, cs);
            }
            if (any) {
                survey.lastRow = s.rowIndex;
            }
        }
        return survey;
    }

    private boolean isNullText(String text) {
        return text == null || (text.length() <= longestNullToken && settings.isNull(text));
    }

    private static boolean hasValue(SheetScanner s) {
        for (int i = 0; i < s.cellCount; i++) {
            if (!s.isEmptyText(i)) {
                return true;
            }
        }
        return false;
    }

    private String headerText(SheetScanner s, int i) {
        String t = s.text(i);
        if (s.kinds[i] == SheetScanner.Kind.NUMBER) {
            double v = s.number(i);
            if (workbook.isDateStyle(s.styles[i])) {
                return ExcelDates.isMidnight(v) ? ExcelDates.date(v, workbook.date1904).toString()
                        : workbook.instant(v).toString();
            }
            return ColumnStats.numberText(v);
        }
        if (s.kinds[i] == SheetScanner.Kind.BOOLEAN) {
            return "1".equals(t) ? "TRUE" : "FALSE";
        }
        return t;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public boolean next(Object[] row) throws IOException {
        asText = false;
        return read(row);
    }

    /**
     * As {@link #next}, but a number cell whose text is already what the writer would print for its value (in a
     * LONG or DOUBLE column) is given as that text, which spares a parse and a print per number
     * (docs/decisions/0126-excel-to-csv-without-reprinting-numbers.md). Every value still fits the schema.
     */
    @Override
    public boolean nextText(Object[] row, boolean fitSchema) throws IOException {
        asText = true;
        return read(row);
    }

    private boolean read(Object[] row) throws IOException {
        if (onePass) {
            return nextOnePass(row);
        }
        if (rowsGiven >= dataRows) {
            return false;
        }
        if ((rowsGiven & (CANCEL_CHECK_ROWS - 1)) == 0) {
            cancel.check();
        }
        try {
            if (scanner == null) {
                scanner = openScanner();
                do {
                    if (!scanner.nextRow()) {
                        throw new XMLStreamException("the sheet changed between the two passes");
                    }
                } while (scanner.rowIndex <= headerRow);
                pendingRow = true;
            }
            Arrays.fill(row, null);
            int target = nextRow;
            while (!pendingRow || scanner.rowIndex < target) {
                if (!scanner.nextRow()) {
                    pendingRow = false;
                    break;
                }
                pendingRow = true;
            }
            if (pendingRow && scanner.rowIndex == target) {
                fill(row);
                pendingRow = false;
            }
            nextRow++;
            rowsGiven++;
            return true;
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
    }

    private void fill(Object[] row) throws ConversionException {
        SheetScanner s = scanner;
        for (int i = 0; i < s.cellCount; i++) {
            int c = s.columns[i];
            if (c >= row.length) {
                continue;
            }
            SheetScanner.Kind kind = s.kinds[i];
            if (kind == SheetScanner.Kind.TEXT && isNullText(s.text(i))) {
                continue;
            }
            try {
                row[c] = value(s, i, kind, types[c]);
            } catch (RuntimeException e) {
                throw new ConversionException(workbook.file.getFileName() + ", sheet '" + sheet + "', cell "
                        + org.apache.poi.ss.util.CellReference.convertNumToColString(c) + (s.rowIndex + 1)
                        + ": the value '" + s.text(i) + "' does not fit the column type " + types[c].wireName() + ".",
                        e);
            }
        }
    }

    private Object value(SheetScanner s, int i, SheetScanner.Kind kind, ColumnType type) {
        switch (kind) {
            case NUMBER: {
                if (asText && (type == ColumnType.DOUBLE || type == ColumnType.LONG)) {
                    String own = type == ColumnType.DOUBLE ? s.canonicalDoubleText(i) : s.canonicalLongText(i);
                    if (own != null) {
                        return own;
                    }
                }
                double v = s.number(i);
                return switch (type) {
                    case LONG -> {
                        if (!ColumnStats.isExactLong(v)) {
                            throw new IllegalArgumentException("not a whole number");
                        }
                        yield (long) v;
                    }
                    case DOUBLE -> v;
                    case DATE -> ExcelDates.date(v, workbook.date1904);
                    case TIMESTAMP -> workbook.instant(v);
                    case STRING -> workbook.isDateStyle(s.styles[i])
                            ? (ExcelDates.isMidnight(v) ? ExcelDates.date(v, workbook.date1904).toString()
                            : workbook.instant(v).toString()) : ColumnStats.numberText(v);
                    case BOOLEAN -> throw new IllegalArgumentException("a number in a boolean column");
                };
            }
            case BOOLEAN: {
                boolean b = s.isTrue(i);
                return type == ColumnType.STRING ? (b ? "TRUE" : "FALSE") : (Object) b;
            }
            case ERROR:
                return s.text(i);
            default:
                return ValueText.parse(s.text(i), type);
        }
    }

    @Override
    public long bytesConsumed() {
        if (onePass) {
            if (finished) {
                return fileSize;
            }
            SheetScanner s = scanner;
            long read = s == null ? 0 : s.xmlBytesRead();
            return xmlSize > 0 ? (long) (Math.min(1.0, (double) read / xmlSize) * fileSize) : 0;
        }
        if (dataRows == 0) {
            return bytesTotal();
        }
        return fileSize + (long) ((double) rowsGiven / dataRows * fileSize);
    }

    @Override
    public long bytesTotal() {
        return onePass ? fileSize : 2 * fileSize;
    }

    @Override
    public void close() throws IOException {
        if (scanner != null) {
            scanner.close();
        }
    }
}
