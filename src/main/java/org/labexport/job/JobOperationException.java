package org.labexport.job;

import org.labexport.base.LabExportException;
/** An operation on a job could not be carried out (for example its output could not be removed). */
public class JobOperationException extends LabExportException {
    private static final long serialVersionUID = 1L;

    public JobOperationException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }
}
