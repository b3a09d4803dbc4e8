package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;

class ZipPackagerTest {
    @TempDir
    Path tmp;

    @Test
    void compressedOutputsAreStoredAndTextOutputsDeflated() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("export_1"));
        byte[] text = textTable(3 * ParallelDeflater.BLOCK + 12_345);
        Files.write(folder.resolve("file_1_de.csv"), text);
        Files.write(folder.resolve("file_2_de.parquet"), text);  // stored by its name, whatever its bytes
        Files.write(folder.resolve("file_3_de.xlsx"), text);
        Files.write(folder.resolve("file_4_de.h5"), gzipLike(600_000)); // compressed inside: its sample says so
        Files.write(folder.resolve("file_5_plain.h5"), text);
        Files.writeString(folder.resolve(Manifest.FILE_NAME), "{\"files\": []}");
        Path zip = tmp.resolve("export_1.zip");

        ZipPackager.zip(folder, zip, CancelSignal.NEVER);

        Map<String, Integer> methods = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                methods.put(e.getName(), e.getMethod());
                try (InputStream in = z.getInputStream(e)) {
                    assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(folder.resolve(e.getName())));
                }
            }
        }
        assertThat(methods).containsExactly(
                Map.entry("file_1_de.csv", ZipEntry.DEFLATED),
                Map.entry("file_2_de.parquet", ZipEntry.STORED),
                Map.entry("file_3_de.xlsx", ZipEntry.STORED),
                Map.entry("file_4_de.h5", ZipEntry.STORED),
                Map.entry("file_5_plain.h5", ZipEntry.DEFLATED),
                Map.entry(Manifest.FILE_NAME, ZipEntry.DEFLATED));
        // The streaming reader checks each local header and data descriptor against the data.
        assertThat(PipelineFixture.readZip(zip).get("file_1_de.csv")).isEqualTo(text);
        assertThat(Files.size(zip)).isLessThan(5L * text.length);
    }

    @Test
    void unzipTestsTheArchiveAsSound() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/unzip")), "unzip is not installed");
        Path folder = Files.createDirectories(tmp.resolve("export_2"));
        Files.write(folder.resolve("file_1_de.tsv"), textTable(2 * ParallelDeflater.BLOCK));
        Files.write(folder.resolve("file_2_de.parquet"), gzipLike(100_000));
        Files.write(folder.resolve("file_3_empty.csv"), new byte[0]);
        Path zip = tmp.resolve("export_2.zip");

        ZipPackager.zip(folder, zip, CancelSignal.NEVER);

        Process p = new ProcessBuilder("/usr/bin/unzip", "-t", zip.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("file_1_de.tsv", "file_2_de.parquet", "file_3_empty.csv", "No errors detected");
    }

    @Test
    void blocksDeflatedApartInflateAsOneStream() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int size : new int[] {0, 1, ParallelDeflater.BLOCK - 1, ParallelDeflater.BLOCK,
                    2 * ParallelDeflater.BLOCK, 2 * ParallelDeflater.BLOCK + 1}) {
                byte[] data = textTable(size);
                Path f = Files.write(tmp.resolve("in-" + size), data);
                ByteArrayOutputStream out = new ByteArrayOutputStream();

                ParallelDeflater.Result r = new ParallelDeflater(pool, 3, 1).deflate(f, out, CancelSignal.NEVER);

                java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                crc.update(data);
                assertThat(r.size()).isEqualTo(size);
                assertThat(r.crc()).isEqualTo(crc.getValue());
                assertThat(r.compressedSize()).isEqualTo(out.size());
                try (InputStream in = new InflaterInputStream(
                        new java.io.ByteArrayInputStream(out.toByteArray()), new Inflater(true))) {
                    assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(data);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Repetitive CSV-like text, as a converted table is: it deflates well. */
    private static byte[] textTable(int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        Random r = new Random(7);
        sb.append("gene_id,gene_name,baseMean,pvalue\n");
        for (int i = 0; sb.length() < size; i++) {
            sb.append("ENSG").append(100000 + i).append(",G").append(r.nextInt(5000)).append(',')
                    .append(r.nextDouble() * 1000).append(',').append(r.nextBoolean() ? "NA" : r.nextDouble())
                    .append('\n');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes that deflate cannot shrink: already compressed data. */
    private static byte[] gzipLike(int size) throws IOException {
        byte[] noise = new byte[size];
        new Random(11).nextBytes(noise);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(noise);
        }
        return java.util.Arrays.copyOf(out.toByteArray(), size);
    }
}
