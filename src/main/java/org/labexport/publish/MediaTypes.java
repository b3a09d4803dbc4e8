package org.labexport.publish;

import java.util.Locale;
import java.util.Map;

/** The IANA media type of an exported file, by its extension (or a source's detected format). */
public final class MediaTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("csv", "text/csv"),
            Map.entry("tsv", "text/tab-separated-values"),
            Map.entry("txt", "text/plain"),
            Map.entry("json", "application/json"),
            Map.entry("jsonl", "application/jsonl"),
            Map.entry("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            Map.entry("parquet", "application/vnd.apache.parquet"),
            Map.entry("h5", "application/x-hdf5"),
            Map.entry("hdf5", "application/x-hdf5"),
            Map.entry("zip", "application/zip"),
            Map.entry("html", "text/html"));

    private MediaTypes() {
    }

    /** The media type of a file name; {@code application/octet-stream} when unknown. */
    public static String ofName(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream" : ofFormat(fileName.substring(dot + 1));
    }

    /** The media type of an extension or format wire name (csv, parquet, hdf5, excel...). */
    public static String ofFormat(String format) {
        if (format == null) {
            return "application/octet-stream";
        }
        return BY_EXTENSION.getOrDefault(format.toLowerCase(Locale.ROOT), "application/octet-stream");
    }
}
