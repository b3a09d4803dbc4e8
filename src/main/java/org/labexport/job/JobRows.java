package org.labexport.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.labexport.persistence.JsonColumns;
import org.labexport.publish.PackageFormat;

/**
 * Reads export jobs with plain JDBC, column for column as the {@link ExportJob} mapping stores them, so that listing
 * and showing jobs needs no Hibernate boot (docs/decisions/0072). Writes stay with Hibernate; {@code DataExportServiceTest}
 * reads back through here what Hibernate wrote, field by field.
 */
final class JobRows {
    // Keep in step with ExportJob's mapping: a column added there is added here too.
    static final String COLUMNS = "id, job_key, name, description, user_id, project_id, export_format,"
            + " include_metadata, include_lineage, compress, file_ids, dataset_ids, export_options, output_path,"
            + " output_size, download_url, status, progress, error_message, total_files, processed_files, failed_files,"
            + " failed_file_ids, bytes_done, bytes_total, destination, created_at, started_at, completed_at, expires_at,"
            + " updated_at, version, package_format, license, author, created_host, claimed_by, heartbeat_at, attempts";

    private static final JsonColumns.LongList LONGS = new JsonColumns.LongList();
    private static final JsonColumns.StringMap MAP = new JsonColumns.StringMap();
    private static final WireNameConverters.Status STATUS = new WireNameConverters.Status();
    private static final WireNameConverters.Format FORMAT = new WireNameConverters.Format();

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

    private static ExportJob job(ResultSet rs) throws SQLException {
        ExportJob j = new ExportJob();
        j.setId(rs.getLong("id"));
        j.setJobKey(rs.getString("job_key"));
        j.setName(rs.getString("name"));
        j.setDescription(rs.getString("description"));
        j.setUserId(rs.getString("user_id"));
        j.setProjectId(rs.getString("project_id"));
        j.setExportFormat(FORMAT.convertToEntityAttribute(rs.getString("export_format")));
        j.setIncludeMetadata(rs.getBoolean("include_metadata"));
        j.setIncludeLineage(rs.getBoolean("include_lineage"));
        j.setCompress(rs.getBoolean("compress"));
        j.setFileIds(LONGS.convertToEntityAttribute(rs.getString("file_ids")));
        j.setDatasetIds(LONGS.convertToEntityAttribute(rs.getString("dataset_ids")));
        j.setExportOptions(MAP.convertToEntityAttribute(rs.getString("export_options")));
        j.setOutputPath(rs.getString("output_path"));
        long size = rs.getLong("output_size");
        j.setOutputSize(rs.wasNull() ? null : size);
        j.setDownloadUrl(rs.getString("download_url"));
        j.setStatus(STATUS.convertToEntityAttribute(rs.getString("status")));
        j.setProgress(rs.getInt("progress"));
        j.setErrorMessage(rs.getString("error_message"));
        j.setTotalFiles(rs.getInt("total_files"));
        j.setProcessedFiles(rs.getInt("processed_files"));
        j.setFailedFiles(rs.getInt("failed_files"));
        j.setFailedFileIds(LONGS.convertToEntityAttribute(rs.getString("failed_file_ids")));
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
}
