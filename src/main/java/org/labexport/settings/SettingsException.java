package org.labexport.settings;

/** The settings file cannot be read or written; the message names the file and the reason. */
public class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
