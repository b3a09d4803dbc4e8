package org.labexport.job;

/** An operation on a job could not be carried out (for example its output could not be removed). */
public class JobOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobOperationException(String message, Throwable cause) {
        super(message, cause);
    }
}
