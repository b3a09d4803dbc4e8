package org.labexport.settings;

import org.labexport.base.LabExportException;
/** The settings file cannot be read or written; the message names the file and the reason. */
public class SettingsException extends LabExportException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message, Throwable cause) {
        super(Kind.FAILED, message, cause);
    }
}
