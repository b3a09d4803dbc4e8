package org.labexport.job;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.labexport.convert.ExportFormat;
import org.labexport.persistence.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage and queries of export jobs, in plain JDBC through {@link JobRows} (docs/decisions/0072, 0127), all here so
 * that {@link DataExportService} holds only the rules. Every job it returns is a copy of its own. Changes are
 * optimistic (a version column): {@link #update} retries on fresh data when another process changed the job
 * meanwhile.
 */
public final class ExportJobStore {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobStore.class);
    private static final int UPDATE_ATTEMPTS = 5;

    private final Database db;

    public ExportJobStore(Database db) {
        this.db = db;
    }

    /** Claims and heartbeats of the shared job queue, on this store's database. */
    public JobClaims claims() {
        return new JobClaims(db);
    }

    /** Whether several machines share this database (a lab's PostgreSQL server), so jobs are claimed through it. */
    public boolean isShared() {
        return db.target().isShared();
    }

    /** A job's version and status as stored, for cheap change detection across processes. */
    public record VersionAndStatus(long version, ExportStatus status) {
    }

    /**
     * Inserts a new job: {@code fill} sets its fields, then the key is made from the id the sequence gave it.
     */
    public ExportJob insert(Consumer<ExportJob> fill, Function<ExportJob, String> key) {
        ExportJob j = new ExportJob();
        fill.accept(j);
        return db.inTransaction("store the new export job",
                c -> JobRows.insert(c, db.target().vendor(), j, key));
    }

    /** One job by id. */
    public Optional<ExportJob> find(long id) {
        return db.withConnection("read job " + id, c -> JobRows.find(c, id));
    }

    public Optional<ExportJob> findByKey(String jobKey) {
        return db.withConnection("read job " + jobKey, c -> JobRows.query(c,
                "SELECT " + JobRows.COLUMNS + " FROM export_job WHERE job_key = ?", jobKey.strip())).stream()
                .findFirst();
    }

    /** Jobs matching the query's filters, newest first. */
    public List<ExportJob> list(JobQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + JobRows.COLUMNS + " FROM export_job WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            params.add(q.status().wireName());
        }
        if (q.format() != null) {
            sql.append(" AND export_format = ?");
            params.add(q.format().wireName());
        }
        sql.append(" ORDER BY created_at DESC, id DESC");
        if (q.limit() > 0) {
            sql.append(" LIMIT ?");
            params.add(q.limit());
        }
        if (q.offset() > 0) {
            sql.append(q.limit() > 0 ? "" : " LIMIT NULL").append(" OFFSET ?");
            params.add(q.offset());
        }
        return db.withConnection("read the job list", c -> JobRows.query(c, sql.toString(), params.toArray()));
    }

    /**
     * Loads the job, applies a change and stores it in one transaction; a concurrent change by another process
     * (the version check of {@link JobRows#update}) makes it retry on fresh data, so the change's checks always see
     * the latest state.
     *
     * @throws JobNotFoundException  if the job does not exist
     * @throws JobOperationException if it kept changing under us
     */
    public ExportJob update(long id, Consumer<ExportJob> change, Instant now) {
        for (int attempt = 1; ; attempt++) {
            Optional<ExportJob> saved = db.inTransaction("store job " + id, c -> {
                ExportJob stored = JobRows.find(c, id).orElseThrow(() -> new JobNotFoundException(id));
                ExportJob j = stored.copy();
                change.accept(j);
                j.setUpdatedAt(now);
                return JobRows.update(c, stored, j);
            });
            if (saved.isPresent()) {
                return saved.get();
            }
            if (attempt >= UPDATE_ATTEMPTS) {
                throw new JobOperationException("Job " + id + " kept changing under us; try again.", null);
            }
            LOG.debug("Job {} changed concurrently; retrying (attempt {})", id, attempt);
        }
    }

    /**
     * Applies a change to a job that is still pending or processing; returns null when it is gone, finished, or was
     * changed by another process at the same moment (that change wins).
     */
    public ExportJob updateIfActive(long id, Consumer<ExportJob> change, Instant now) {
        ExportJob saved = db.inTransaction("store job " + id, c -> {
            ExportJob stored = JobRows.find(c, id).orElse(null);
            if (stored == null || !stored.getStatus().isActive()) {
                return null;
            }
            ExportJob j = stored.copy();
            change.accept(j);
            j.setUpdatedAt(now);
            return JobRows.update(c, stored, j).orElse(null);
        });
        if (saved == null) {
            LOG.debug("Write to job {} skipped: it is gone, finished or was changed at the same moment", id);
        }
        return saved;
    }

    /** Deletes the job's row; returns whether there was one. */
    public boolean delete(long id) {
        return db.inTransaction("delete job " + id, c -> JobRows.delete(c, id));
    }

    /** Jobs whose expiry has passed, except those still processing, oldest first. */
    public List<ExportJob> findExpired(Instant now) {
        return db.withConnection("read the expired jobs", c -> JobRows.query(c, "SELECT " + JobRows.COLUMNS
                + " FROM export_job WHERE expires_at <= ? AND status <> ? ORDER BY id", JobRows.utc(now),
                ExportStatus.PROCESSING.wireName()));
    }

    /** Totals over all jobs: every status and format present, zeros included. */
    public ExportStatistics statistics() {
        return db.withConnection("read the export statistics", c -> {
            Map<ExportStatus, Long> byStatus = new EnumMap<>(ExportStatus.class);
            for (ExportStatus st : ExportStatus.values()) {
                byStatus.put(st, 0L);
            }
            Map<ExportFormat, Long> byFormat = new EnumMap<>(ExportFormat.class);
            for (ExportFormat f : ExportFormat.values()) {
                byFormat.put(f, 0L);
            }
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status, export_format, COUNT(*) FROM export_job GROUP BY status, export_format");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long n = rs.getLong(3);
                    ExportStatus.fromWireName(rs.getString(1)).ifPresent(st -> byStatus.merge(st, n, Long::sum));
                    ExportFormat.fromWireName(rs.getString(2)).ifPresent(f -> byFormat.merge(f, n, Long::sum));
                    total += n;
                }
            }
            long size;
            long files;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(output_size), 0),"
                    + " COALESCE(SUM(CASE WHEN status = ? THEN processed_files ELSE 0 END), 0) FROM export_job")) {
                ps.setString(1, ExportStatus.COMPLETED.wireName());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    size = rs.getLong(1);
                    files = rs.getLong(2);
                }
            }
            return new ExportStatistics(total, byStatus, byFormat, size, files);
        });
    }

    /** The stored status of a job, empty if it does not exist: one small SQL read, cheap enough to poll. */
    public Optional<ExportStatus> status(long id) {
        return db.withConnection("read the status of job " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM export_job WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<ExportStatus>empty();
                    }
                    return Optional.of(ExportStatus.fromWireName(rs.getString(1)).orElse(ExportStatus.PENDING));
                }
            }
        });
    }

    /** Every job's version and status (plain JDBC, to keep start-up and polling cheap). */
    public Map<Long, VersionAndStatus> versions() {
        return db.withConnection("read the job list", c -> {
            Map<Long, VersionAndStatus> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, version, status FROM export_job");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ExportStatus status = ExportStatus.fromWireName(rs.getString(3)).orElse(ExportStatus.PENDING);
                    out.put(rs.getLong(1), new VersionAndStatus(rs.getLong(2), status));
                }
            }
            return out;
        });
    }
}
