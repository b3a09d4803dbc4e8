package org.labexport.job;

import org.labexport.base.ValidationException;
import org.labexport.convert.ExportFormat;

/**
 * Which jobs to list: an optional status and format filter, newest first, with paging.
 *
 * @param status null for any status
 * @param format null for any format
 * @param limit  at most this many jobs; 0 means no limit
 * @param offset skip this many of the newest first
 */
public record JobQuery(ExportStatus status, ExportFormat format, int limit, int offset) {

    public JobQuery {
        if (limit < 0) {
            throw new ValidationException("limit", "limit must be 0 (no limit) or more, got " + limit + ".");
        }
        if (offset < 0) {
            throw new ValidationException("offset", "offset must be 0 or more, got " + offset + ".");
        }
    }

    /** Every job, newest first. */
    public static JobQuery all() {
        return new JobQuery(null, null, 0, 0);
    }

    public JobQuery withStatus(ExportStatus s) {
        return new JobQuery(s, format, limit, offset);
    }

    public JobQuery withFormat(ExportFormat f) {
        return new JobQuery(status, f, limit, offset);
    }

    public JobQuery withLimit(int n) {
        return new JobQuery(status, format, n, offset);
    }

    public JobQuery withOffset(int n) {
        return new JobQuery(status, format, limit, n);
    }
}
