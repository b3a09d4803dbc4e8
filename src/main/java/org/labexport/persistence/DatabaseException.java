package org.labexport.persistence;

/** The database could not be opened, migrated or used; the message says which database and why. */
public class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
