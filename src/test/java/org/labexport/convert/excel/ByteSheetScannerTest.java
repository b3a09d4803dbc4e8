package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.xml.stream.XMLStreamException;
import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.junit.jupiter.api.Test;

/**
 * The byte scanner gives exactly the cells the StAX scanner gives, for every construct spreadsheet writers use, with
 * the XML cut into reads of any size; and it refuses (so that the reader falls back to StAX) whatever it does not take.
 */
class ByteSheetScannerTest {
    private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
            + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
            + " xmlns:x14ac=\"http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac\">"
            + "<dimension ref=\"A1:C3\"/><sheetViews><sheetView workbookViewId=\"0\"/></sheetViews>"
            + "<sheetFormatPr defaultRowHeight=\"15\" x14ac:dyDescent=\"0.25\"/><cols><col min=\"1\" max=\"1\" width=\"9\"/></cols>"
            + "<sheetData>";
    private static final String TAIL = "</sheetData><pageMargins left=\"0.7\" right=\"0.7\"/></worksheet>";

    private final SharedTexts shared = new SharedTexts(sharedStrings(), true);

    private static SharedStringsTable sharedStrings() {
        SharedStringsTable sst = new SharedStringsTable();
        sst.addSharedStringItem(new XSSFRichTextString("plain"));
        XSSFRichTextString rich = new XSSFRichTextString("bold and plain");
        XSSFFont bold = new XSSFFont();
        bold.setBold(true);
        rich.applyFont(0, 4, bold);
        sst.addSharedStringItem(rich);
        sst.addSharedStringItem(new XSSFRichTextString("0001234"));
        return sst;
    }

    /** Hands out the bytes a few at a time, so every construct is cut at every position across reads. */
    private static final class Trickle extends FilterInputStream {
        private final Random random;
        private final int most;

