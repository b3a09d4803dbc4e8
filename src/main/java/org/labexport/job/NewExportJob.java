package org.labexport.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labexport.convert.ExportFormat;
import org.labexport.publish.PackageFormat;

/**
 * A request to create an export job, built with {@link #builder()}. It is only a value: every rule is checked by
 * {@link DataExportService#createExportJob}, which names the field at fault.
 *
 * @param ttlHours    hours until the job and its output expire; null means 48
 * @param destination null for the default folder, a folder path, or {@code s3://bucket/prefix}
 * @param packageFormat plain export or a BagIt bag with an RO-Crate; null means plain
 * @param license     licence for the RO-Crate, null for the settings' one
 * @param author      author for the RO-Crate, null for the settings' one
 */
public record NewExportJob(String name, String description, String projectId, ExportFormat format,
                           boolean includeMetadata, boolean includeLineage, boolean compress,
                           List<Long> fileIds, List<Long> datasetIds, Map<String, String> exportOptions,
                           Integer ttlHours, String destination, PackageFormat packageFormat, String license,
                           String author) {

    public NewExportJob {
        fileIds = fileIds == null ? List.of() : List.copyOf(fileIds);
        datasetIds = datasetIds == null ? List.of() : List.copyOf(datasetIds);
        exportOptions = exportOptions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exportOptions));
        packageFormat = packageFormat == null ? PackageFormat.NONE : packageFormat;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this request, to change some of them. */
    public Builder toBuilder() {
        return builder().name(name).description(description).projectId(projectId).format(format)
                .includeMetadata(includeMetadata).includeLineage(includeLineage).compress(compress).fileIds(fileIds)
                .datasetIds(datasetIds).exportOptions(exportOptions).ttlHours(ttlHours).destination(destination)
                .packageFormat(packageFormat).license(license).author(author);
    }

    /** Builds a request; defaults: include metadata yes, lineage no, compress no, no options, TTL 48 h. */
    public static final class Builder {
        private String name;
        private String description;
        private String projectId;
        private ExportFormat format;
        private boolean includeMetadata = true;
        private boolean includeLineage;
        private boolean compress;
        private List<Long> fileIds = new ArrayList<>();
        private List<Long> datasetIds = new ArrayList<>();
        private Map<String, String> exportOptions = new LinkedHashMap<>();
        private Integer ttlHours;
        private String destination;
        private PackageFormat packageFormat = PackageFormat.NONE;
        private String license;
        private String author;

        private Builder() {
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder projectId(String projectId) {
            this.projectId = projectId;
            return this;
        }

        public Builder format(ExportFormat format) {
            this.format = format;
            return this;
        }

        public Builder includeMetadata(boolean includeMetadata) {
            this.includeMetadata = includeMetadata;
            return this;
        }

        public Builder includeLineage(boolean includeLineage) {
            this.includeLineage = includeLineage;
            return this;
        }

        public Builder compress(boolean compress) {
            this.compress = compress;
            return this;
        }

        public Builder fileIds(List<Long> fileIds) {
            this.fileIds = fileIds == null ? new ArrayList<>() : new ArrayList<>(fileIds);
            return this;
        }

        public Builder datasetIds(List<Long> datasetIds) {
            this.datasetIds = datasetIds == null ? new ArrayList<>() : new ArrayList<>(datasetIds);
            return this;
        }

        public Builder exportOptions(Map<String, String> exportOptions) {
            this.exportOptions = exportOptions == null ? new LinkedHashMap<>() : new LinkedHashMap<>(exportOptions);
            return this;
        }

        /** Hours until expiry, 1 to 168; null means 48. */
        public Builder ttlHours(Integer ttlHours) {
            this.ttlHours = ttlHours;
            return this;
        }

        /** Null for the default folder, a folder path, or {@code s3://bucket/prefix}. */
        public Builder destination(String destination) {
            this.destination = destination;
            return this;
        }

        /** Plain (default) or a BagIt bag with an RO-Crate. */
        public Builder packageFormat(PackageFormat packageFormat) {
            this.packageFormat = packageFormat;
            return this;
        }

        /** Licence for the RO-Crate (URL or SPDX id); null takes the settings' one. */
        public Builder license(String license) {
            this.license = license;
            return this;
        }

        /** Author for the RO-Crate; null takes the settings' one. */
        public Builder author(String author) {
            this.author = author;
            return this;
        }

        public NewExportJob build() {
            return new NewExportJob(name, description, projectId, format, includeMetadata, includeLineage, compress,
                    fileIds, datasetIds, exportOptions, ttlHours, destination, packageFormat, license, author);
        }
    }
}
