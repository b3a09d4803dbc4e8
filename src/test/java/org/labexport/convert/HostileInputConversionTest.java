package org.labexport.convert;

import org.labexport.convert.engine.StreamingTableConverter;
import org.labexport.base.CancelSignal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labexport.convert.excel.TinyWorkbooks;

/**
 * Hostile and damaged inputs through the converter: each fails with a whole sentence naming the file and, where it
 * can be known, the line, row or column (no library class names, object ids or raw decompressor messages), leaves
 * nothing in the output folder, or converts to exactly the right values.
 */
@ExtendWith(QuietLibraryLogs.class)
class HostileInputConversionTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;

    private final StreamingTableConverter converter = new StreamingTableConverter();

    /** A small table written by LabExport in {@code format}, to damage. */
    private static Path goodFile(ExportFormat format) throws IOException {
        Path csv = shared.resolve("good-source.csv");
        if (!Files.exists(csv)) {
            StringBuilder sb = new StringBuilder("id,name,value\n");
            for (int i = 0; i < 20_000; i++) {
                sb.append(i).append(",name").append(i * 7919 % 100_003).append(',').append(i / 3.0).append('\n');
            }
            Files.writeString(csv, sb);
        }
        Path out = Files.createDirectories(shared.resolve("good-" + format.wireName()));
        return new StreamingTableConverter().convert(csv, ExportOptions.defaults(format), out, "good",
                ProgressListener.NONE, CancelSignal.NEVER).outputs().get(0).path();
    }

    private static byte[] bytes(ExportFormat format) throws IOException {
        return Files.readAllBytes(goodFile(format));
    }

    private static byte[] firstPart(byte[] b, double fraction) {
        return Arrays.copyOf(b, (int) (b.length * fraction));
    }

    /** The bytes with 64 of them, at {@code fraction} of the way in, inverted. */
    private static byte[] flipped(byte[] b, double fraction) {
        return flippedAt(b, (int) (b.length * fraction), 64);
    }

    private static byte[] flippedAt(byte[] b, int at, int n) {
        byte[] c = b.clone();
        for (int i = at; i < at + n; i++) {
            c[i] ^= (byte) 0xa5;
        }
        return c;
    }

    /** A Parquet file whose footer (before its length and the closing PAR1) is garbled. */
    private static byte[] garbledFooter() throws IOException {
        byte[] b = bytes(ExportFormat.PARQUET);
        int footer = java.nio.ByteBuffer.wrap(b, b.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        return flippedAt(b, b.length - 8 - footer, footer);
    }

    /** Gzip data whose trailer (the CRC and length of the content) does not match the content. */
    private static byte[] badGzipTrailer() throws IOException {
        byte[] b = gzip(bytes(ExportFormat.CSV));
        return flippedAt(b, b.length - 8, 8);
    }

    private static byte[] gzip(byte[] b) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /** A zip archive holding one text file: a zip, but not a workbook. */
    private static byte[] plainZip() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            zip.write(text("hello"));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static byte[] garbage() {
        byte[] b = new byte[3000];
        new java.util.Random(42).nextBytes(b);
        return b;
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Lines 1 to 5,999 of a two-column CSV, line 5,000 holding a Latin-1 'é' (one byte that is not UTF-8). */
    private static byte[] latin1ByteOnLine5000() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(text("id,label\n"));
        for (int line = 2; line < 6_000; line++) {
            out.writeBytes(text(line + ","));
            out.writeBytes(line == 5_000 ? new byte[] {'c', 'a', 'f', (byte) 0xe9} : text("sample"));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static Stream<Arguments> damaged() throws IOException {
        String notParquet = " is not a Parquet file: it does not end with the Parquet marker (PAR1), so it is another"
                + " kind of file, or a Parquet file cut short.";
        String notXlsx = " is not a readable Excel .xlsx workbook: it is not a complete zip archive (damaged,"
                + " truncated, or another kind of file).";
        String notHdf5 = " is not an HDF5 file: it does not start with the HDF5 signature (empty, or another kind of"
                + " file).";
        return Stream.of(
                Arguments.of("empty.csv", new byte[0], "empty.csv is empty: a header row with the column names is required."),
                Arguments.of("empty.tsv", new byte[0], "empty.tsv is empty: a header row with the column names is required."),
                Arguments.of("empty.json", new byte[0], "empty.json is empty: expected a JSON array of records."),
                Arguments.of("empty.jsonl", new byte[0], "empty.jsonl is empty: expected a JSON array of records."),
                Arguments.of("empty.xlsx", new byte[0], "empty.xlsx is empty (zero bytes); it is not an Excel workbook."),
                Arguments.of("empty.parquet", new byte[0], "empty.parquet is empty (zero bytes); it is not a Parquet file."),
                Arguments.of("empty.h5", new byte[0], "empty.h5" + notHdf5),
                Arguments.of("empty.csv.gz", new byte[0], "empty.csv.gz is named .gz but is not gzip-compressed data."),
                Arguments.of("garbage.csv", garbage(), "garbage.csv is not a text table: line 1 holds bytes that are"
                        + " not valid UTF-8 text. Save it as UTF-8 and try again."),
                Arguments.of("garbage.xlsx", garbage(), "garbage.xlsx" + notXlsx),
                Arguments.of("garbage.parquet", garbage(), "garbage.parquet" + notParquet),
                Arguments.of("garbage.h5", garbage(), "garbage.h5" + notHdf5),
                Arguments.of("garbage.csv.gz", garbage(), "garbage.csv.gz is named .gz but is not gzip-compressed data."),
                Arguments.of("cut.parquet", firstPart(bytes(ExportFormat.PARQUET), 0.5), "cut.parquet" + notParquet),
                Arguments.of("footer.parquet", garbledFooter(), "footer.parquet is a"
                        + " damaged Parquet file: the description of its table at the end of the file (the footer)"
                        + " cannot be read."),
                Arguments.of("pages.parquet", flipped(bytes(ExportFormat.PARQUET), 0.4),
                        "pages.parquet is damaged: the data of row group 1 of 1 cannot be read."),
                Arguments.of("cut.xlsx", firstPart(bytes(ExportFormat.EXCEL), 0.5), "cut.xlsx" + notXlsx),
                Arguments.of("readme.xlsx", plainZip(), "readme.xlsx is not a readable Excel .xlsx workbook: it is a"
                        + " zip archive, but without the parts every workbook has (another kind of zip file, or"
                        + " damaged)."),
                Arguments.of("cut.h5", firstPart(bytes(ExportFormat.HDF5), 0.3), "cut.h5 is a damaged or unsupported"
                        + " HDF5 file: its groups and datasets cannot be read (it may be truncated, or use HDF5"
                        + " features LabExport does not read)."),
                Arguments.of("chunks.h5", flipped(bytes(ExportFormat.HDF5), 0.4),
                        "chunks.h5 is damaged: its rows 1 to 20,000 cannot be read."),
                Arguments.of("cut.csv.gz", firstPart(gzip(bytes(ExportFormat.CSV)), 0.5),
                        "cut.csv.gz is a truncated gzip file: it ends before its compressed data does."),
                Arguments.of("trailer.csv.gz", badGzipTrailer(),
                        "trailer.csv.gz is a damaged gzip file: its compressed data cannot be unpacked."),
                Arguments.of("number.json", text("42"),
                        "number.json is not a list of records: it holds only a number at line 1, column 3."),
                Arguments.of("unclosed.csv", text("a,b\n1,\"hello\n2,world\n3,end"), "unclosed.csv, line 2: the"
                        + " record that starts on this line has a quoted field that is never closed, so the rest of"
                        + " the file would become one value. Add the missing closing quote (\") and export again."),
                Arguments.of("unclosed-later.csv", text("a,b\n1,x\n2,\"multi\nline\"\n3,\"open\n4,y\n"),
                        "unclosed-later.csv, line 5: the record that starts on this line has a quoted field that is"
                                + " never closed, so the rest of the file would become one value. Add the missing"
                                + " closing quote (\") and export again."),
                Arguments.of("latin1.csv", latin1ByteOnLine5000(), "latin1.csv is not a text table: line 5000 holds"
                        + " bytes that are not valid UTF-8 text. Save it as UTF-8 and try again."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("damaged")
    void damagedInputFailsWithASentenceNamingTheFileAndLeavesNothing(String name, byte[] content, String message)
            throws Exception {
        Path source = Files.write(Files.createDirectories(dir.resolve("in")).resolve(name), content);
        Path out = Files.createDirectories(dir.resolve("out"));
        for (ExportFormat target : List.of(ExportFormat.CSV, ExportFormat.PARQUET)) {
            assertThatThrownBy(() -> converter.convert(source, ExportOptions.defaults(target), out, "x",
                    ProgressListener.NONE, CancelSignal.NEVER)).isInstanceOf(ConversionException.class)
                    .hasMessage(message);
        }
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void excelTimesFromOtherToolsAreRoundedToExcelsMilliseconds() throws Exception {
        // openpyxl and pandas write 2024-01-01 12:30:00 as 45292.52083333334, about a microsecond past it.
        Path book = TinyWorkbooks.withSheetData(dir.resolve("times.xlsx"), "<row r=\"1\">"
                + "<c r=\"A1\" t=\"inlineStr\"><is><t>when</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" s=\"4\"><v>45292.52083333334</v></c></row>"
                + "<row r=\"3\"><c r=\"A3\" s=\"4\"><v>45292.520833344907</v></c></row>");
        Path out = Files.createDirectories(dir.resolve("out"));

        Path csv = converter.convert(book, ExportOptions.defaults(ExportFormat.CSV), out, "times",
                ProgressListener.NONE, CancelSignal.NEVER).outputs().get(0).path();
        Path parquet = converter.convert(book, ExportOptions.defaults(ExportFormat.PARQUET), out, "times",
                ProgressListener.NONE, CancelSignal.NEVER).outputs().get(0).path();

        assertThat(Files.readString(csv)).isEqualTo("when\n2024-01-01T12:30:00Z\n2024-01-01T12:30:00.001Z\n");
        assertThat(TestTables.read(parquet).column("when")).containsExactly(
                Instant.parse("2024-01-01T12:30:00Z"), Instant.parse("2024-01-01T12:30:00.001Z"));
    }

    @Test
    void aCharacterTheEncodingLacksIsNamedWithItsRowAndColumn() throws Exception {
        StringBuilder sb = new StringBuilder("id,name,note\n");
        for (int i = 1; i <= 3_000; i++) {
            sb.append(i).append(",plain,\"quoted, with \"\"quotes\"\"\nand a line break\"\n");
        }
        sb.append("3001,caf\u00e9,x\n");
        Path source = Files.writeString(dir.resolve("names.csv"), sb);
        Path out = Files.createDirectories(dir.resolve("out"));
        ExportOptions ascii = ExportOptions.parse(ExportFormat.CSV, Map.of("encoding", "US-ASCII"));

        assertThatThrownBy(() -> converter.convert(source, ascii, out, "names", ProgressListener.NONE,
                CancelSignal.NEVER)).isInstanceOf(ConversionException.class)
                .hasMessage("names.csv: row 3,001, column 'name' holds '\u00e9' (U+00E9), which the encoding US-ASCII"
                        + " cannot represent. Choose UTF-8, or another encoding that has it.");
        Path header = Files.writeString(dir.resolve("header.csv"), "id,\u03bc\n1,2\n");
        assertThatThrownBy(() -> converter.convert(header, ascii, out, "header", ProgressListener.NONE,
                CancelSignal.NEVER)).isInstanceOf(ConversionException.class)
                .hasMessage("header.csv: the name of column '\u03bc' holds '\u03bc' (U+03BC), which the encoding"
                        + " US-ASCII cannot represent. Choose UTF-8, or another encoding that has it.");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void nestedParquetColumnsAreLeftOutWithTheColumnsOptionAndNamedWithoutIt() throws Exception {
        Path file = dir.resolve("nested.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM (VALUES (1, 'a', [1, 2], {'x': 1, 'y': 'p'}, MAP {'k': 1}, 0.5),"
                    + " (2, 'b', [3], {'x': 2, 'y': 'q'}, MAP {'k': 2}, NULL))"
                    + " t(id, name, reps, point, attrs, score)) TO '" + file + "' (FORMAT parquet)");
        }
        Path out = Files.createDirectories(dir.resolve("out"));

        ConversionResult r = converter.convert(file, ExportOptions.parse(ExportFormat.CSV,
                Map.of("columns", "score,id,name")), out, "flat", ProgressListener.NONE, CancelSignal.NEVER);

        assertThat(Files.readString(r.outputs().get(0).path())).isEqualTo("score,id,name\n0.5,1,a\n,2,b\n");
        for (String[] nested : new String[][] {{"reps", "a list"}, {"point", "a struct"}, {"attrs", "a map"}}) {
            assertThatThrownBy(() -> converter.convert(file, ExportOptions.parse(ExportFormat.PARQUET,
                    Map.of("columns", "id," + nested[0])), out, "bad", ProgressListener.NONE, CancelSignal.NEVER))
                    .isInstanceOf(ConversionException.class)
                    .hasMessage("nested.parquet: column '" + nested[0] + "' is " + nested[1] + " (nested values),"
                            + " which LabExport cannot convert; only columns of plain values can be exported. Leave"
                            + " it out with the columns option to export the other columns.");
        }
        assertThatThrownBy(() -> converter.convert(file, ExportOptions.defaults(ExportFormat.CSV), out, "all",
                ProgressListener.NONE, CancelSignal.NEVER)).isInstanceOf(ConversionException.class)
                .hasMessage("nested.parquet: column 'reps' is a list (nested values), which LabExport cannot"
                        + " convert; only columns of plain values can be exported. Leave it out with the columns"
                        + " option to export the other columns.");
        try (Stream<Path> left = Files.list(out)) {
            assertThat(left).containsExactly(r.outputs().get(0).path());
        }
    }
}
