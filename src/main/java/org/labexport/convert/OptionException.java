package org.labexport.convert;

import org.labexport.base.LabExportException;
/** An export option is unknown or has a bad value; the message names the option and lists what is allowed. */
public class OptionException extends LabExportException {
    private static final long serialVersionUID = 1L;
    private final String option;

    public OptionException(String option, String message) {
        super(Kind.BAD_INPUT, message);
        this.option = option;
    }

    /** The option key at fault. */
    public String option() {
        return option;
    }
}
