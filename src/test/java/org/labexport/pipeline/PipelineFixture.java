package org.labexport.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.labexport.app.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;

/** Test data for pipeline tests: real CSV files in the catalog, export requests, ZIP reading. */
final class PipelineFixture {
    final AppServices services;
    final Path dataDir;
    private int counter;

    PipelineFixture(AppServices services, Path dataDir) {
        this.services = services;
        this.dataDir = dataDir;
    }

    /** A CSV of {@code rows} rows (id, name, value, day) added to the catalog. */
    DataFile aCsvFile(String name, int rows) {
        StringBuilder sb = new StringBuilder("id,name,value,day\n");
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(",sample ").append(i).append(',').append(i * 0.5).append(",2024-01-")
                    .append(String.format("%02d", i % 28 + 1)).append('\n');
        }
        return add(name, sb.toString());
    }

    DataFile add(String name, String content) {
        try {
            Path f = Files.createDirectories(dataDir.resolve("d" + (++counter))).resolve(name);
            Files.writeString(f, content);
            return services.catalog().addFile(f, Map.of("instrument", "reader-" + counter), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV of about {@code megabytes} MB written by streaming, added to the catalog. */
    DataFile aLargeCsv(String name, int megabytes) throws IOException {
        Path f = Files.createDirectories(dataDir.resolve("big" + (++counter))).resolve(name);
        // One 1 MB block of varied rows, written again and again: fast to make, realistic to parse.
        StringBuilder block = new StringBuilder(1 << 20);
        for (long i = 0; block.length() < (1 << 20); i++) {
            block.append(i).append(',').append(i % 17).append(',').append(i * 0.25).append(',')
                    .append(i % 2 == 0).append(",label_").append(i % 1000).append('\n');
        }
        byte[] bytes = block.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var out = new java.io.BufferedOutputStream(Files.newOutputStream(f), 1 << 20)) {
            out.write("id,group,value,flag,label\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (int i = 0; i < megabytes; i++) {
                out.write(bytes);
            }
        }
        return services.catalog().addFile(f, Map.of(), null);
    }

    NewExportJob.Builder request(ExportFormat format, List<DataFile> files) {
        List<Long> ids = new ArrayList<>();
        files.forEach(f -> ids.add(f.getId()));
        return NewExportJob.builder().name("Export " + (++counter)).description("pipeline test").format(format)
                .fileIds(ids);
    }

    ExportJob create(NewExportJob.Builder b) {
        return services.exports().createExportJob(b.build());
    }

    /** Entry name to bytes, in archive order. */
    static Map<String, byte[]> readZip(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                entries.put(e.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
