package org.labexport.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labexport.convert.ExportFormat;
import org.labexport.publish.PackageFormat;

/**
 * One export job: what to export (catalog files and datasets), how (format, options), where, and how far it got.
 * A row of {@code export_job}, read and written by {@link JobRows}. Instances handed out by {@link DataExportService}
 * are copies; only the service changes jobs, through the transition table of {@link ExportStatus}. Timestamps are UTC
 * instants.
 */
public class ExportJob {
    private Long id;
    private String jobKey;
    private String name;
    private String description;
    private String userId;
    private String projectId;
    private ExportFormat exportFormat;
    private boolean includeMetadata;
    private boolean includeLineage;
    private boolean compress;
    private List<Long> fileIds = new ArrayList<>();
    private List<Long> datasetIds = new ArrayList<>();
    private Map<String, String> exportOptions = new LinkedHashMap<>();
    private String outputPath;
    private Long outputSize;
    private String downloadUrl;
    private ExportStatus status;
    private int progress;
    private String errorMessage;
    private int totalFiles;
    private int processedFiles;
    private int failedFiles;
    private List<Long> failedFileIds = new ArrayList<>();
    private long bytesDone;
    private long bytesTotal;
    private String destination;
    private Instant createdAt;
    private Instant startedAt;
    private Instant completedAt;
    private Instant expiresAt;
    private Instant updatedAt;
    private String packageFormat = PackageFormat.NONE.wireName();
    private String license;
    private String author;
    private long version;
    private String createdHost;

    // Written by the shared queue's SQL (JobClaims) only: a progress write must not undo a heartbeat or a claim, so
    // JobRows never writes these columns.
    private String claimedBy;
    private Instant heartbeatAt;
    private int attempts;

    /** For {@link JobRows} and the service. */
    ExportJob() {
    }

    /** A field-by-field copy with its own collections. */
    ExportJob copy() {
        ExportJob c = new ExportJob();
        c.id = id;
        c.jobKey = jobKey;
        c.name = name;
        c.description = description;
        c.userId = userId;
        c.projectId = projectId;
        c.exportFormat = exportFormat;
        c.includeMetadata = includeMetadata;
        c.includeLineage = includeLineage;
        c.compress = compress;
        c.fileIds = new ArrayList<>(fileIds);
        c.datasetIds = new ArrayList<>(datasetIds);
        c.exportOptions = new LinkedHashMap<>(exportOptions);
        c.outputPath = outputPath;
        c.outputSize = outputSize;
        c.downloadUrl = downloadUrl;
        c.status = status;
        c.progress = progress;
        c.errorMessage = errorMessage;
        c.totalFiles = totalFiles;
        c.processedFiles = processedFiles;
        c.failedFiles = failedFiles;
        c.failedFileIds = new ArrayList<>(failedFileIds);
        c.bytesDone = bytesDone;
        c.bytesTotal = bytesTotal;
        c.destination = destination;
        c.createdAt = createdAt;
        c.startedAt = startedAt;
        c.completedAt = completedAt;
        c.expiresAt = expiresAt;
        c.updatedAt = updatedAt;
        c.version = version;
        c.packageFormat = packageFormat;
        c.license = license;
        c.author = author;
        c.createdHost = createdHost;
        c.claimedBy = claimedBy;
        c.heartbeatAt = heartbeatAt;
        c.attempts = attempts;
        return c;
    }

    public Long getId() {
        return id;
    }

