package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.engine.FormatRegistry;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.WriteSummary;
import org.labexport.convert.binaryfixtures.EdgeTable;

class ExcelRoundTripTest {
    @TempDir
    Path dir;

    private final SourceReader reader = FormatRegistry.reader(SourceFormat.EXCEL).orElseThrow();

    private WriteSummary write(Path file, TableSchema schema, List<Object[]> rows, Map<String, String> options)
            throws IOException {
        return EdgeTable.write(FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow(), file, schema, rows,
                EdgeTable.opts(ExportFormat.EXCEL, options));
    }

    private List<Object[]> read(Path file, String sheet, TableSchema expected) throws Exception {
        try (TableReader r = reader.open(file, sheet, ReadSettings.defaults(null))) {
            if (expected != null) {
                assertThat(r.schema()).isEqualTo(expected);
            }
            List<Object[]> rows = EdgeTable.readAll(r);
            assertThat(r.bytesConsumed()).isEqualTo(r.bytesTotal());
            return rows;
        }
    }

    @Test
    void roundTripKeepsEveryEdgeValueTypeAndColumnName() throws Exception {
        Path file = dir.resolve("edge.xlsx");
        WriteSummary summary = write(file, EdgeTable.SCHEMA, EdgeTable.rows(), Map.of());
        assertThat(summary.rows()).isEqualTo(EdgeTable.rows().size());
        assertThat(summary.sheets()).containsExactly("Data");
        assertThat(summary.notes()).isEmpty();
        assertThat(SourceFormat.detect(file)).isEqualTo(SourceFormat.EXCEL);
        assertThat(reader.tables(file, ReadSettings.defaults(null))).containsExactly("Data");
        List<Object[]> back = read(file, "Data", EdgeTable.SCHEMA);
        assertThat(EdgeTable.canonical(back)).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
    }

