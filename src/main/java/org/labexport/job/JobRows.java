package org.labexport.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.labexport.persistence.DatabaseTarget;
import org.labexport.persistence.JsonColumns;
import org.labexport.publish.PackageFormat;

/**
 * The {@code export_job} table in plain JDBC, column for column: reading rows into {@link ExportJob}s and writing
 * them back (docs/decisions/0072, 0127). Statuses and formats are stored by wire name, id lists and option maps as
 * JSON text ({@link JsonColumns}), timestamps as {@code TIMESTAMP WITH TIME ZONE} in UTC. The shared queue's columns
 * ({@code claimed_by}, {@code heartbeat_at}, {@code attempts}) are read here but written only by {@link JobClaims}.
 */
final class JobRows {
    static final String COLUMNS = "id, job_key, name, description, user_id, project_id, export_format,"
            + " include_metadata, include_lineage, compress, file_ids, dataset_ids, export_options, output_path,"
            + " output_size, download_url, status, progress, error_message, total_files, processed_files, failed_files,"
            + " failed_file_ids, bytes_done, bytes_total, destination, created_at, started_at, completed_at, expires_at,"
            + " updated_at, version, package_format, license, author, created_host, claimed_by, heartbeat_at, attempts";

    /** A column an insert and an update write, with its JDBC type (for nulls) and how a job gives its value. */
    private record Written(String name, int sqlType, Function<ExportJob, Object> value) {
    }

    /** Every column but the id, the version and the shared queue's, in one order for inserts and updates. */
    private static final List<Written> WRITTEN = List.of(
            new Written("job_key", Types.VARCHAR, ExportJob::getJobKey),
            new Written("name", Types.VARCHAR, ExportJob::getName),
            new Written("description", Types.VARCHAR, ExportJob::getDescription),
            new Written("user_id", Types.VARCHAR, ExportJob::getUserId),
            new Written("project_id", Types.VARCHAR, ExportJob::getProjectId),
            new Written("export_format", Types.VARCHAR, j -> WireNameConverters.format(j.getExportFormat())),
            new Written("include_metadata", Types.BOOLEAN, ExportJob::isIncludeMetadata),
            new Written("include_lineage", Types.BOOLEAN, ExportJob::isIncludeLineage),
            new Written("compress", Types.BOOLEAN, ExportJob::isCompress),
            new Written("file_ids", Types.VARCHAR, j -> JsonColumns.longListText(j.getFileIds())),
            new Written("dataset_ids", Types.VARCHAR, j -> JsonColumns.longListText(j.getDatasetIds())),
            new Written("export_options", Types.VARCHAR, j -> JsonColumns.stringMapText(j.getExportOptions())),
            new Written("output_path", Types.VARCHAR, ExportJob::getOutputPath),
            new Written("output_size", Types.BIGINT, ExportJob::getOutputSize),
            new Written("download_url", Types.VARCHAR, ExportJob::getDownloadUrl),
            new Written("status", Types.VARCHAR, j -> WireNameConverters.status(j.getStatus())),
            new Written("progress", Types.INTEGER, ExportJob::getProgress),
            new Written("error_message", Types.VARCHAR, ExportJob::getErrorMessage),
            new Written("total_files", Types.INTEGER, ExportJob::getTotalFiles),
            new Written("processed_files", Types.INTEGER, ExportJob::getProcessedFiles),
            new Written("failed_files", Types.INTEGER, ExportJob::getFailedFiles),
            new Written("failed_file_ids", Types.VARCHAR, j -> JsonColumns.longListText(j.getFailedFileIds())),
            new Written("bytes_done", Types.BIGINT, ExportJob::getBytesDone),
            new Written("bytes_total", Types.BIGINT, ExportJob::getBytesTotal),
            new Written("destination", Types.VARCHAR, ExportJob::getDestination),
            new Written("created_at", Types.TIMESTAMP_WITH_TIMEZONE, j -> utc(j.getCreatedAt())),
            new Written("started_at", Types.TIMESTAMP_WITH_TIMEZONE, j -> utc(j.getStartedAt())),
            new Written("completed_at", Types.TIMESTAMP_WITH_TIMEZONE, j -> utc(j.getCompletedAt())),
            new Written("expires_at", Types.TIMESTAMP_WITH_TIMEZONE, j -> utc(j.getExpiresAt())),
            new Written("updated_at", Types.TIMESTAMP_WITH_TIMEZONE, j -> utc(j.getUpdatedAt())),
            new Written("package_format", Types.VARCHAR, j -> j.getPackageFormat().wireName()),
            new Written("license", Types.VARCHAR, ExportJob::getLicense),
            new Written("author", Types.VARCHAR, ExportJob::getAuthor),
            new Written("created_host", Types.VARCHAR, ExportJob::getCreatedHost));

    private static final String INSERT = "INSERT INTO export_job (id, version, "
            + WRITTEN.stream().map(Written::name).collect(Collectors.joining(", ")) + ") VALUES (?, 0"
            + ", ?".repeat(WRITTEN.size()) + ")";

    // The version check is the optimistic lock: a row another process changed since it was read is left alone.
    private static final String UPDATE = "UPDATE export_job SET "
            + WRITTEN.stream().map(w -> w.name() + " = ?").collect(Collectors.joining(", "))
            + ", version = version + 1 WHERE id = ? AND version = ?";

