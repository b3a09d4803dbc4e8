package org.labexport.ui.main;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The toolbar's "created" filter: any time, today, or the last 7 or 30 days. */
public enum DateFilter {
    ANY("Any date"), TODAY("Today"), WEEK("Last 7 days"), MONTH("Last 30 days");

    private final String label;

    DateFilter(String label) {
        this.label = label;
    }

    /** Whether a job created at {@code created} passes, seen at {@code now} in {@code zone}. */
    public boolean accepts(Instant created, Instant now, ZoneId zone) {
        if (this == ANY) {
            return true;
        }
        if (created == null) {
            return false;
        }
        Instant from = switch (this) {
            case TODAY -> LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            case WEEK -> now.minus(Duration.ofDays(7));
            case MONTH -> now.minus(Duration.ofDays(30));
            case ANY -> Instant.MIN;
        };
        return !created.isBefore(from);
    }

    @Override
    public String toString() {
        return label;
    }
}
