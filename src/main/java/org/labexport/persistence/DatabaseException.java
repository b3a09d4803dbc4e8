package org.labexport.persistence;

import org.labexport.base.LabExportException;
/** The database could not be opened, migrated or used; the message says which database and why. */
public class DatabaseException extends LabExportException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }
}
