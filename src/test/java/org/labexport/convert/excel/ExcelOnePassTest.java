package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionResult;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ProgressListener;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SchemaRevisedException;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;
import org.labexport.convert.engine.StreamingTableConverter;

/**
 * Our own workbooks read in one pass when the caller allows a provisional schema, to exactly the table the two-pass
 * read gives; a workbook whose cells no longer fit its recorded types is handed back for the two-pass read.
 */
class ExcelOnePassTest {
    @TempDir
    Path dir;

    private final SourceReader reader = FormatRegistry.reader(SourceFormat.EXCEL).orElseThrow();
    private static final ReadSettings TWO_PASSES = ReadSettings.defaults(null);
    private static final ReadSettings ONE_PASS = ReadSettings.defaults(null).withSpeculation(true);

    private record Read(TableSchema schema, List<List<String>> rows, TableSchema finalSchema) {
    }

    private Read read(Path file, ReadSettings settings) throws Exception {
        try (TableReader r = reader.open(file, "Data", settings)) {
            TableSchema schema = r.schema();
            List<List<String>> rows = EdgeTable.canonical(EdgeTable.readAll(r));
            assertThat(r.bytesConsumed()).isEqualTo(r.bytesTotal());
            return new Read(schema, rows, r.finalSchema());
        }
    }

