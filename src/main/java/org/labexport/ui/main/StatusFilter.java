package org.labexport.ui.main;

import org.labexport.job.ExportStatus;

/** The choices of the toolbar's status filter. */
public enum StatusFilter {
    ALL("All jobs"), ACTIVE("Active"), COMPLETED("Completed"), FAILED("Failed"), CANCELLED("Cancelled");

    private final String label;

    StatusFilter(String label) {
        this.label = label;
    }

    public boolean accepts(ExportStatus status) {
        return switch (this) {
            case ALL -> true;
            case ACTIVE -> status.isActive();
            case COMPLETED -> status == ExportStatus.COMPLETED;
            case FAILED -> status == ExportStatus.FAILED;
            case CANCELLED -> status == ExportStatus.CANCELLED;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
