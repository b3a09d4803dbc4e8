package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

/** Broken and hostile workbooks are refused with a message naming the file, quickly and without running out of memory. */
class ExcelHostileInputTest {
    @TempDir
    Path dir;

    private final SourceReader reader = FormatRegistry.reader(SourceFormat.EXCEL).orElseThrow();

    private Path goodWorkbook(String name) throws Exception {
        Path file = dir.resolve(name);
        EdgeTable.write(FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow(), file, EdgeTable.SCHEMA,
                EdgeTable.rows(), EdgeTable.opts(ExportFormat.EXCEL, Map.of()));
        return file;
    }

    private void assertRefused(Path file, String... messageParts) {
        assertThatThrownBy(() -> {
            for (String sheet : reader.tables(file, ReadSettings.defaults(null))) {
                try (TableReader r = reader.open(file, sheet, ReadSettings.defaults(null))) {
                    EdgeTable.readAll(r);
                }
            }
        }).isInstanceOf(ConversionException.class).hasMessageContaining(file.getFileName().toString())
                .satisfies(e -> System.out.println("refused: " + e.getMessage()))
                .hasMessageContainingAll(messageParts.length == 0 ? new String[] {file.getFileName().toString()}
                        : messageParts);
    }

    @Test
    void zipBombIsRefusedQuicklyWithoutRunningOutOfMemory() throws Exception {
        Path good = goodWorkbook("good.xlsx");
        Path bomb = TinyWorkbooks.zipBomb(good, dir.resolve("bomb.xlsx"));
        assertThat(Files.size(bomb)).isLessThan(5_000_000);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertRefused(bomb, "zip bomb"));
    }

    @Test
    void encryptedWorkbookIsRefusedAsPasswordProtected() throws Exception {
        Path good = goodWorkbook("plain.xlsx");
        Path encrypted = dir.resolve("secret.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor enc = info.getEncryptor();
            enc.confirmPassword("s3cret");
            try (OutputStream os = enc.getDataStream(fs)) {
                Files.copy(good, os);
            }
            try (OutputStream out = Files.newOutputStream(encrypted)) {
                fs.writeFilesystem(out);
            }
        }
        assertRefused(encrypted, "password-protected");
    }

    @Test
    void truncatedGarbageAndEmptyFilesAreRefused() throws Exception {
        Path good = goodWorkbook("whole.xlsx");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.xlsx");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = dir.resolve("garbage.xlsx");
        byte[] noise = new byte[10_000];
        new java.util.Random(11).nextBytes(noise);
        Files.write(garbage, noise);
        Path empty = Files.createFile(dir.resolve("empty.xlsx"));
        Path notWorkbook = dir.resolve("notworkbook.xlsx");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(notWorkbook))) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        }
        for (Path bad : List.of(cut, garbage, empty, notWorkbook)) {
            org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> assertRefused(bad));
        }
    }

    @Test
    void damagedSheetXmlIsRefusedNamingFileAndSheet() throws Exception {
        Path good = goodWorkbook("source.xlsx");
        Path broken = dir.resolve("broken.xlsx");
        try (ZipFile in = new ZipFile(good.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(broken))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] content = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    content = Arrays.copyOf(content, content.length / 2); // cut mid-element
                }
                out.write(content);
                out.closeEntry();
            }
        }
        assertRefused(broken, "sheet 'Data'");
    }

    @Test
    void textThatLooksLikeMarkupOrEscapesSurvives() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("s", ColumnType.STRING)));
        List<Object[]> rows = List.of(new Object[] {"a < b & c > d \"q\" 'x'"}, new Object[] {"_x0041_ stays"},
                new Object[] {"line1\r\nline2\ttab"}, new Object[] {"bell\u0007 and nul-free"},
                new Object[] {"=1+1"}, new Object[] {" lead and trail "}, new Object[] {"😀 emoji"});
        Path file = dir.resolve("markup.xlsx");
        EdgeTable.write(FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow(), file, schema, rows,
                EdgeTable.opts(ExportFormat.EXCEL, Map.of()));
        try (TableReader r = reader.open(file, "Data", ReadSettings.defaults(null))) {
            assertThat(EdgeTable.readAll(r)).extracting(x -> x[0]).containsExactlyElementsOf(
                    rows.stream().map(x -> x[0]).toList());
        }
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
            var sheet = wb.getSheet("Data");
            for (int i = 0; i < rows.size(); i++) {
                assertThat(sheet.getRow(i + 1).getCell(0).getStringCellValue()).isEqualTo(rows.get(i)[0]);
            }
        }
    }
}
