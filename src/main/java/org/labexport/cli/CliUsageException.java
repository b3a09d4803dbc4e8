package org.labexport.cli;

/** The command was given arguments that make no sense together; exit code 2. */
public class CliUsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliUsageException(String message) {
        super(message);
    }
}
