package org.labexport.job;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.labexport.persistence.Database;

/**
 * The SQL of the shared job queue (docs/decisions/0111): a process claims a job by writing its {@code host:pid}
 * and a heartbeat into the row, in the same transaction that moves it to processing. A processing job whose claim
 * is missing or whose heartbeat is older than the stale limit is free to be claimed again (its worker died or handed
 * it back). The claim columns are written here only ({@link JobRows} leaves them alone), each change in a
 * transaction of its own.
 */
final class JobClaims {
    /** Free to claim: queued, or processing with no live owner. */
    private static final String CLAIMABLE = "(status = 'pending' OR (status = 'processing'"
            + " AND (claimed_by IS NULL OR heartbeat_at IS NULL OR heartbeat_at < ?)))";

    private static final String WHAT = "read or update the shared job queue";

    private final Database db;

    JobClaims(Database db) {
        this.db = db;
    }

    /**
     * Claims the next claimable job, taken-over jobs first, then the oldest pending one. PostgreSQL's
     * {@code FOR UPDATE SKIP LOCKED} lets many workers ask at once without waiting for or taking the same row.
     */
    Optional<ClaimedJob> claimNext(String owner, Instant now, Instant staleBefore) {
        String select = "SELECT id, status FROM export_job WHERE " + CLAIMABLE
                + " ORDER BY CASE WHEN status = 'processing' THEN 0 ELSE 1 END, created_at, id"
                + " LIMIT 1 FOR UPDATE SKIP LOCKED";
        return db.inTransaction(WHAT, c -> {
            long id;
            boolean resumed;
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setObject(1, JobRows.utc(staleBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                    resumed = "processing".equals(rs.getString(2));
                }
            }
            take(c, id, owner, now);
            return Optional.of(new ClaimedJob(id, resumed));
        });
    }

    /** Claims one job if it is claimable; empty when it finished or a live process owns it. */
    Optional<ClaimedJob> claim(long id, String owner, Instant now, Instant staleBefore) {
        return db.inTransaction(WHAT, c -> {
            boolean resumed;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT status FROM export_job WHERE id = ? AND " + CLAIMABLE + " FOR UPDATE")) {
                ps.setLong(1, id);
                ps.setObject(2, JobRows.utc(staleBefore));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    resumed = "processing".equals(rs.getString(1));
                }
            }
            take(c, id, owner, now);
            return Optional.of(new ClaimedJob(id, resumed));
        });
    }

    private static void take(Connection c, long id, String owner, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE export_job SET status = 'processing', claimed_by = ?,"
                + " heartbeat_at = ?, attempts = attempts + 1, started_at = COALESCE(started_at, ?), updated_at = ?,"
                + " version = version + 1 WHERE id = ?")) {
            OffsetDateTime t = JobRows.utc(now);
            ps.setString(1, owner);
            ps.setObject(2, t);
            ps.setObject(3, t);
            ps.setObject(4, t);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    /**
     * Says the owner is alive. False when the job is no longer this owner's to run (finished, cancelled, deleted, or
     * taken over after a missed heartbeat), so the owner stops. Leaves the version alone: a heartbeat is no change
     * another window needs to hear about, and must not make a concurrent status change retry.
     */
    boolean heartbeat(long id, String owner, Instant now) {
        return db.inTransaction(WHAT, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE export_job SET heartbeat_at = ?"
                    + " WHERE id = ? AND claimed_by = ? AND status = 'processing'")) {
                ps.setObject(1, JobRows.utc(now));
                ps.setLong(2, id);
                ps.setString(3, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Hands a processing job back to the queue at once (its work kept for whoever resumes it). */
    boolean release(long id, String owner, Instant now) {
        return db.inTransaction(WHAT, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE export_job SET claimed_by = NULL,"
                    + " heartbeat_at = NULL, updated_at = ?, version = version + 1"
                    + " WHERE id = ? AND claimed_by = ? AND status = 'processing'")) {
                ps.setObject(1, JobRows.utc(now));
                ps.setLong(2, id);
                ps.setString(3, owner);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
