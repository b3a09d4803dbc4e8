package org.labexport.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.labexport.convert.SourceFormat;

/**
 * A data file in the catalog: where it was, its size and SHA-256 when added, its detected format and free key/value
 * metadata (JSON values, types kept) and the pipeline run that produced it. The same unchanged file (path, size,
 * hash) is one entry; a changed file at the same path is a new one. A row of {@code data_file} ({@link CatalogRows}).
 */
public final class DataFile {
    private Long id;
    private String path;
    private String fileName;
    private long sizeBytes;
    private String sha256;
    private SourceFormat detectedFormat;
    private Instant addedAt;
    private Map<String, Object> metadata = new LinkedHashMap<>();
    private String pipelineRun;
    private String storedAt;

    DataFile(String path, String fileName, long sizeBytes, String sha256, SourceFormat detectedFormat, Instant addedAt,
             Map<String, Object> metadata, String pipelineRun) {
        this.path = path;
        this.fileName = fileName;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.detectedFormat = detectedFormat;
        this.addedAt = addedAt;
        this.metadata = new LinkedHashMap<>(metadata);
        this.pipelineRun = pipelineRun;
    }

    /** For {@link CatalogRows}, which gives it the id the database assigned. */
    void setId(long id) {
        this.id = id;
    }

    public Long getId() {
        return id;
    }

    /** The absolute path the file had when it was added. */
    public String getPath() {
        return path;
    }

    public String getFileName() {
        return fileName;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    /** Lower-case hex SHA-256 of the content when added. */
    public String getSha256() {
        return sha256;
    }

    public SourceFormat getDetectedFormat() {
        return detectedFormat;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    /** Free metadata as JSON values: strings, numbers (Integer, Long, Double...), booleans, lists, maps. */
    public Map<String, Object> getMetadata() {
        return Collections.unmodifiableMap(metadata);
    }

    /** The upstream pipeline run that produced this file, or null when unknown. */
    public String getPipelineRun() {
        return pipelineRun;
    }

    /**
     * Where a copy of the file was uploaded when it was added ({@code s3://bucket/key} in the lab bucket), so that a
     * worker on another machine can read it; null when only {@link #getPath()} holds it.
     */
    public String getStoredAt() {
        return storedAt;
    }

    void setStoredAt(String storedAt) {
        this.storedAt = storedAt;
    }

    void mergeMetadata(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(metadata);
        merged.putAll(more);
        this.metadata = merged;
    }

    void setPipelineRun(String pipelineRun) {
        this.pipelineRun = pipelineRun;
    }

    @Override
    public String toString() {
        return "DataFile[" + id + ", " + path + "]";
    }
}
