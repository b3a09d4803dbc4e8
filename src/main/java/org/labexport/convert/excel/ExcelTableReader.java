package org.labexport.convert.excel;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLStreamException;
import org.labexport.convert.CancelSignal;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
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

    ExcelTableReader(ExcelWorkbook workbook, String sheet, ReadSettings settings) throws IOException {
        this.workbook = workbook;
        this.sheet = sheet;
        this.settings = settings;
        this.cancel = settings.cancel();
        this.fileSize = Files.size(workbook.file);
        firstPass();
    }

    private ConversionException failure(Exception e) {
        ConversionException c = ExcelWorkbook.failure(workbook.file, e);
        if (e instanceof XMLStreamException && !(e instanceof SheetScanner.CellTooLongException)
                && !c.getMessage().contains("zip bomb")) {
            return new ConversionException(workbook.file.getFileName() + ", sheet '" + sheet
                    + "': the sheet data is damaged (" + e.getMessage() + ").", e);
        }
        return c;
    }

    /** What the first pass collects: the header, each column's cells, and where the table starts and ends. */
    private static final class Survey {
        final List<String> header = new ArrayList<>();
        final List<ColumnStats> stats = new ArrayList<>();
        int headerRow = -1;
        int lastRow = -1;
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
        boolean useDeclared = declared != null && declared.size() == width;
        List<Column> columns = new ArrayList<>();
        Set<String> used = new HashSet<>();
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
            String name = c < header.size() && header.get(c) != null && !header.get(c).isEmpty()
                    ? header.get(c) : "column_" + (c + 1);
            String unique = name;
            for (int k = 2; !used.add(unique); k++) {
                unique = name + "_" + k;
            }
            columns.add(new Column(unique, type));
        }
        schema = new TableSchema(columns);
        dataRows = lastRow < 0 ? 0 : lastRow - headerRow;
        nextRow = headerRow + 1;
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
                if (kind == SheetScanner.Kind.TEXT && settings.isNull(s.text(i))) {
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
            if (any) {
                survey.lastRow = s.rowIndex;
            }
        }
        return survey;
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
                        : ExcelDates.instant(v, workbook.date1904).toString();
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
            if (kind == SheetScanner.Kind.TEXT && settings.isNull(s.text(i))) {
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
                    case TIMESTAMP -> ExcelDates.instant(v, workbook.date1904);
                    case STRING -> workbook.isDateStyle(s.styles[i])
                            ? (ExcelDates.isMidnight(v) ? ExcelDates.date(v, workbook.date1904).toString()
                            : ExcelDates.instant(v, workbook.date1904).toString()) : ColumnStats.numberText(v);
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
        if (dataRows == 0) {
            return bytesTotal();
        }
        return fileSize + (long) ((double) rowsGiven / dataRows * fileSize);
    }

    @Override
    public long bytesTotal() {
        return 2 * fileSize;
    }

    @Override
    public void close() throws IOException {
        if (scanner != null) {
            scanner.close();
        }
    }
}
