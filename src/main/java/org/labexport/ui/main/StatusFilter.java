package org.labexport.ui.main;

/** The choices of the toolbar's status filter. */
public enum StatusFilter {
    ALL("All statuses"), ACTIVE("Active"), COMPLETED("Completed"), COMPLETED_WITH_ERRORS("Completed with errors"),
    FAILED("Failed"), CANCELLED("Cancelled"), EXPIRED("Expired");

    private final String label;

    StatusFilter(String label) {
        this.label = label;
    }

    public boolean accepts(CardStatus status) {
        return switch (this) {
            case ALL -> true;
            case ACTIVE -> status == CardStatus.PENDING || status == CardStatus.PROCESSING;
            case COMPLETED -> status == CardStatus.COMPLETED;
            case COMPLETED_WITH_ERRORS -> status == CardStatus.COMPLETED_WITH_ERRORS;
            case FAILED -> status == CardStatus.FAILED;
            case CANCELLED -> status == CardStatus.CANCELLED;
            case EXPIRED -> status == CardStatus.EXPIRED;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
