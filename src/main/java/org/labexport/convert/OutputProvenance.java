package org.labexport.convert;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where an output came from, as ordered text key/values that a writer stores inside the file where its format has a
 * place for them (Parquet key-value metadata, HDF5 attributes of the table group, xlsx custom document properties).
 * {@link #NONE} writes nothing, so a conversion without provenance gives the same bytes as before there was any.
 */
public final class OutputProvenance {
    public static final String JOB_KEY = "labexport.job_key";
    public static final String SOURCE_FILE = "labexport.source_file";
    public static final String SOURCE_SHA256 = "labexport.source_sha256";
    public static final String SOURCE_PATH = "labexport.source_path";
    public static final String VERSION = "labexport.version";
    public static final String EXPORTED_AT = "labexport.exported_at";
    /** The effective export options as a JSON object. */
    public static final String OPTIONS = "labexport.options";
    public static final String PROJECT_ID = "labexport.project_id";

    /** No provenance: writers add nothing. */
    public static final OutputProvenance NONE = new OutputProvenance(Map.of());

    private final Map<String, String> entries;

    private OutputProvenance(Map<String, String> entries) {
        this.entries = entries;
    }

    /** Starts an empty, ordered set of entries. */
    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries in the order they were added. */
    public Map<String, String> entries() {
        return entries;
    }

    @Override
    public String toString() {
        return "OutputProvenance" + entries;
    }

    /** Collects entries in order; a null or blank value is left out rather than written empty. */
    public static final class Builder {
        private final Map<String, String> entries = new LinkedHashMap<>();

        private Builder() {
        }

        /** Adds {@code key} with {@code value}, unless the value is null or blank; a repeated key is replaced. */
        public Builder put(String key, String value) {
            Objects.requireNonNull(key, "key");
            if (value != null && !value.isBlank()) {
                entries.put(key, value);
            }
            return this;
        }

        public OutputProvenance build() {
            return entries.isEmpty() ? NONE
                    : new OutputProvenance(Collections.unmodifiableMap(new LinkedHashMap<>(entries)));
        }
    }
}