    private JobRows() {
    }

    /** The jobs a {@code SELECT COLUMNS FROM export_job ...} statement with these parameters returns, in order. */
    static List<ExportJob> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<ExportJob> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(job(rs));
                }
                return jobs;
            }
        }
    }

    /** One job by id. */
    static Optional<ExportJob> find(Connection c, long id) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM export_job WHERE id = ?", id).stream().findFirst();
    }

    /**
     * Inserts a new job with the next id of {@code export_job_seq} and version 0; {@code key} makes its job key from
     * the job with that id set. Returns the job as stored.
     */
    static ExportJob insert(Connection c, DatabaseTarget.Vendor vendor, ExportJob job, Function<ExportJob, String> key)
            throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(vendor.nextValueQuery("export_job_seq"));
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            id = rs.getLong(1);
        }
        ExportJob j = job.copy();
        j.setId(id);
        j.setVersion(0);
        j.setJobKey(key.apply(j));
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, id);
            bind(ps, 2, j);
            ps.executeUpdate();
        }
        return j;
    }

    /**
     * Stores {@code changed} over the row {@code stored} was read from, if that row still has {@code stored}'s
     * version; the version then grows by one. A change that leaves every column as it was writes nothing (and keeps
     * the version, so other processes see no change).
     *
     * @return the job as stored, or empty if the row was changed or deleted meanwhile
     */
    static Optional<ExportJob> update(Connection c, ExportJob stored, ExportJob changed) throws SQLException {
        if (values(stored).equals(values(changed))) {
            return Optional.of(changed);
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            int next = bind(ps, 1, changed);
            ps.setLong(next, stored.getId());
            ps.setLong(next + 1, stored.getVersion());
            if (ps.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        ExportJob saved = changed.copy();
        saved.setVersion(stored.getVersion() + 1);
        return Optional.of(saved);
    }

    /** Deletes a job's row; true if there was one. */
    static boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM export_job WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** Binds the written columns from {@code first} on; returns the next parameter index. */
    private static int bind(PreparedStatement ps, int first, ExportJob j) throws SQLException {
        int i = first;
        for (Written w : WRITTEN) {
            Object v = w.value().apply(j);
            if (v == null) {
                ps.setNull(i, w.sqlType());
            } else {
                ps.setObject(i, v);
            }
            i++;
        }
        return i;
    }

    private static List<Object> values(ExportJob j) {
        List<Object> values = new ArrayList<>(WRITTEN.size());
        for (Written w : WRITTEN) {
            values.add(w.value().apply(j));
        }
        return values;
    }

    private static ExportJob job(ResultSet rs) throws SQLException {
        ExportJob j = new ExportJob();
        j.setId(rs.getLong("id"));
        j.setJobKey(rs.getString("job_key"));
        j.setName(rs.getString("name"));
        j.setDescription(rs.getString("description"));
        j.setUserId(rs.getString("user_id"));
        j.setProjectId(rs.getString("project_id"));
        j.setExportFormat(WireNameConverters.format(rs.getString("export_format")));
        j.setIncludeMetadata(rs.getBoolean("include_metadata"));
        j.setIncludeLineage(rs.getBoolean("include_lineage"));
        j.setCompress(rs.getBoolean("compress"));
        j.setFileIds(JsonColumns.longListFrom(rs.getString("file_ids")));
        j.setDatasetIds(JsonColumns.longListFrom(rs.getString("dataset_ids")));
        j.setExportOptions(JsonColumns.stringMapFrom(rs.getString("export_options")));
        j.setOutputPath(rs.getString("output_path"));
        long size = rs.getLong("output_size");
        j.setOutputSize(rs.wasNull() ? null : size);
        j.setDownloadUrl(rs.getString("download_url"));
        j.setStatus(WireNameConverters.status(rs.getString("status")));
        j.setProgress(rs.getInt("progress"));
        j.setErrorMessage(rs.getString("error_message"));
        j.setTotalFiles(rs.getInt("total_files"));
        j.setProcessedFiles(rs.getInt("processed_files"));
        j.setFailedFiles(rs.getInt("failed_files"));
        j.setFailedFileIds(JsonColumns.longListFrom(rs.getString("failed_file_ids")));
        j.setBytesDone(rs.getLong("bytes_done"));
        j.setBytesTotal(rs.getLong("bytes_total"));
        j.setDestination(rs.getString("destination"));
        j.setCreatedAt(instant(rs, "created_at"));
        j.setStartedAt(instant(rs, "started_at"));
        j.setCompletedAt(instant(rs, "completed_at"));
        j.setExpiresAt(instant(rs, "expires_at"));
        j.setUpdatedAt(instant(rs, "updated_at"));
        j.setVersion(rs.getLong("version"));
        j.setPackageFormat(PackageFormat.fromWireName(rs.getString("package_format")).orElse(PackageFormat.NONE));
        j.setLicense(rs.getString("license"));
        j.setAuthor(rs.getString("author"));
        j.setCreatedHost(rs.getString("created_host"));
        j.setClaimedBy(rs.getString("claimed_by"));
        j.setHeartbeatAt(instant(rs, "heartbeat_at"));
        j.setAttempts(rs.getInt("attempts"));
        return j;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Timestamps go to the driver with their offset, so no JVM or session time zone gets a say. */
    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