        Trickle(byte[] bytes, long seed, int most) {
            super(new ByteArrayInputStream(bytes));
            this.random = new Random(seed);
            this.most = most;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(most)));
        }
    }

    private static List<String> rows(SheetScanner s) throws XMLStreamException, IOException {
        List<String> out = new ArrayList<>();
        try (s) {
            while (s.nextRow()) {
                StringBuilder sb = new StringBuilder().append(s.rowIndex).append(':');
                for (int i = 0; i < s.cellCount; i++) {
                    sb.append(" ").append(XlsxParts.columnName(s.columns[i])).append('/').append(s.kinds[i])
                            .append('/').append(s.styles[i]).append("='").append(s.text(i)).append('\'');
                    if (s.kinds[i] == SheetScanner.Kind.NUMBER) {
                        sb.append('=').append(s.number(i));
                    } else if (s.kinds[i] == SheetScanner.Kind.BOOLEAN) {
                        sb.append('=').append(s.isTrue(i));
                    }
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    private List<String> stax(String xml) throws Exception {
        return rows(SheetScanner.stax(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), shared, 32767));
    }

    private List<String> bytes(String xml, long seed, int most) throws Exception {
        return rows(SheetScanner.bytes(new Trickle(xml.getBytes(StandardCharsets.UTF_8), seed, most), shared, 32767));
    }

    /** Both scanners, and the byte scanner under several ways of cutting the input, give the same rows. */
    private List<String> sameFromBoth(String xml) throws Exception {
        List<String> expected = stax(xml);
        assertThat(bytes(xml, 1, Integer.MAX_VALUE - 1)).isEqualTo(expected);
        for (long seed = 0; seed < 6; seed++) {
            assertThat(bytes(xml, seed, 1 + (int) seed * 5)).as("reads of at most %d bytes", 1 + seed * 5)
                    .isEqualTo(expected);
        }
        return expected;
    }

    private void refusedByBytes(String xml) {
        assertThatThrownBy(() -> bytes(xml, 3, 7)).isInstanceOf(ByteSheetScanner.Unsupported.class);
    }

    @Test
    void readsTheCellsOurWriterAndExcelWriteExactly() throws Exception {
        String xml = HEAD
                + "<row r=\"1\" spans=\"1:9\" x14ac:dyDescent=\"0.25\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t>gene_id</t></is></c>"
                + "<c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v> 2 </v></c></row>"
                + "<row r=\"2\"><c r=\"A2\"><v>1845.8076789142415</v></c><c r=\"B2\" s=\"3\"><v>45292</v></c>"
                + "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"b\"><v>0</v></c><c r=\"E2\" t=\"e\"><v>#DIV/0!</v></c>"
                + "<c r=\"F2\"><v>-0</v></c><c r=\"G2\"><v>4.905538226470036E-4</v></c><c r=\"H2\"><v>1e308</v></c>"
                + "<c r=\"I2\"><v>9007199254740993</v></c><c r=\"J2\" t=\"n\"><v>-12</v></c><c r=\"K2\"><v>.5</v></c>"
                + "<c r=\"L2\"><v>0x1p4</v></c><c r=\"N2\"><v> 7 </v></c><c r=\"O2\"><v>1d</v></c><c r=\"M2\" t=\"d\"><v>2024-01-02T03:04:05</v></c></row>"
                + TAIL;
        List<String> rows = sameFromBoth(xml);
        assertThat(rows).containsExactly(
                "0: A/TEXT/1='gene_id' B/TEXT/0='bold and plain' C/TEXT/0='0001234'",
                "1: A/NUMBER/0='1845.8076789142415'=1845.8076789142415 B/NUMBER/3='45292'=45292.0"
                        + " C/BOOLEAN/0='1'=true D/BOOLEAN/0='0'=false E/ERROR/0='#DIV/0!'"
                        + " F/NUMBER/0='-0'=-0.0 G/NUMBER/0='4.905538226470036E-4'=4.905538226470036E-4"
                        + " H/NUMBER/0='1e308'=1.0E308 I/NUMBER/0='9007199254740993'=9.007199254740992E15"
                        + " J/NUMBER/0='-12'=-12.0 K/NUMBER/0='.5'=0.5 L/NUMBER/0='0x1p4'=16.0"
                        + " N/NUMBER/0=' 7 '=7.0 O/NUMBER/0='1d'=1.0"
                        + " M/TEXT/0='2024-01-02T03:04:05'");
    }

    @Test
    void richTextRunsEntitiesAndNonAsciiTextAreDecoded() throws Exception {
        String xml = HEAD + "<row r=\"1\">"
                + "<c r=\"A1\" t=\"inlineStr\"><is><r><rPr><b/><sz val=\"11\"/><rFont val=\"Calibri\"/></rPr><t>bold</t></r>"
                + "<r><t xml:space=\"preserve\"> and plain</t></r></is></c>"
                + "<c r=\"B1\" t=\"inlineStr\"><is><t>a &lt; b &amp; c &gt; d &quot;q&quot; &apos;x&apos;</t></is></c>"
                + "<c r=\"C1\" t=\"inlineStr\"><is><t>&#65;&#x42;&#x1F600; caf\u00e9 \u65e5\u672c \ud83d\ude00</t></is></c>"
                + "<c r=\"D1\" t=\"inlineStr\"><is><t>_x0041_ stays _x005F_x0041_</t></is></c>"
                + "<c r=\"E1\" t=\"inlineStr\"><is><t>line1&#13;\nline2\ttab</t></is></c>"
                + "<c r=\"F1\" t=\"inlineStr\"><is><t/></is></c><c r=\"G1\" t=\"inlineStr\"><is></is></c>"
                + "<c r=\"H1\" t=\"inlineStr\"/><c r=\"I1\" t=\"inlineStr\"><is><t>]] > ]</t></is></c>"
                + "<c r=\"J1\" t=\"str\"><v>_x0041_&amp;</v></c><c r=\"K1\" t=\"inlineStr\"><is><t>a</t>"
                + "<rPh sb=\"0\" eb=\"1\"><t>phonetic</t></rPh><phoneticPr fontId=\"1\"/></is></c>"
                + "</row>" + TAIL;
        List<String> rows = sameFromBoth(xml);
        assertThat(rows).containsExactly("0: A/TEXT/0='bold and plain' B/TEXT/0='a < b & c > d \"q\" 'x''"
                + " C/TEXT/0='AB\ud83d\ude00 caf\u00e9 \u65e5\u672c \ud83d\ude00' D/TEXT/0='A stays _x0041_'"
                + " E/TEXT/0='line1\r\nline2\ttab' F/TEXT/0='' G/TEXT/0='' H/TEXT/0='' I/TEXT/0=']] > ]'"
                + " J/TEXT/0='A&' K/TEXT/0='aphonetic'");
    }

    @Test
    void cellsAndRowsWithoutReferencesSparseRowsAndFormulasWithCachedValues() throws Exception {
        String xml = HEAD
                + "\n  <row>\n    <c><v>1</v></c>\n    <c t='inlineStr'><is><t>b</t></is></c>\n    <c r=\"E1\"><v>5</v></c><c><v>6</v></c><c r = 'H1'  s = \"2\" ><v >8</v ></c >\n  </row>\n"
                + "  <row r=\"4\" ht=\"20\" customHeight=\"1\"><c r=\"B4\" s=\"2\"/><c r=\"C4\"><v></v></c><c r=\"D4\"><v/></c></row>"
                + "<row r=\"5\"/><row><c r=\"A6\"><f>SUM(A1:A4)</f><v>7</v></c>"
                + "<c r=\"B6\" t=\"str\"><f>CONCAT(\"a&amp;\",\"b\")</f><v>a&amp;b</v></c>"
                + "<c r=\"C6\"><f t=\"shared\" ref=\"C6:C7\" si=\"0\">A6*2</f><v>14</v></c>"
                + "<c r=\"D6\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c><c r=\"E6\" t=\"b\"><f>TRUE()</f><v>1</v></c></row>"
                + "<row r=\"7\"><c r=\"C7\"><f t=\"shared\" si=\"0\"/><v>16</v></c><c r=\"aa7\"><v>27</v></c></row>"
                + "\n" + TAIL;
        List<String> rows = sameFromBoth(xml);
        assertThat(rows).containsExactly(
                "0: A/NUMBER/0='1'=1.0 B/TEXT/0='b' E/NUMBER/0='5'=5.0 F/NUMBER/0='6'=6.0 H/NUMBER/2='8'=8.0",
                "3:", "4:",
                "5: A/NUMBER/0='7'=7.0 B/TEXT/0='a&b' C/NUMBER/0='14'=14.0 D/ERROR/0='#DIV/0!' E/BOOLEAN/0='1'=true",
                "6: C/NUMBER/0='16'=16.0 AA/NUMBER/0='27'=27.0");
    }

    @Test
    void sheetsLargerThanTheBufferAndRowsLongerThanItReadTheSame() throws Exception {
        StringBuilder sb = new StringBuilder(HEAD);
        Random random = new Random(5);
        for (int r = 1; r <= 4000; r++) {
            sb.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\" t=\"inlineStr\"><is><t>G")
                    .append(r).append("\u00e9&amp;</t></is></c><c r=\"B").append(r).append("\"><v>")
                    .append(random.nextGaussian()).append("</v></c></row>");
        }
        String wide = "x".repeat(30_000);
        sb.append("<row r=\"4001\">");
        for (int c = 0; c < 12; c++) { // about 360 kB in one row: more than the first buffer holds
            sb.append("<c r=\"").append(XlsxParts.columnName(c)).append("4001\" t=\"inlineStr\"><is><t>")
                    .append(wide).append("</t></is></c>");
        }
        sb.append("</row>").append(TAIL);
        String xml = sb.toString();
        List<String> expected = stax(xml);
        assertThat(expected).hasSize(4001);
        assertThat(bytes(xml, 1, Integer.MAX_VALUE - 1)).isEqualTo(expected);
        assertThat(bytes(xml, 2, 9000)).isEqualTo(expected);
    }

    @Test
    void refusesWhatItDoesNotTakeSoThatStaxReadsIt() throws Exception {
        String row = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
        List<String> bad = List.of(
                HEAD + "<!-- a comment -->" + row + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t><![CDATA[x]]></t></is></c></row>" + TAIL,
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet><sheetData>" + row + TAIL,
                "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><x:sheetData>"
                        + "<x:row r=\"1\"><x:c r=\"A1\"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>",
                HEAD + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb</t></is></c></row>" + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\" x:r=\"B1\" xmlns:x=\"urn:x\"><v>1</v></c></row>" + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\"><v>1</v><?pi x?></c></row>" + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\"><v>1</v></c>", // ends early
                HEAD + "<row r=\"1\"><c r=\"A1\"><v>1<b/></v></c></row>" + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&nbsp;</t></is></c></row>" + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&#1;</t></is></c></row>" + TAIL,
                HEAD + "<row r=\"1\"><c r=\"A1\" r=\"B1\"><v>1</v></c></row>" + TAIL,
                "  " + HEAD + row + TAIL, // the declaration must come first
                HEAD.replace("<sheetViews>", "stray text<sheetViews>") + row + TAIL,
                "<?xml\tversion=\"1.0\"\tencoding=\"UTF-16\"?><worksheet><sheetData>" + row + TAIL);
        for (String xml : bad) {
            refusedByBytes(xml);
        }
        // StAX reads the well-formed ones and names what is wrong in the others
        assertThat(stax(bad.get(0))).containsExactly("0: A/NUMBER/0='1'=1.0");
        assertThat(stax(bad.get(3))).containsExactly("0: A/NUMBER/0='1'=1.0");
        assertThat(stax(bad.get(4))).containsExactly("0: A/TEXT/0='a\nb'");
        assertThatThrownBy(() -> stax(bad.get(7))).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> stax(bad.get(8))).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> stax(bad.get(11))).isInstanceOf(XMLStreamException.class);
    }

    @Test
    void badCellsFailAsTheyDoWithStax() throws Exception {
        String unknownType = HEAD + "<row r=\"1\"><c r=\"A1\" t=\"zz\"><v>1</v></c></row>" + TAIL;
        String missingShared = HEAD + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row>" + TAIL;
        String outside = HEAD + "<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>" + TAIL;
        for (String xml : List.of(unknownType, missingShared, outside)) {
            String message = catchMessage(() -> stax(xml));
            assertThat(message).isNotNull();
            assertThat(catchMessage(() -> bytes(xml, 1, 5))).isEqualTo(message);
        }
        String tooLong = HEAD + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "y".repeat(20_000) + "</t><t>"
                + "z".repeat(20_000) + "</t></is></c></row>" + TAIL;
        String tooLongValue = HEAD + "<row r=\"1\"><c r=\"A1\" t=\"str\"><v>" + "&amp;".repeat(40_000)
                + "</v></c></row>" + TAIL;
        for (String xml : List.of(tooLong, tooLongValue)) {
            assertThatThrownBy(() -> stax(xml)).isInstanceOf(SheetScanner.CellTooLongException.class);
            assertThatThrownBy(() -> bytes(xml, 4, 300)).isInstanceOf(SheetScanner.CellTooLongException.class)
                    .hasMessageContaining("more than 32767 characters");
        }
        String notANumber = HEAD + "<row r=\"1\"><c r=\"A1\"><v>abc</v></c><c r=\"B1\"><v>1.5</v></c></row>" + TAIL;
        try (SheetScanner s = SheetScanner.bytes(new ByteArrayInputStream(notANumber.getBytes(StandardCharsets.UTF_8)),
                shared, 32767)) {
            assertThat(s.nextRow()).isTrue();
            assertThatThrownBy(() -> s.checkNumber(0)).isInstanceOf(NumberFormatException.class);
            s.checkNumber(1);
            assertThat(s.number(1)).isEqualTo(1.5);
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static String catchMessage(Action a) {
        try {
            a.run();
            return null;
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Test
    void emptySheetDataAndSheetWithoutRowsGiveNoRows() throws Exception {
        assertThat(sameFromBoth(HEAD.replace("<sheetData>", "<sheetData/>") + "</worksheet>")).isEmpty();
        assertThat(sameFromBoth(HEAD + TAIL)).isEmpty();
        String bom = "\ufeff" + HEAD + "<row r=\"2\"><c r=\"B2\"><v>3</v></c></row>" + TAIL;
        assertThat(sameFromBoth(bom)).containsExactly("1: B/NUMBER/0='3'=3.0");
    }
}
