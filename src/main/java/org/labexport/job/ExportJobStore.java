package org.labexport.job;

import jakarta.persistence.OptimisticLockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.StaleStateException;
import org.hibernate.query.SelectionQuery;
import org.labexport.convert.ExportFormat;
import org.labexport.persistence.Database;
import org.labexport.persistence.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Storage and queries of export jobs: every Hibernate query and plain-JDBC read about jobs lives here, so that
 * {@link DataExportService} holds only the rules. Every job it returns is a detached copy. Changes are optimistic
 * (a version column): {@link #update} retries on fresh data when another process changed the job meanwhile.
 */
public final class ExportJobStore {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobStore.class);
    private static final int UPDATE_ATTEMPTS = 5;

    private final Database db;

    public ExportJobStore(Database db) {
        this.db = db;
    }

    /** A job's version and status as stored, for cheap change detection across processes. */
    public record VersionAndStatus(long version, ExportStatus status) {
    }

    /**
     * Inserts a new job: {@code fill} sets its fields, then the key is made from the id the sequence gave it.
     */
    public ExportJob insert(Consumer<ExportJob> fill, Function<ExportJob, String> key) {
        return db.inTransaction(s -> {
            ExportJob j = new ExportJob();
            fill.accept(j);
            j.setJobKey("pending"); // replaced below, before the insert is flushed
            s.persist(j);           // takes the id from the sequence without inserting yet
            j.setJobKey(key.apply(j));
            s.flush();
            return j.copy();
        });
    }

    public Optional<ExportJob> find(long id) {
        return Optional.ofNullable(db.inTransaction(s -> {
            ExportJob j = s.find(ExportJob.class, id);
            return j == null ? null : j.copy();
        }));
    }

    public Optional<ExportJob> findByKey(String jobKey) {
        return db.inTransaction(s -> s.createSelectionQuery("from ExportJob j where j.jobKey = :k", ExportJob.class)
                .setParameter("k", jobKey.strip())
                .uniqueResultOptional()
                .map(ExportJob::copy));
    }

    /** Jobs matching the query's filters, newest first. */
    public List<ExportJob> list(JobQuery q) {
        StringBuilder hql = new StringBuilder("from ExportJob j where 1 = 1");
        if (q.status() != null) {
            hql.append(" and j.status = :status");
        }
        if (q.format() != null) {
            hql.append(" and j.exportFormat = :format");
        }
        hql.append(" order by j.createdAt desc, j.id desc");
        return db.inTransaction(s -> {
            SelectionQuery<ExportJob> sq = s.createSelectionQuery(hql.toString(), ExportJob.class);
            if (q.status() != null) {
                sq.setParameter("status", q.status());
            }
            if (q.format() != null) {
                sq.setParameter("format", q.format());
            }
            if (q.offset() > 0) {
                sq.setFirstResult(q.offset());
            }
            if (q.limit() > 0) {
                sq.setMaxResults(q.limit());
            }
            return sq.list().stream().map(ExportJob::copy).toList();
        });
    }

    /**
     * Loads the job, applies a change and stores it in one transaction; a concurrent change by another process
     * (optimistic lock) makes it retry on fresh data, so the change's checks always see the latest state.
     *
     * @throws JobNotFoundException  if the job does not exist
     * @throws JobOperationException if it kept changing under us
     */
    public ExportJob update(long id, Consumer<ExportJob> change, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(s -> {
                    ExportJob j = s.find(ExportJob.class, id);
                    if (j == null) {
                        throw new JobNotFoundException(id);
                    }
                    change.accept(j);
                    j.setUpdatedAt(now);
                    s.flush();
                    return j.copy();
                });
            } catch (OptimisticLockException | StaleStateException e) {
                if (attempt >= UPDATE_ATTEMPTS) {
                    throw new JobOperationException("Job " + id + " kept changing under us; try again.", e);
                }
                LOG.debug("Job {} changed concurrently; retrying (attempt {})", id, attempt);
            }
        }
    }

    /**
     * Applies a change to a job that is still pending or processing; returns null when it is gone, finished, or was
     * changed by another process at the same moment (that change wins).
     */
    public ExportJob updateIfActive(long id, Consumer<ExportJob> change, Instant now) {
        try {
            return db.inTransaction(s -> {
                ExportJob j = s.find(ExportJob.class, id);
                if (j == null || !j.getStatus().isActive()) {
                    return null;
                }
                change.accept(j);
                j.setUpdatedAt(now);
                s.flush();
                return j.copy();
            });
        } catch (OptimisticLockException | StaleStateException e) {
            LOG.debug("Write to job {} lost to a concurrent change", id);
            return null;
        }
    }

    /** Deletes the job's row; returns whether there was one. */
    public boolean delete(long id) {
        return db.inTransaction(s -> s.createMutationQuery("delete from ExportJob j where j.id = :id")
                .setParameter("id", id).executeUpdate()) > 0;
    }

    /** Jobs whose expiry has passed, except those still processing, oldest first. */
    public List<ExportJob> findExpired(Instant now) {
        return db.inTransaction(s -> s.createSelectionQuery(
                        "from ExportJob j where j.expiresAt <= :now and j.status <> :processing order by j.id",
                        ExportJob.class)
                .setParameter("now", now)
                .setParameter("processing", ExportStatus.PROCESSING)
                .list().stream().map(ExportJob::copy).toList());
    }

    /** Totals over all jobs: every status and format present, zeros included. */
    public ExportStatistics statistics() {
        return db.inTransaction(s -> {
            Map<ExportStatus, Long> byStatus = new EnumMap<>(ExportStatus.class);
            for (ExportStatus st : ExportStatus.values()) {
                byStatus.put(st, 0L);
            }
            Map<ExportFormat, Long> byFormat = new EnumMap<>(ExportFormat.class);
            for (ExportFormat f : ExportFormat.values()) {
                byFormat.put(f, 0L);
            }
            long total = 0;
            for (Object[] row : s.createSelectionQuery(
                    "select j.status, j.exportFormat, count(j) from ExportJob j group by j.status, j.exportFormat",
                    Object[].class).list()) {
                long n = ((Number) row[2]).longValue();
                byStatus.merge((ExportStatus) row[0], n, Long::sum);
                byFormat.merge((ExportFormat) row[1], n, Long::sum);
                total += n;
            }
            Long size = s.createSelectionQuery(
                    "select coalesce(sum(j.outputSize), 0) from ExportJob j where j.outputSize is not null", Long.class)
                    .getSingleResult();
            Long files = s.createSelectionQuery(
                    "select coalesce(sum(j.processedFiles), 0) from ExportJob j where j.status = :completed",
                    Long.class).setParameter("completed", ExportStatus.COMPLETED).getSingleResult();
            return new ExportStatistics(total, byStatus, byFormat, size == null ? 0 : size, files == null ? 0 : files);
        });
    }

    /** The stored status of a job, empty if it does not exist: one small SQL read, cheap enough to poll. */
    public Optional<ExportStatus> status(long id) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT status FROM export_job WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(ExportStatus.fromWireName(rs.getString(1)).orElse(ExportStatus.PENDING));
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the status of job " + id + ": " + e.getMessage(), e);
        }
    }

    /** Every job's version and status (plain JDBC, to keep start-up and polling cheap). */
    public Map<Long, VersionAndStatus> versions() {
        Map<Long, VersionAndStatus> out = new HashMap<>();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, version, status FROM export_job");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ExportStatus status = ExportStatus.fromWireName(rs.getString(3)).orElse(ExportStatus.PENDING);
                out.put(rs.getLong(1), new VersionAndStatus(rs.getLong(2), status));
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the job list: " + e.getMessage(), e);
        }
        return out;
    }
}
