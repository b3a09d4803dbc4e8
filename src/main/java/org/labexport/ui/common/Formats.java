package org.labexport.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Human-readable sizes, durations and relative times for cards and tables. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneId.systemDefault());

    private Formats() {
    }

    /** 1.5 MiB, 820 KiB, 12 B: powers of 1024, so the units say so (a MiB is 1,048,576 bytes), one decimal. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[i]);
    }

    /** "3 s", "4 min", "2 h 5 min". */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        long h = s / 3600;
        long m = (s % 3600) / 60;
        return m == 0 ? h + " h" : h + " h " + m + " min";
    }

    /** "in 2 days", "in 5 hours", "in 12 minutes", or "now" when past. */
    public static String relativeFuture(Instant when, Instant now) {
        long s = Duration.between(now, when).getSeconds();
        if (s <= 0) {
            return "now";
        }
        long days = Math.round(s / 86400.0);
        if (s >= 36 * 3600) {
            return "in " + days + " days";
        }
        if (s >= 90 * 60) {
            return "in " + Math.round(s / 3600.0) + " hours";
        }
        if (s >= 60) {
            long m = Math.round(s / 60.0);
            return "in " + m + (m == 1 ? " minute" : " minutes");
        }
        return "in less than a minute";
    }

    /** Local date and time to the minute. */
    public static String dateTime(Instant when) {
        return when == null ? "" : DATE_TIME.format(when);
    }
}
