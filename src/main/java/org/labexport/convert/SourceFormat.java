package org.labexport.convert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The format of a source file as LabExport reads it, detected from its name and first bytes. */
public enum SourceFormat {
    CSV, TSV, JSON, EXCEL, PARQUET, HDF5, UNKNOWN;

    private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};
    private static final byte[] HDF5_MAGIC = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the name says the file is gzip-compressed text ({@code .csv.gz}, {@code .tsv.gz}, {@code .json.gz}). */
    public static boolean isGzipName(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * Detects the format: binary formats by their magic bytes (so a misnamed file is still recognised), text formats
     * by extension ({@code .csv}, {@code .tsv}/{@code .tab}/{@code .txt}, {@code .json}/{@code .jsonl}/{@code .ndjson},
     * each optionally {@code .gz}).
     */
    public static SourceFormat detect(Path file) throws IOException {
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (startsWith(head, n, PARQUET_MAGIC)) {
            return PARQUET;
        }
        if (startsWith(head, n, HDF5_MAGIC)) {
            return HDF5;
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (startsWith(head, n, ZIP_MAGIC) && name.endsWith(".xlsx")) {
            return EXCEL;
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xlsm")) {
            return EXCEL;
        }
        if (name.endsWith(".parquet") || name.endsWith(".pq")) {
            return PARQUET;
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".hdf")) {
            return HDF5;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt")) {
            return TSV;
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSON;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] head, int n, byte[] magic) {
        if (n < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
