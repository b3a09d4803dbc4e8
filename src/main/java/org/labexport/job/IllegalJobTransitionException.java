package org.labexport.job;

import org.labexport.base.LabExportException;
/** A job cannot make the requested change from its current status (for example cancelling a completed job). */
public class IllegalJobTransitionException extends LabExportException {
    private static final long serialVersionUID = 1L;
    private final ExportStatus from;
    private final ExportStatus to;

    public IllegalJobTransitionException(String message, ExportStatus from, ExportStatus to) {
        super(Kind.FAILED, message);
        this.from = from;
        this.to = to;
    }

    public ExportStatus from() {
        return from;
    }

    /** The status asked for; null when the refused operation was not a status change (such as deleting). */
    public ExportStatus to() {
        return to;
    }
}
