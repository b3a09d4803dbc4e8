package org.labexport.cli;

import org.labexport.base.LabExportException;
/** The command was given arguments that make no sense together; exit code 2. */
public class CliUsageException extends LabExportException {
    private static final long serialVersionUID = 1L;

    public CliUsageException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}
