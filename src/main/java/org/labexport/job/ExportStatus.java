package org.labexport.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The life cycle of an export job, with the one table of allowed transitions:
 * pending to processing, cancelled or failed; processing to completed, failed or cancelled; finished states never change.
 */
public enum ExportStatus {
    PENDING, PROCESSING, COMPLETED, FAILED, CANCELLED;

    // Pending may fail without processing: a job whose files vanished before it started, or whose queue died.
    private static final Map<ExportStatus, Set<ExportStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(PROCESSING, CANCELLED, FAILED),
            PROCESSING, EnumSet.of(COMPLETED, FAILED, CANCELLED),
            COMPLETED, EnumSet.noneOf(ExportStatus.class),
            FAILED, EnumSet.noneOf(ExportStatus.class),
            CANCELLED, EnumSet.noneOf(ExportStatus.class));

    public boolean canTransitionTo(ExportStatus next) {
        return ALLOWED.get(this).contains(next);
    }

    /** Completed, failed or cancelled: the status never changes again. */
    public boolean isFinished() {
        return ALLOWED.get(this).isEmpty();
    }

    /** Pending or processing. */
    public boolean isActive() {
        return this == PENDING || this == PROCESSING;
    }

    /** Lower-case name used in the database, JSON and the CLI. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ExportStatus> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (ExportStatus s : values()) {
            if (s.wireName().equalsIgnoreCase(name.trim())) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
