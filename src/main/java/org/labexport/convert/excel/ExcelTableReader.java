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

    private void firstPass() throws IOException {
        List<String> header = new ArrayList<>();
        List<ColumnStats> stats = new ArrayList<>();
        List<ColumnType> declared = workbook.declaredTypes;
        int width = 0;
        try (SheetScanner s = new SheetScanner(workbook.sheet(sheet), workbook.sharedStrings(),
                ExcelTableWriter.MAX_CELL_CHARS)) {
            long seen = 0;
            while (s.nextRow()) {
                if ((++seen & (CANCEL_CHECK_ROWS - 1)) == 0) {
                    cancel.check();
                }
                if (headerRow < 0) {
                    if (!hasValue(s)) {
                        continue;
                    }
                    headerRow = s.rowIndex;
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
                    String text = s.texts[i];
                    if (s.kinds[i] == SheetScanner.Kind.TEXT && settings.isNull(text)) {
                        continue;
                    }
                    int c = s.columns[i];
                    while (stats.size() <= c) {
                        stats.add(null);
                    }
                    if (stats.get(c) == null) {
                        stats.set(c, new ColumnStats());
                    }
                    ColumnStats cs = stats.get(c);
                    any = true;
                    switch (s.kinds[i]) {
                        case NUMBER -> {
                            double v = number(text);
                            if (workbook.isDateStyle(s.styles[i])) {
                                cs.date(v);
                            } else {
                                cs.number(v);
                            }
                        }
                        case BOOLEAN -> cs.bool();
                        case ERROR -> cs.error();
                        case TEXT -> cs.text(text);
                    }
                }
                if (any) {
                    lastRow = s.rowIndex;
                }
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw failure(e);
        }
        width = Math.max(header.size(), stats.size());
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

    private static boolean hasValue(SheetScanner s) {
        for (int i = 0; i < s.cellCount; i++) {
            if (!(s.kinds[i] == SheetScanner.Kind.TEXT && s.texts[i].isEmpty())) {
                return true;
            }
        }
        return false;
    }

    private String headerText(SheetScanner s, int i) {
        String t = s.texts[i];
        if (s.kinds[i] == SheetScanner.Kind.NUMBER) {
            double v = number(t);
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

    private static double number(String text) {
        return Double.parseDouble(text);
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
                scanner = new SheetScanner(workbook.sheet(sheet), workbook.sharedStrings(),
                        ExcelTableWriter.MAX_CELL_CHARS);
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
            String text = s.texts[i];
            if (s.kinds[i] == SheetScanner.Kind.TEXT && settings.isNull(text)) {
                continue;
            }
            try {
                row[c] = value(s.kinds[i], text, s.styles[i], types[c]);
            } catch (RuntimeException e) {
                throw new ConversionException(workbook.file.getFileName() + ", sheet '" + sheet + "', cell "
                        + org.apache.poi.ss.util.CellReference.convertNumToColString(c) + (s.rowIndex + 1)
                        + ": the value '" + text + "' does not fit the column type " + types[c].wireName() + ".", e);
            }
        }
    }

    private Object value(SheetScanner.Kind kind, String text, int style, ColumnType type) {
        switch (kind) {
            case NUMBER: {
                double v = number(text);
                boolean date = workbook.isDateStyle(style);
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
                    case STRING -> date ? (ExcelDates.isMidnight(v) ? ExcelDates.date(v, workbook.date1904).toString()
                            : ExcelDates.instant(v, workbook.date1904).toString()) : ColumnStats.numberText(v);
                    case BOOLEAN -> throw new IllegalArgumentException("a number in a boolean column");
                };
            }
            case BOOLEAN: {
                boolean b = "1".equals(text) || "true".equalsIgnoreCase(text);
                return type == ColumnType.STRING ? (b ? "TRUE" : "FALSE") : (Object) b;
            }
            case ERROR:
                return text;
            default:
                return ValueText.parse(text, type);
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
