package org.labexport.convert.excel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.WorkbookUtil;
import org.labexport.convert.OutputFiles;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.ValueText;
import org.labexport.convert.WriteSummary;

/**
 * Writes a table to an xlsx workbook by streaming the sheet XML straight into the zip, one row at a time, with the
 * compression on a second thread (docs/decisions/0024-excel-writer.md: measured 4-6x faster than POI's SXSSF, which
 * builds cell objects and copies every sheet through a temporary file). Memory does not grow with the table.
 *
 * <p>Values keep their type as far as Excel allows: numbers are numeric cells, except NaN/Inf/-Inf and integers
 * beyond ±2^53, which are the text {@code NaN}, {@code Inf}, {@code -Inf} and the digits; booleans are boolean cells;
 * dates and timestamps are date cells (ISO text outside Excel's calendar); strings are always text cells. The column
 * types are recorded in a custom document property so that the workbook reads back to the same types.
 */
public final class ExcelTableWriter implements TableWriter {
    /** Rows per sheet including the header, Excel's limit. */
    public static final int MAX_SHEET_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows();
    public static final int MAX_COLUMNS = SpreadsheetVersion.EXCEL2007.getMaxColumns();
    public static final int MAX_CELL_CHARS = SpreadsheetVersion.EXCEL2007.getMaxTextLength();
    /** Largest integer a double holds exactly; beyond it integers are written as text. */
    public static final long MAX_EXACT_LONG = 1L << 53;
    /** Custom document property listing the column types, so our own workbooks read back to the same types. */
    static final String TYPES_PROPERTY = "labexport_column_types";
    static final String INDEX_COLUMN = "index";
    /** Deflate level of the package (chosen by measurement, see the decision record). */
    static final int ZIP_LEVEL = Deflater.BEST_SPEED;

    private final Path target;
    private final TableSchema schema;
    private final String baseSheetName;
    private final boolean includeIndex;
    private final int freezeRows;
    private final int freezeCols;
    private final ColumnType[] types;
    private final String typesProperty;
    private final byte[][] cellStart; // "<c r=\"B" per output column
    private final List<String> sheets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final ZipPipe zip;
    private final XmlSink xml;
    private OutputProvenance provenance = OutputProvenance.NONE;
    private int sheetRow; // 1-based number of the last row written on the current sheet
    private long rows;
    private boolean done;

    private ExcelTableWriter(Path target, TableSchema schema, ExportOptions options, boolean parallel)
            throws IOException {
        this.target = target;
        this.schema = schema;
        this.baseSheetName = options.string("sheet_name");
        this.includeIndex = options.bool("include_index");
        int[] freeze = options.intPair("freeze_panes");
        this.freezeRows = freeze[0];
        this.freezeCols = freeze[1];
        this.types = new ColumnType[schema.size()];
        List<String> wire = new ArrayList<>();
        if (includeIndex) {
            wire.add(ColumnType.LONG.wireName());
        }
        for (int i = 0; i < types.length; i++) {
            types[i] = schema.column(i).type();
            wire.add(types[i].wireName());
        }
        this.typesProperty = String.join(",", wire);
        int width = wire.size();
        this.cellStart = new byte[width][];
        for (int c = 0; c < width; c++) {
            cellStart[c] = ("<c r=\"" + XlsxParts.columnName(c)).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        this.zip = new ZipPipe(new BufferedOutputStream(OutputFiles.create(target), 1 << 16), ZIP_LEVEL, parallel);
        this.xml = new XmlSink(zip);
    }

    /**
     * Opens a writer after checking, before any work, that the table fits Excel's width, its header fits the cells
     * and the sheet name is valid.
     */
    public static ExcelTableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        return open(target, schema, options, OutputProvenance.NONE);
    }

    /**
     * As {@link #open(Path, TableSchema, ExportOptions)}, with the provenance as custom document properties
     * (docProps/custom.xml, after the column types).
     */
    public static ExcelTableWriter open(Path target, TableSchema schema, ExportOptions options,
                                        OutputProvenance provenance) throws IOException {
        ExcelTableWriter w = open(target, schema, options, Runtime.getRuntime().availableProcessors() > 1);
        w.provenance = provenance;
        return w;
    }

