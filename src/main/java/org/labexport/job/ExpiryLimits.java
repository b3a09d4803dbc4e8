package org.labexport.job;

/** The one place for how long an export may live: 1 hour to 1 week, 2 days unless asked otherwise. */
public final class ExpiryLimits {
    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 168;
    public static final int DEFAULT_HOURS = 48;

    private ExpiryLimits() {
    }

    public static boolean isAllowed(long hours) {
        return hours >= MIN_HOURS && hours <= MAX_HOURS;
    }

    /** The nearest allowed number of hours (for a job copied from one whose expiry cannot be repeated exactly). */
    public static int clamp(long hours) {
        return (int) Math.max(MIN_HOURS, Math.min(MAX_HOURS, hours));
    }

    /** "1-168", for labels and messages. */
    public static String range() {
        return MIN_HOURS + "-" + MAX_HOURS;
    }
}
