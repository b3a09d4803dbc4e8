package org.labexport.ui.main;

import java.time.Instant;
import java.util.Locale;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;

/**
 * What a card says happened to a job, which is finer than the stored status: a completed job some of whose files
 * failed is "completed with errors" (amber, not green), and a finished job past its expiry shows as expired until the
 * cleanup removes it. The style name is the pseudo-class of the card and its badge, shared with the statistics.
 */
public enum CardStatus {
    PENDING("pending"),
    PROCESSING("processing"),
    COMPLETED("completed"),
    COMPLETED_WITH_ERRORS("completed with errors"),
    FAILED("failed"),
    CANCELLED("cancelled"),
    EXPIRED("expired");

    private final String words;

    CardStatus(String words) {
        this.words = words;
    }

    /** The status of {@code job} as a card shows it at {@code now}. */
    public static CardStatus of(ExportJob job, Instant now) {
        ExportStatus s = job.getStatus();
        if (s.isFinished() && job.isExpiredAt(now)) {
            return EXPIRED;
        }
        return switch (s) {
            case PENDING -> PENDING;
            case PROCESSING -> PROCESSING;
            case COMPLETED -> job.getFailedFiles() > 0 ? COMPLETED_WITH_ERRORS : COMPLETED;
            case FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
        };
    }

    /** The card status a stored status shows as when nothing else is known (the statistics' slices). */
    public static CardStatus of(ExportStatus status) {
        return valueOf(status.name());
    }

    /** "completed with errors". */
    public String words() {
        return words;
    }

    /** The badge's text: "COMPLETED WITH ERRORS". */
    public String badgeText() {
        return words.toUpperCase(Locale.ROOT);
    }

    /** The CSS pseudo-class and style-class suffix: "completed-with-errors". */
    public String styleName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
