package org.labexport.convert.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * The first Excel writer, kept as the measured baseline for ExcelWriteThroughputBenchmarkTest: POI's streaming SXSSF (a sliding window of rows; the rest goes to a
 * temporary file), so memory does not grow with the table. Values keep their type as Excel allows
 * (docs/decisions/0024-excel-cells.md): numbers as numeric cells, except NaN/Inf/-Inf and integers beyond 2^53, which
 * are text; booleans as boolean cells; dates and timestamps as date cells; strings always as text cells.
 */
final class SxssfBaselineWriter implements TableWriter {
    /** Rows per sheet including the header, Excel's limit. */
    public static final int MAX_SHEET_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    public static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL2007.getMaxColumns();
    public static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    /** Largest integer a double holds exactly; beyond it integers are written as text. */
    static final long MAX_EXACT_LONG = 1L << 53;
    /** Rows kept in memory by SXSSF before they are flushed to its temporary file. */
    static final int WINDOW_ROWS = 200;
    /** Custom document property listing the column types, so our own workbooks read back to the same types. */
    static final String TYPES_PROPERTY = "labexport_column_types";
    static final String INDEX_COLUMN = "index";

    private final Path target;
    private final TableSchema schema;
    private final SXSSFWorkbook workbook;
    private final String baseSheetName;
    private final boolean includeIndex;
    private final int freezeRows;
    private final int freezeCols;
    private final CellStyle headerStyle;
    private final CellStyle dateStyle;
    private final CellStyle timestampStyle;
    private final CellStyle longStyle;
    private final CellStyle textStyle;
    private final ColumnType[] types;
    private final List<String> sheets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private SXSSFSheet sheet;
    private int sheetRow;
    private long rows;
    private boolean done;

