package org.labexport.job;

import org.labexport.convert.ExportFormat;

/** Statuses and formats as stored: their lower-case wire names, as everywhere outside Java. */
final class WireNameConverters {
    private WireNameConverters() {
    }

    static String status(ExportStatus s) {
        return s == null ? null : s.wireName();
    }

    /** The status a column holds; a name this version does not know is a damaged row, not a guess. */
    static ExportStatus status(String name) {
        return name == null ? null : ExportStatus.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown status in database: " + name));
    }

    static String format(ExportFormat f) {
        return f == null ? null : f.wireName();
    }

    static ExportFormat format(String name) {
        return name == null ? null : ExportFormat.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("Unknown format in database: " + name));
    }
}