    @Test
    void cellsHaveTheTypesExcelNeedsAndTextStaysText() throws Exception {
        Path file = dir.resolve("cells.xlsx");
        write(file, EdgeTable.SCHEMA, EdgeTable.rows(), Map.of());
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Data");
            Row header = s.getRow(0);
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("gene_id");
            assertThat(((XSSFCellStyle) header.getCell(0).getCellStyle()).getFont().getBold()).isTrue();
            PaneInformation pane = s.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 0);
            // identifiers stay text
            for (int r = 1; r <= 3; r++) {
                assertThat(s.getRow(r).getCell(0).getCellType()).isEqualTo(CellType.STRING);
            }
            assertThat(s.getRow(2).getCell(0).getStringCellValue()).isEqualTo("MARCH1");
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).isEqualTo("0001234");
            // integers beyond 2^53 are text, smaller ones numbers
            assertThat(s.getRow(1).getCell(1).getCellType()).isEqualTo(CellType.STRING);
            assertThat(s.getRow(1).getCell(1).getStringCellValue()).isEqualTo("1234567890123456789");
            assertThat(s.getRow(7).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(s.getRow(8).getCell(1).getNumericCellValue()).isEqualTo(42.0);
            // doubles are numbers, NaN and infinities text
            assertThat(s.getRow(1).getCell(2).getNumericCellValue()).isEqualTo(1e-300);
            assertThat(s.getRow(2).getCell(2).getNumericCellValue()).isEqualTo(5e-324);
            assertThat(s.getRow(4).getCell(2).getStringCellValue()).isEqualTo("Inf");
            assertThat(s.getRow(5).getCell(2).getStringCellValue()).isEqualTo("-Inf");
            assertThat(s.getRow(6).getCell(2).getStringCellValue()).isEqualTo("NaN");
            // booleans, dates, timestamps, nulls
            assertThat(s.getRow(1).getCell(3).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(s.getRow(4).getCell(3)).isNull();
            assertThat(DateUtil.isCellDateFormatted(s.getRow(1).getCell(4))).isTrue();
            assertThat(s.getRow(1).getCell(4).getLocalDateTimeCellValue()).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
            assertThat(DateUtil.isCellDateFormatted(s.getRow(1).getCell(5))).isTrue();
            assertThat(s.getRow(1).getCell(5).getLocalDateTimeCellValue())
                    .isEqualTo(LocalDateTime.of(2024, 3, 10, 12, 34, 56, 123_000_000));
        }
    }

    @Test
    void writerOptionsAreHonoured() throws Exception {
        Path file = dir.resolve("options.xlsx");
        TableSchema schema = new TableSchema(List.of(new Column("x", ColumnType.DOUBLE)));
        WriteSummary summary = write(file, schema, List.of(new Object[] {1.5}, new Object[] {2.0}),
                Map.of("sheet_name", "Results", "include_index", "true", "freeze_panes", "[2, 1]"));
        assertThat(summary.sheets()).containsExactly("Results");
        try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
            Sheet s = wb.getSheet("Results");
            assertThat(s.getRow(0).getCell(0).getStringCellValue()).isEqualTo("index");
            assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 2);
            assertThat(s.getPaneInformation().getVerticalSplitPosition()).isEqualTo((short) 1);
        }
        List<Object[]> back = read(file, "Results", new TableSchema(List.of(new Column("index", ColumnType.LONG),
                new Column("x", ColumnType.DOUBLE))));
        assertThat(back).containsExactly(new Object[] {0L, 1.5}, new Object[] {1L, 2.0});
        Path noFreeze = dir.resolve("nofreeze.xlsx");
        write(noFreeze, schema, List.<Object[]>of(new Object[] {1.0}), Map.of("freeze_panes", "0,0"));
        try (XSSFWorkbook wb = new XSSFWorkbook(noFreeze.toFile())) {
            assertThat(wb.getSheet("Data").getPaneInformation()).isNull();
        }
        // A name Excel refuses is refused as an option, before any file is written.
        assertThatThrownBy(() -> write(dir.resolve("bad.xlsx"), schema, List.of(), Map.of("sheet_name", "a/b")))
                .hasCauseInstanceOf(org.labexport.convert.OptionException.class).hasMessageContaining("sheet_name")
                .hasMessageContaining("'a/b'").hasMessageContaining("1 to 31 characters");
        assertThat(dir.resolve("bad.xlsx")).doesNotExist();
    }

    @Test
    void tableLongerThanASheetContinuesOnFurtherSheetsAndSaysSo() throws Exception {
        Path file = dir.resolve("long.xlsx");
        TableSchema schema = new TableSchema(List.of(new Column("n", ColumnType.LONG)));
        long total = ExcelTableWriter.MAX_SHEET_ROWS + 1L; // one more data row than the first sheet takes
        WriteSummary summary;
        try (var w = FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow()
                .open(file, schema, ExportOptions.defaults(ExportFormat.EXCEL))) {
            Object[] row = new Object[1];
            for (long i = 0; i < total; i++) {
                row[0] = i;
                w.write(row);
            }
            summary = w.finish();
        }
        assertThat(summary.rows()).isEqualTo(total);
        assertThat(summary.sheets()).containsExactly("Data", "Data_2");
        assertThat(summary.notes()).singleElement().asString()
                .contains("'Data'", "1,048,575", "1,048,576", "'Data_2'");
        assertThat(reader.tables(file, ReadSettings.defaults(null))).containsExactly("Data", "Data_2");
        List<Object[]> rest = read(file, "Data_2", schema);
        assertThat(rest).containsExactly(new Object[] {1_048_575L}, new Object[] {1_048_576L});
    }

    @Test
    void tableWiderThanExcelIsRefusedBeforeAnythingIsWritten() {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < ExcelTableWriter.MAX_COLUMNS + 1; i++) {
            columns.add(new Column("c" + i, ColumnType.LONG));
        }
        Path file = dir.resolve("wide.xlsx");
        assertThatThrownBy(() -> write(file, new TableSchema(columns), List.of(), Map.of()))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("wide.xlsx").hasMessageContaining("16,385 columns")
                .hasMessageContaining("16,384");
        assertThat(file).doesNotExist();
    }

    @Test
    void cellLongerThanExcelAllowsFailsTheFileWithoutCuttingIt() {
        TableSchema schema = new TableSchema(List.of(new Column("note", ColumnType.STRING)));
        Path file = dir.resolve("longcell.xlsx");
        String tooLong = "x".repeat(ExcelTableWriter.MAX_CELL_CHARS + 1);
        assertThatThrownBy(() -> write(file, schema, List.of(new Object[] {"ok"}, new Object[] {tooLong}), Map.of()))
                .isInstanceOf(ConversionException.class).hasMessageContaining("longcell.xlsx")
                .hasMessageContaining("row 2").hasMessageContaining("'note'").hasMessageContaining("32,768");
    }

    @Test
    void datesOutsideExcelsCalendarAreWrittenAsIsoTextAndReadBack() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("day", ColumnType.DATE),
                new Column("at", ColumnType.TIMESTAMP)));
        List<Object[]> rows = List.of(new Object[] {LocalDate.of(1, 1, 1), Instant.parse("1850-05-01T10:00:00Z")},
                new Object[] {LocalDate.of(2024, 5, 1), Instant.parse("2024-05-01T10:00:00.000001Z")},
                new Object[] {LocalDate.of(1900, 2, 28), Instant.parse("2024-05-01T00:00:00Z")});
        Path file = dir.resolve("calendar.xlsx");
        write(file, schema, rows, Map.of());
        assertThat(EdgeTable.canonical(read(file, "Data", schema))).isEqualTo(EdgeTable.canonical(rows));
    }

    @Test
    void columnsOfWholeNumbersKeepTheirDeclaredDoubleAndStringTypes() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("d", ColumnType.DOUBLE),
                new Column("s", ColumnType.STRING), new Column("t", ColumnType.TIMESTAMP)));
        List<Object[]> rows = List.of(new Object[] {1.0, "42", Instant.parse("2024-01-01T00:00:00Z")},
                new Object[] {2.0, "true", Instant.parse("2024-01-02T00:00:00Z")});
        Path file = dir.resolve("declared.xlsx");
        write(file, schema, rows, Map.of());
        assertThat(EdgeTable.canonical(read(file, "Data", schema))).isEqualTo(EdgeTable.canonical(rows));
    }

    @Test
    void infersTypesOfWorkbooksFromOtherToolsFromWholeColumns() throws Exception {
        Path file = dir.resolve("foreign.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            var dateStyle = wb.createCellStyle();
            dateStyle.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
            var tsStyle = wb.createCellStyle();
            tsStyle.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
            Sheet s = wb.createSheet("Counts");
            String[] header = {"count", "ratio", "special", "day", "at", "flag", "gene", "big", "mixed", ""};
            Row h = s.createRow(0);
            for (int i = 0; i < header.length; i++) {
                if (!header[i].isEmpty()) {
                    h.createCell(i).setCellValue(header[i]);
                }
            }
            for (int r = 1; r <= 3; r++) {
                Row row = s.createRow(r == 3 ? 4 : r); // row index 3 (sheet row 4) left empty
                row.createCell(0).setCellValue(r * 10);
                row.createCell(1).setCellValue(r == 2 ? 0.25 : r);
                if (r == 1) {
                    row.createCell(2).setCellValue("NaN");
                } else {
                    row.createCell(2).setCellValue(r);
                }
                var day = row.createCell(3);
                day.setCellValue(LocalDate.of(2024, 1, r));
                day.setCellStyle(dateStyle);
                var at = row.createCell(4);
                at.setCellValue(LocalDateTime.of(2024, 1, r, 8, 30));
                at.setCellStyle(tsStyle);
                row.createCell(5).setCellValue(r != 2);
                row.createCell(6).setCellValue(r == 1 ? "0001234" : r == 2 ? "MARCH1" : "SEPT2");
                if (r == 3) {
                    row.createCell(7).setCellValue("9007199254740993");
                } else {
                    row.createCell(7).setCellValue(r);
                }
                if (r == 2) {
                    row.createCell(8).setCellValue("NA");
                } else {
                    row.createCell(8).setCellValue(r == 1 ? "abc" : "7");
                }
                row.createCell(9).setCellValue(1.5 * r);
            }
            s.createRow(20).createCell(0).setCellStyle(dateStyle); // formatted but empty: not a row of data
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("read me");
            try (OutputStream out = Files.newOutputStream(file)) {
                wb.write(out);
            }
        }
        assertThat(reader.tables(file, ReadSettings.defaults(null))).containsExactly("Counts", "Notes");
        TableSchema expected = new TableSchema(List.of(new Column("count", ColumnType.LONG),
                new Column("ratio", ColumnType.DOUBLE), new Column("special", ColumnType.DOUBLE),
                new Column("day", ColumnType.DATE), new Column("at", ColumnType.TIMESTAMP),
                new Column("flag", ColumnType.BOOLEAN), new Column("gene", ColumnType.STRING),
                new Column("big", ColumnType.LONG), new Column("mixed", ColumnType.STRING),
                new Column("column_10", ColumnType.DOUBLE)));
        List<Object[]> rows = read(file, "Counts", expected);
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).containsExactly(10L, 1.0, Double.NaN, LocalDate.of(2024, 1, 1),
                Instant.parse("2024-01-01T08:30:00Z"), true, "0001234", 1L, "abc", 1.5);
        assertThat(rows.get(1)).containsExactly(20L, 0.25, 2.0, LocalDate.of(2024, 1, 2),
                Instant.parse("2024-01-02T08:30:00Z"), false, "MARCH1", 2L, null, 3.0);
        assertThat(rows.get(2)).containsOnlyNulls();
        assertThat(rows.get(3)).containsExactly(30L, 3.0, 3.0, LocalDate.of(2024, 1, 3),
                Instant.parse("2024-01-03T08:30:00Z"), true, "SEPT2", 9007199254740993L, "7", 4.5);
        ReadSettings notes = new ReadSettings(ReadSettings.defaults(null).nullValues(), "Notes", null);
        assertThat(reader.tables(file, notes)).containsExactly("Notes");
        try (TableReader r = reader.open(file, null, notes)) {
            assertThat(r.schema().names()).containsExactly("read me");
            assertThat(EdgeTable.readAll(r)).isEmpty();
        }
        ReadSettings missing = new ReadSettings(ReadSettings.defaults(null).nullValues(), "Summary", null);
        assertThatThrownBy(() -> reader.tables(file, missing)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("foreign.xlsx has no sheet 'Summary'; its sheets are: Counts, Notes");
    }

    static InputStream unused() {
        return InputStream.nullInputStream();
    }

    @Test
    void cancelledReadStopsWithCancellation() throws Exception {
        Path file = dir.resolve("cancel.xlsx");
        write(file, EdgeTable.COUNTER, EdgeTable.counter(70_000), Map.of());
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        ReadSettings settings = new ReadSettings(ReadSettings.defaults(null).nullValues(), "", cancelled::get);
        try (TableReader r = reader.open(file, "Data", settings)) {
            Object[] row = new Object[r.schema().size()];
            assertThat(r.next(row)).isTrue();
            cancelled.set(true);
            assertThatThrownBy(() -> {
                while (r.next(row)) {
                    // keeps reading until the cancel is seen
                }
            }).isInstanceOf(org.labexport.base.ConversionCancelledException.class);
        }
    }
}