    /** A workbook with our recorded column types and the given sheet data. */
    private Path workbook(String name, String types, String rows) throws Exception {
        Path file = dir.resolve(name);
        String sheet = XlsxParts.sheetStart(true, 1, 0) + rows + XlsxParts.SHEET_END;
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", XlsxParts.contentTypes(1));
            entry(zip, "_rels/.rels", XlsxParts.ROOT_RELS);
            entry(zip, "docProps/custom.xml", XlsxParts.customProperties(ExcelTableWriter.TYPES_PROPERTY, types));
            entry(zip, "xl/workbook.xml", XlsxParts.workbook(List.of("Data")));
            entry(zip, "xl/_rels/workbook.xml.rels", XlsxParts.workbookRels(1));
            entry(zip, "xl/styles.xml", XlsxParts.STYLES);
            entry(zip, "xl/worksheets/sheet1.xml", sheet);
        }
        return file;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws Exception {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static String header(String... names) {
        StringBuilder sb = new StringBuilder("<row r=\"1\">");
        for (int i = 0; i < names.length; i++) {
            sb.append("<c r=\"").append(XlsxParts.columnName(i)).append("1\" s=\"1\" t=\"inlineStr\"><is><t>")
                    .append(names[i]).append("</t></is></c>");
        }
        return sb.append("</row>").toString();
    }

    @Test
    void ourWorkbookReadsInOnePassToTheTwoPassTable() throws Exception {
        Path file = dir.resolve("edge.xlsx");
        EdgeTable.write(FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow(), file, EdgeTable.SCHEMA,
                EdgeTable.rows(), EdgeTable.opts(ExportFormat.EXCEL, Map.of()));
        Read two = read(file, TWO_PASSES);
        Read one = read(file, ONE_PASS);
        assertThat(one).isEqualTo(two);
        assertThat(one.schema()).isEqualTo(EdgeTable.SCHEMA);
        assertThat(one.rows()).isEqualTo(EdgeTable.canonical(EdgeTable.rows()));
        try (TableReader once = reader.open(file, "Data", ONE_PASS);
             TableReader twice = reader.open(file, "Data", TWO_PASSES)) {
            assertThat(once.bytesTotal()).isEqualTo(Files.size(file)); // the sheet is read once
            assertThat(twice.bytesTotal()).isEqualTo(2 * Files.size(file));
        }
    }

    @Test
    void emptyRowsInsideTheTableAreKeptAndTrailingOnesDropped() throws Exception {
        String rows = header("id", "x")
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B2\"><v>1.5</v></c></row>"
                + "<row r=\"3\"/>"
                + "<row r=\"5\"><c r=\"A5\" t=\"inlineStr\"><is><t>NA</t></is></c></row>"
                + "<row r=\"6\"><c r=\"B6\"><v>2</v></c></row>"
                + "<row r=\"7\"><c r=\"A7\" t=\"inlineStr\"><is><t></t></is></c></row><row r=\"9\"/>";
        Path file = workbook("gaps.xlsx", "string,double", rows);
        Read two = read(file, TWO_PASSES);
        Read one = read(file, ONE_PASS);
        assertThat(one).isEqualTo(two);
        assertThat(one.schema()).isEqualTo(new TableSchema(List.of(new Column("id", ColumnType.STRING),
                new Column("x", ColumnType.DOUBLE))));
        assertThat(one.rows()).isEqualTo(EdgeTable.canonical(List.of(new Object[] {"a", 1.5},
                new Object[] {null, null}, new Object[] {null, null}, new Object[] {null, null},
                new Object[] {null, 2.0})));
    }

    @Test
    void aCellThatNoLongerFitsItsRecordedTypeHandsTheSheetBackForTwoPasses() throws Exception {
        String misfit = header("n") + "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\"><v>2.5</v></c></row>";
        String wider = header("n") + "<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><v>1</v></c></row>";
        String unordered = header("n") + "<row r=\"3\"><c r=\"A3\"><v>1</v></c></row>"
                + "<row r=\"2\"><c r=\"A2\"><v>2</v></c></row>";
        String textInLongs = header("n") + "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t>0001234</t></is></c></row>";
        String commentedLate = header("n") + "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><!-- by hand -->"
                + "<row r=\"3\"><c r=\"A3\"><v>2</v></c></row>";
        int k = 0;
        for (String rows : List.of(misfit, textInLongs, commentedLate, wider, unordered)) {
            Path file = workbook("edited" + k++ + ".xlsx", "long", rows);
            Read two = read(file, TWO_PASSES);
            assertThatThrownBy(() -> read(file, ONE_PASS)).isInstanceOf(SchemaRevisedException.class)
                    .hasMessageContaining(file.getFileName().toString());
            ConversionResult result = new StreamingTableConverter().convert(file,
                    EdgeTable.opts(ExportFormat.CSV, Map.of()), dir, "out" + k, ProgressListener.NONE,
                    CancelSignal.NEVER);
            assertThat(result.outputs().get(0).schema()).isEqualTo(two.schema());
            assertThat(result.outputs().get(0).rows()).isEqualTo(two.rows().size());
            if (k <= 3) {
                try (TableReader csv = FormatRegistry.reader(SourceFormat.CSV).orElseThrow()
                        .open(result.outputs().get(0).path(), null, TWO_PASSES)) {
                    assertThat(EdgeTable.canonical(EdgeTable.readAll(csv))).isEqualTo(two.rows());
                }
            }
        }
    }

    @Test
    void damagedSheetDataIsStillRefusedNamingFileAndSheetWhenConvertedInOnePass() throws Exception {
        StringBuilder rows = new StringBuilder(header("n"));
        for (int r = 2; r < 5000; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>").append(r)
                    .append("</v></c></row>");
        }
        Path file = workbook("cut.xlsx", "long", rows.substring(0, rows.length() * 2 / 3));
        assertThatThrownBy(() -> new StreamingTableConverter().convert(file,
                EdgeTable.opts(ExportFormat.CSV, Map.of()), dir, "cut", ProgressListener.NONE, CancelSignal.NEVER))
                .isInstanceOf(org.labexport.convert.ConversionException.class)
                .isNotInstanceOf(SchemaRevisedException.class)
                .hasMessageContaining("cut.xlsx, sheet 'Data': the sheet data is damaged");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("cut.csv")
                    || n.startsWith(".cut"));
        }
    }

    @Test
    void sheetXmlTheFastScannerDoesNotTakeIsReadInTwoPasses() throws Exception {
        String rows = "<!-- by hand -->" + header("n") + "<row r=\"2\"><c r=\"A2\"><v>7</v></c></row>";
        Path file = workbook("commented.xlsx", "long", rows);
        Read one = read(file, ONE_PASS);
        assertThat(one).isEqualTo(read(file, TWO_PASSES));
        assertThat(one.rows()).isEqualTo(EdgeTable.canonical(List.<Object[]>of(new Object[] {7L})));
    }
}