    static ExcelTableWriter open(Path target, TableSchema schema, ExportOptions options, boolean parallel)
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
        ExcelTableWriter w = new ExcelTableWriter(target, schema, options, parallel);
        try {
            w.startSheet();
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
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

    private void startSheet() throws IOException {
        String name = sheets.isEmpty() ? baseSheetName : splitName(sheets.size() + 1);
        sheets.add(name);
        zip.startEntry("xl/worksheets/sheet" + sheets.size() + ".xml");
        xml.ascii(XlsxParts.sheetStart(sheets.size() == 1, freezeRows, freezeCols));
        sheetRow = 1;
        xml.ascii("<row r=\"1\">");
        int c = 0;
        if (includeIndex) {
            textCell(c++, INDEX_COLUMN, XlsxParts.STYLE_HEADER);
        }
        for (String n : schema.names()) {
            textCell(c++, n, XlsxParts.STYLE_HEADER);
        }
        xml.ascii("</row>");
    }

    private void endSheet() throws IOException {
        xml.ascii(XlsxParts.SHEET_END);
        xml.flushBuffer();
        zip.closeEntry();
    }

    /** {@code Data_2}, {@code Data_3}, ...; a long base name is shortened so the name stays within 31 characters. */
    private String splitName(int number) {
        String suffix = "_" + number;
        String base = baseSheetName.length() + suffix.length() > 31
                ? baseSheetName.substring(0, 31 - suffix.length()) : baseSheetName;
        return base + suffix;
    }

    private void cellRef(int c) throws IOException {
        xml.ascii(cellStart[c]).number(sheetRow).ascii("\"");
    }

    private void textCell(int c, String value, int style) throws IOException {
        cellRef(c);
        xml.ascii(" s=\"").number(style).ascii("\" t=\"inlineStr\"><is><t");
        if (XmlSink.needsPreserve(value)) {
            xml.ascii(" xml:space=\"preserve\"");
        }
        xml.ascii(">").text(value).ascii("</t></is></c>");
    }

    private void numberCell(int c, String number, int style) throws IOException {
        cellRef(c);
        if (style != 0) {
            xml.ascii(" s=\"").number(style).ascii("\"");
        }
        xml.ascii("><v>").ascii(number).ascii("</v></c>");
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
            endSheet();
            startSheet();
        }
        sheetRow++;
        xml.ascii("<row r=\"").number(sheetRow).ascii("\">");
        int c = 0;
        if (includeIndex) {
            numberCell(c++, Long.toString(rows), XlsxParts.STYLE_LONG);
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
                        checkLength(target, s, "row " + (rows + 1) + ", column '"
                                + abbreviate(schema.column(i).name()) + "'");
                    }
                    textCell(c, s, XlsxParts.STYLE_TEXT);
                }
                case LONG -> {
                    long l = (Long) v;
                    if (l >= -MAX_EXACT_LONG && l <= MAX_EXACT_LONG) {
                        numberCell(c, Long.toString(l), XlsxParts.STYLE_LONG);
                    } else {
                        textCell(c, Long.toString(l), XlsxParts.STYLE_TEXT);
                    }
                }
                case DOUBLE -> {
                    double d = (Double) v;
                    if (Double.isFinite(d)) {
                        numberCell(c, ValueText.formatDouble(d), 0);
                    } else {
                        textCell(c, ValueText.formatDouble(d), XlsxParts.STYLE_TEXT);
                    }
                }
                case BOOLEAN -> {
                    cellRef(c);
                    xml.ascii((Boolean) v ? " t=\"b\"><v>1</v></c>" : " t=\"b\"><v>0</v></c>");
                }
                case DATE -> {
                    LocalDate d = (LocalDate) v;
                    if (ExcelDates.inRange(d)) {
                        numberCell(c, Long.toString((long) ExcelDates.serial(d)), XlsxParts.STYLE_DATE);
                    } else {
                        textCell(c, d.toString(), XlsxParts.STYLE_TEXT);
                    }
                }
                case TIMESTAMP -> {
                    Instant t = (Instant) v;
                    double serial = ExcelDates.serial(t);
                    if (!Double.isNaN(serial)) {
                        numberCell(c, ValueText.formatDouble(serial), XlsxParts.STYLE_TIMESTAMP);
                    } else {
                        textCell(c, t.toString(), XlsxParts.STYLE_TEXT);
                    }
                }
            }
        }
        xml.ascii("</row>");
        rows++;
    }

    /** The column types, which the reader looks for, then the provenance in its order. */
    private Map<String, String> customProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TYPES_PROPERTY, typesProperty);
        provenance.entries().forEach(properties::putIfAbsent);
        return properties;
    }

    @Override
    public WriteSummary finish() throws IOException {
        try {
            endSheet();
            zip.entry("xl/workbook.xml", XlsxParts.workbook(sheets));
            zip.entry("xl/_rels/workbook.xml.rels", XlsxParts.workbookRels(sheets.size()));
            zip.entry("xl/styles.xml", XlsxParts.STYLES);
            zip.entry("docProps/custom.xml", XlsxParts.customProperties(customProperties()));
            zip.entry("_rels/.rels", XlsxParts.ROOT_RELS);
            zip.entry("[Content_Types].xml", XlsxParts.contentTypes(sheets.size()));
            zip.finish();
            done = true;
        } finally {
            if (!done) {
                close();
            }
        }
        return new WriteSummary(rows, notes, sheets);
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            zip.abandon();
        }
    }
}