    private SxssfBaselineWriter(Path target, TableSchema schema, ExportOptions options, boolean compressTempFiles) {
        this.target = target;
        this.schema = schema;
        this.baseSheetName = options.string("sheet_name");
        this.includeIndex = options.bool("include_index");
        int[] freeze = options.intPair("freeze_panes");
        this.freezeRows = freeze[0];
        this.freezeCols = freeze[1];
        this.workbook = new SXSSFWorkbook(null, WINDOW_ROWS, compressTempFiles, false);
        DataFormat formats = workbook.createDataFormat();
        Font bold = workbook.createFont();
        bold.setBold(true);
        headerStyle = workbook.createCellStyle();
        headerStyle.setFont(bold);
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(formats.getFormat("yyyy-mm-dd"));
        timestampStyle = workbook.createCellStyle();
        timestampStyle.setDataFormat(formats.getFormat("yyyy-mm-dd hh:mm:ss.000"));
        longStyle = workbook.createCellStyle();
        longStyle.setDataFormat(formats.getFormat("0"));
        textStyle = workbook.createCellStyle();
        textStyle.setDataFormat(formats.getFormat("@"));
        types = new ColumnType[schema.size()];
        List<String> wire = new ArrayList<>();
        if (includeIndex) {
            wire.add(ColumnType.LONG.wireName());
        }
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.column(i).type();
            wire.add(types[i].wireName());
        }
        workbook.getXSSFWorkbook().getProperties().getCustomProperties()
                .addProperty(TYPES_PROPERTY, String.join(",", wire));
    }

    /**
     * Opens a writer after checking, before any work, that the table fits Excel's width and the sheet name is valid.
     */
    public static SxssfBaselineWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        return open(target, schema, options, false);
    }

    static SxssfBaselineWriter open(Path target, TableSchema schema, ExportOptions options, boolean compressTempFiles)
            throws IOException {
        int width = schema.size() + (options.bool("include_index") ? 1 : 0);
        if (width > MAX_COLUMNS) {
            throw new ConversionException(String.format(Locale.ROOT, "%s: the table has %,d columns but an Excel"
                    + " sheet holds at most %,d; nothing was written. Choose fewer columns or another format.",
                    target.getFileName(), width, MAX_COLUMNS));
        }
        for (String name : schema.names()) {
            checkLength(target, name, "the header of column '" + abbreviate(name) + "'");
        }
        String sheetName = options.string("sheet_name");
        try {
            WorkbookUtil.validateSheetName(sheetName);
        } catch (IllegalArgumentException e) {
            throw new ConversionException(target.getFileName() + ": '" + sheetName + "' is not a valid Excel sheet"
                    + " name (1 to 31 characters, none of : \\ / ? * [ ]).");
        }
        SxssfBaselineWriter w = new SxssfBaselineWriter(target, schema, options, compressTempFiles);
        w.startSheet();
        return w;
    }

    private static void checkLength(Path target, String text, String where) throws ConversionException {
        if (text.length() > MAX_CELL_CHARS) {
            throw new ConversionException(String.format(Locale.ROOT, "%s: %s has %,d characters but an Excel cell"
                    + " holds at most %,d; the file was not written (no value is ever cut short).",
                    target.getFileName(), where, text.length(), MAX_CELL_CHARS));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private void startSheet() {
        String name = sheets.isEmpty() ? baseSheetName : splitName(sheets.size() + 1);
        sheet = workbook.createSheet(name);
        sheets.add(name);
        if (freezeRows > 0 || freezeCols > 0) {
            sheet.createFreezePane(freezeCols, freezeRows);
        }
        SXSSFRow header = sheet.createRow(0);
        int c = 0;
        if (includeIndex) {
            text(header.createCell(c++), INDEX_COLUMN, headerStyle);
        }
        for (String n : schema.names()) {
            text(header.createCell(c++), n, headerStyle);
        }
        sheetRow = 1;
    }

    /** {@code Data_2}, {@code Data_3}, ...; a long base name is shortened so the name stays within 31 characters. */
    private String splitName(int number) {
        String suffix = "_" + number;
        String base = baseSheetName.length() + suffix.length() > 31
                ? baseSheetName.substring(0, 31 - suffix.length()) : baseSheetName;
        return base + suffix;
    }

    private static void text(Cell cell, String value, CellStyle style) {
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (row.length != types.length) {
            throw new IllegalArgumentException("Row has " + row.length + " values, schema has " + types.length);
        }
        if (sheetRow >= MAX_SHEET_ROWS) {
            notes.add(String.format(Locale.ROOT, "Excel sheet '%s' is full after %,d data rows; rows from %,d on"
                    + " continue on sheet '%s'.", sheets.get(sheets.size() - 1), MAX_SHEET_ROWS - 1, rows + 1,
                    splitName(sheets.size() + 1)));
            startSheet();
        }
        SXSSFRow r = sheet.createRow(sheetRow++);
        int c = 0;
        if (includeIndex) {
            Cell index = r.createCell(c++);
            index.setCellValue((double) rows);
            index.setCellStyle(longStyle);
        }
        for (int i = 0; i < types.length; i++, c++) {
            Object v = row[i];
            if (v == null) {
                continue; // a missing value is an empty cell
            }
            switch (types[i]) {
                case STRING -> {
                    String s = (String) v;
                    if (s.length() > MAX_CELL_CHARS) {
                        checkLength(target, s, "row " + (rows + 1) + ", column '" + abbreviate(schema.column(i).name())
                                + "'");
                    }
                    text(r.createCell(c), s, textStyle);
                }
                case LONG -> {
                    long l = (Long) v;
                    if (l >= -MAX_EXACT_LONG && l <= MAX_EXACT_LONG) {
                        Cell cell = r.createCell(c);
                        cell.setCellValue((double) l);
                        cell.setCellStyle(longStyle);
                    } else {
                        text(r.createCell(c), Long.toString(l), textStyle);
                    }
                }
                case DOUBLE -> {
                    double d = (Double) v;
                    if (Double.isFinite(d)) {
                        r.createCell(c).setCellValue(d);
                    } else {
                        text(r.createCell(c), ValueText.formatDouble(d), textStyle);
                    }
                }
                case BOOLEAN -> r.createCell(c).setCellValue((Boolean) v);
                case DATE -> {
                    LocalDate d = (LocalDate) v;
                    if (ExcelDates.inRange(d)) {
                        Cell cell = r.createCell(c);
                        cell.setCellValue(ExcelDates.serial(d));
                        cell.setCellStyle(dateStyle);
                    } else {
                        text(r.createCell(c), d.toString(), textStyle);
                    }
                }
                case TIMESTAMP -> {
                    Instant t = (Instant) v;
                    double serial = ExcelDates.serial(t);
                    if (!Double.isNaN(serial)) {
                        Cell cell = r.createCell(c);
                        cell.setCellValue(serial);
                        cell.setCellStyle(timestampStyle);
                    } else {
                        text(r.createCell(c), t.toString(), textStyle);
                    }
                }
            }
        }
        rows++;
    }

    @Override
    public WriteSummary finish() throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            workbook.write(out);
        } finally {
            done = true;
            workbook.dispose();
            workbook.close();
        }
        return new WriteSummary(rows, notes, sheets);
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            workbook.dispose();
            workbook.close();
        }
    }
}