    public String getJobKey() {
        return jobKey;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    /** The operating-system user who created the job. */
    public String getUserId() {
        return userId;
    }

    public String getProjectId() {
        return projectId;
    }

    public ExportFormat getExportFormat() {
        return exportFormat;
    }

    public boolean isIncludeMetadata() {
        return includeMetadata;
    }

    public boolean isIncludeLineage() {
        return includeLineage;
    }

    public boolean isCompress() {
        return compress;
    }

    /** Catalog file ids selected directly, in the order given. */
    public List<Long> getFileIds() {
        return Collections.unmodifiableList(fileIds);
    }

    public List<Long> getDatasetIds() {
        return Collections.unmodifiableList(datasetIds);
    }

    /** The format options as the user gave them (validated at creation). */
    public Map<String, String> getExportOptions() {
        return Collections.unmodifiableMap(exportOptions);
    }

    public String getOutputPath() {
        return outputPath;
    }

    public Long getOutputSize() {
        return outputSize;
    }

    public String getDownloadUrl() {
        return downloadUrl;
    }

    public ExportStatus getStatus() {
        return status;
    }

    /** 0 to 100. */
    public int getProgress() {
        return progress;
    }

    public String getErrorMessage() {
        return errorMessage;
    }

    /** Number of distinct catalog files the job exports (selected files plus dataset files). */
    public int getTotalFiles() {
        return totalFiles;
    }

    public int getProcessedFiles() {
        return processedFiles;
    }

    public int getFailedFiles() {
        return failedFiles;
    }

    public List<Long> getFailedFileIds() {
        return Collections.unmodifiableList(failedFileIds);
    }

    public long getBytesDone() {
        return bytesDone;
    }

    public long getBytesTotal() {
        return bytesTotal;
    }

    /** Null for the default folder, a folder path, or {@code s3://bucket/prefix}. */
    public String getDestination() {
        return destination;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    /**
     * True once the job's expiry has passed, even before a cleanup has removed it: such a job shows as expired and
     * offers no link to its output.
     */
    public boolean isExpiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** When the row last changed, by any process. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Optimistic-lock version; grows with every stored change. */
    public long getVersion() {
        return version;
    }

    /** How the export is packaged: plain, or as a BagIt bag with an RO-Crate. */
    public PackageFormat getPackageFormat() {
        return PackageFormat.fromWireName(packageFormat).orElse(PackageFormat.NONE);
    }

    /** The licence written into the export's RO-Crate (a URL or SPDX id), or null for the settings' licence. */
    public String getLicense() {
        return license;
    }

    /** The author written into the export's RO-Crate, or null for the settings' author. */
    public String getAuthor() {
        return author;
    }

    // Mutators: package-private, used only by DataExportService and JobRows.

    void setId(long id) {
        this.id = id;
    }

    void setVersion(long version) {
        this.version = version;
    }

    void setPackageFormat(PackageFormat packageFormat) {
        this.packageFormat = (packageFormat == null ? PackageFormat.NONE : packageFormat).wireName();
    }

    void setLicense(String license) {
        this.license = license;
    }

    void setAuthor(String author) {
        this.author = author;
    }

    void setJobKey(String jobKey) {
        this.jobKey = jobKey;
    }

    void setName(String name) {
        this.name = name;
    }

    void setDescription(String description) {
        this.description = description;
    }

    void setUserId(String userId) {
        this.userId = userId;
    }

    void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    void setExportFormat(ExportFormat exportFormat) {
        this.exportFormat = exportFormat;
    }

    void setIncludeMetadata(boolean includeMetadata) {
        this.includeMetadata = includeMetadata;
    }

    void setIncludeLineage(boolean includeLineage) {
        this.includeLineage = includeLineage;
    }

    void setCompress(boolean compress) {
        this.compress = compress;
    }

    void setFileIds(List<Long> fileIds) {
        this.fileIds = new ArrayList<>(fileIds);
    }

    void setDatasetIds(List<Long> datasetIds) {
        this.datasetIds = new ArrayList<>(datasetIds);
    }

    void setExportOptions(Map<String, String> exportOptions) {
        this.exportOptions = new LinkedHashMap<>(exportOptions);
    }

    void setOutputPath(String outputPath) {
        this.outputPath = outputPath;
    }

    void setOutputSize(Long outputSize) {
        this.outputSize = outputSize;
    }

    void setDownloadUrl(String downloadUrl) {
        this.downloadUrl = downloadUrl;
    }

    void setStatus(ExportStatus status) {
        this.status = status;
    }

    void setProgress(int progress) {
        this.progress = progress;
    }

    void setErrorMessage(String errorMessage) {
        this.errorMessage = errorMessage;
    }

    void setTotalFiles(int totalFiles) {
        this.totalFiles = totalFiles;
    }

    void setProcessedFiles(int processedFiles) {
        this.processedFiles = processedFiles;
    }

    void setFailedFiles(int failedFiles) {
        this.failedFiles = failedFiles;
    }

    void setFailedFileIds(List<Long> failedFileIds) {
        this.failedFileIds = new ArrayList<>(failedFileIds);
    }

    void setBytesDone(long bytesDone) {
        this.bytesDone = bytesDone;
    }

    void setBytesTotal(long bytesTotal) {
        this.bytesTotal = bytesTotal;
    }

    void setDestination(String destination) {
        this.destination = destination;
    }

    void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    void setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
    }

    void setCompletedAt(Instant completedAt) {
        this.completedAt = completedAt;
    }

    void setExpiresAt(Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }

    @Override
    public String toString() {
        return "ExportJob[" + id + ", " + jobKey + ", " + (status == null ? null : status.wireName()) + ", "
                + progress + "%]";
    }

    /** The host the job was created on (null for jobs made before shared lab mode). */
    public String getCreatedHost() {
        return createdHost;
    }

    void setClaimedBy(String claimedBy) {
        this.claimedBy = claimedBy;
    }

    void setHeartbeatAt(Instant heartbeatAt) {
        this.heartbeatAt = heartbeatAt;
    }

    void setAttempts(int attempts) {
        this.attempts = attempts;
    }

    void setCreatedHost(String createdHost) {
        this.createdHost = createdHost;
    }

    /** The process running the job as {@code host:pid}, or null when none has claimed it. */
    public String getClaimedBy() {
        return claimedBy;
    }

    /** When the process running the job last said it is alive (shared lab mode), or null. */
    public Instant getHeartbeatAt() {
        return heartbeatAt;
    }

    /** How many times a process started or resumed the job through the shared queue. */
    public int getAttempts() {
        return attempts;
    }
}
