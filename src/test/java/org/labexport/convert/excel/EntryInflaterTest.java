package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.TableReader;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

class EntryInflaterTest {
    @TempDir
    Path dir;

    private static byte[] deflate(byte[] data, int level) {
        Deflater d = new Deflater(level, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    private static byte[] sheetLikeText(int rows) {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(9);
        for (int i = 0; i < rows; i++) {
            sb.append("<row r=\"").append(i + 1).append("\"><c><v>").append(r.nextDouble()).append("</v></c></row>");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void inflatesExactlyTheOriginalBytes() throws Exception {
        byte[] data = sheetLikeText(50_000);
        try (InputStream in = new EntryInflater(new ByteArrayInputStream(deflate(data, 1)), "sheet1.xml")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[7777];
            int n;
            while ((n = in.read(buf, 0, buf.length)) >= 0) {
                out.write(buf, 0, n);
            }
            assertThat(out.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void damagedAndTruncatedDataAreErrorsNotShortData() {
        byte[] compressed = deflate(sheetLikeText(20_000), 1);
        byte[] damaged = compressed.clone();
        for (int i = 1000; i < 1100; i++) {
            damaged[i] = (byte) 0xFF;
        }
        assertThatThrownBy(() -> new EntryInflater(new ByteArrayInputStream(damaged), "sheet1.xml").readAllBytes())
                .isInstanceOf(ZipException.class).hasMessageContaining("sheet1.xml");
        byte[] cut = Arrays.copyOf(compressed, compressed.length / 2);
        assertThatThrownBy(() -> new EntryInflater(new ByteArrayInputStream(cut), "sheet1.xml").readAllBytes())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void refusesAnEntryThatExpandsLikeAZipBomb() {
        byte[] zeros = new byte[50_000_000];
        byte[] compressed = deflate(zeros, 9);
        assertThatThrownBy(() -> {
            try (InputStream in = new EntryInflater(new ByteArrayInputStream(compressed), "sheet1.xml")) {
                in.transferTo(OutputStreamSink.INSTANCE);
            }
        }).isInstanceOf(IOException.class).hasMessageContaining("Zip bomb detected");
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }

    @Test
    void workbookWithDamagedSheetDataIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("damaged.xlsx");
        EdgeTable.write(FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow(), file, EdgeTable.COUNTER,
                EdgeTable.counter(200_000), EdgeTable.opts(ExportFormat.EXCEL, Map.of()));
        long start;
        long size;
        try (ZipFile zip = ZipFile.builder().setFile(file.toFile()).get()) {
            ZipArchiveEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            start = sheet.getDataOffset();
            size = sheet.getCompressedSize();
        }
        byte[] bytes = Files.readAllBytes(file);
        for (long i = start + size / 2; i < start + size / 2 + 64; i++) {
            bytes[(int) i] ^= 0x5A;
        }
        Files.write(file, bytes);
        var reader = FormatRegistry.reader(SourceFormat.EXCEL).orElseThrow();
        assertThatThrownBy(() -> {
            try (TableReader r = reader.open(file, "Data", ReadSettings.defaults(null))) {
                EdgeTable.readAll(r);
            }
        }).isInstanceOf(ConversionException.class).hasMessageContaining("damaged.xlsx")
                .hasMessageContaining("damaged");
    }
}
