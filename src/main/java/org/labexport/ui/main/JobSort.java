package org.labexport.ui.main;

import java.util.Comparator;
import java.util.Locale;
import org.labexport.job.ExportJob;

/** The orders the job list can be shown in; ties fall back to newest first, so the order is always total. */
public enum JobSort {
    NEWEST("Newest first"), NAME("Name"), SIZE("Largest first");

    private static final Comparator<JobItem> NEWEST_FIRST = Comparator
            .comparing((JobItem i) -> i.getJob().getCreatedAt(), Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(JobItem::id, Comparator.reverseOrder());

    private final String label;

    JobSort(String label) {
        this.label = label;
    }

    public Comparator<JobItem> comparator() {
        return switch (this) {
            case NEWEST -> NEWEST_FIRST;
            case NAME -> Comparator.comparing((JobItem i) -> nameKey(i.getJob())).thenComparing(NEWEST_FIRST);
            case SIZE -> Comparator.comparingLong((JobItem i) -> size(i.getJob())).reversed().thenComparing(NEWEST_FIRST);
        };
    }

    private static String nameKey(ExportJob j) {
        return j.getName() == null ? "" : j.getName().toLowerCase(Locale.ROOT);
    }

    /** The size a job is known by: its output once delivered, else the bytes it reads. */
    static long size(ExportJob j) {
        if (j.getOutputSize() != null) {
            return j.getOutputSize();
        }
        return Math.max(j.getBytesTotal(), j.getBytesDone());
    }

    @Override
    public String toString() {
        return label;
    }
}
