package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

/**
 * The same sheet written in the ways different tools write XML reads to the same table, whether the fast scanner
 * takes it or the reader falls back to StAX for it.
 */
class ExcelSheetXmlVariantsTest {
    @TempDir
    Path dir;

    private final SourceReader reader = FormatRegistry.reader(SourceFormat.EXCEL).orElseThrow();

    private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /** A workbook whose only sheet is {@code sheetXml}, without recorded column types. */
    private Path workbook(String name, String sheetXml) throws Exception {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", XlsxParts.HEAD
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                    + "</Types>");
            entry(zip, "_rels/.rels", XlsxParts.HEAD
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + XlsxParts.REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
                    + "</Relationships>");
            entry(zip, "xl/workbook.xml", XlsxParts.workbook(List.of("Data")));
            entry(zip, "xl/_rels/workbook.xml.rels", XlsxParts.workbookRels(1));
            entry(zip, "xl/styles.xml", XlsxParts.STYLES);
            entry(zip, "xl/worksheets/sheet1.xml", sheetXml);
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private List<List<String>> read(Path file, TableSchema expected) throws Exception {
        try (TableReader r = reader.open(file, "Data", ReadSettings.defaults(null))) {
            assertThat(r.schema()).isEqualTo(expected);
            return EdgeTable.canonical(EdgeTable.readAll(r));
        }
    }

    @Test
    void prefixedCommentedAndPlainSheetXmlReadToTheSameTable() throws Exception {
        String rows = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>id</t></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>value</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>day</t></is></c>"
                + "<c r=\"D1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>0001234</t></is></c><c r=\"B2\"><v>1.5</v></c>"
                + "<c r=\"C2\" s=\"3\"><v>45292</v></c><c r=\"D2\" t=\"b\"><v>1</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>caf\u00e9 &amp; co</t></is></c><c r=\"B3\"><v>-2</v></c>"
                + "<c r=\"C3\" s=\"3\"><v>45293</v></c><c r=\"D3\" t=\"b\"><v>0</v></c></row>"
                + "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>NA</t></is></c><c r=\"B5\"><v>3</v></c></row>";
        String plain = XlsxParts.HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows
                + "</sheetData></worksheet>";
        String prefixed = XlsxParts.HEAD + "<x:worksheet xmlns:x=\"" + MAIN + "\"><x:sheetData>"
                + rows.replace("<", "<x:").replace("<x:/", "</x:") + "</x:sheetData></x:worksheet>";
        String commented = plain.replace("<sheetData>", "<sheetData><!-- written by hand -->");
        String pretty = plain.replace("<row", "\n  <row").replace("<c ", "\n    <c ").replace("</row>", "\n  </row>");

        TableSchema schema = new TableSchema(List.of(new Column("id", ColumnType.STRING),
                new Column("value", ColumnType.DOUBLE), new Column("day", ColumnType.DATE),
                new Column("ok", ColumnType.BOOLEAN)));
        List<List<String>> expected = EdgeTable.canonical(List.of(
                new Object[] {"0001234", 1.5, LocalDate.of(2024, 1, 1), true},
                new Object[] {"caf\u00e9 & co", -2.0, LocalDate.of(2024, 1, 2), false},
                new Object[] {null, null, null, null},
                new Object[] {null, 3.0, null, null}));
        assertThat(read(workbook("plain.xlsx", plain), schema)).isEqualTo(expected);
        assertThat(read(workbook("prefixed.xlsx", prefixed), schema)).isEqualTo(expected);
        assertThat(read(workbook("commented.xlsx", commented), schema)).isEqualTo(expected);
        assertThat(read(workbook("pretty.xlsx", pretty), schema)).isEqualTo(expected);
    }

    @Test
    void numberTextIsHandedOnAsTextOnlyWhereItIsWhatPrintingTheNumberGives() throws Exception {
        // How other tools write numbers: trailing zeros, exponents in other forms, more digits than needed.
        String[] doubles = {"1.5", "1.50", "1E5", "1.0E5", "1.0E7", "100000.0", "0.1", "0.10000000000000001",
            "0.30000000000000004", "-0", "-0.0", "0.0", "2.5e-7", "2.5E-7", "1845.8076789142415",
            "1845.80767891424150", "9.999999999999999E22", "1.0E23", "12345678.9", "1.23456789E7", ".5"};
        String[] longs = {"7", "007", "-7", "0", "123456789012345", "1.0", "1E2"};
        StringBuilder rows = new StringBuilder("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>d</t></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>l</t></is></c></row>");
        for (int i = 0; i < doubles.length; i++) {
            int r = i + 2;
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>").append(doubles[i])
                    .append("</v></c>");
            if (i < longs.length) {
                rows.append("<c r=\"B").append(r).append("\"><v>").append(longs[i]).append("</v></c>");
            }
            rows.append("</row>");
        }
        // A fraction in column A, whole numbers in B: the columns are DOUBLE and LONG.
        Path file = workbook("numbers.xlsx", XlsxParts.HEAD + "<worksheet xmlns=\"" + MAIN + "\"><sheetData>" + rows
                + "</sheetData></worksheet>");
        TableSchema schema = new TableSchema(List.of(new Column("d", ColumnType.DOUBLE),
                new Column("l", ColumnType.LONG)));
        int handedOn = 0;
        try (TableReader typed = reader.open(file, "Data", ReadSettings.defaults(null));
             TableReader text = reader.open(file, "Data", ReadSettings.defaults(null))) {
            assertThat(text.schema()).isEqualTo(schema);
            Object[] a = new Object[2];
            Object[] b = new Object[2];
            for (int i = 0; i < doubles.length; i++) {
                assertThat(typed.next(a)).isTrue();
                assertThat(text.nextText(b, true)).isTrue();
                for (int c = 0; c < 2; c++) {
                    if (b[c] instanceof String own) {
                        handedOn++;
                        assertThat(own).as("row %d", i + 2).isEqualTo(org.labexport.convert.ValueText.format(a[c]));
                    } else {
                        assertThat(b[c]).isEqualTo(a[c]);
                    }
                }
            }
            assertThat(text.nextText(b, true)).isFalse();
        }
        // 1.5, 1.0E7, 100000.0, 0.1, 0.30000000000000004, -0.0, 0.0, 2.5E-7, 1845.8076789142415, 1.0E23,
        // 1.23456789E7; 7, -7, 0, 123456789012345. The others are parsed and printed as before.
        assertThat(handedOn).isEqualTo(15);
    }
}
