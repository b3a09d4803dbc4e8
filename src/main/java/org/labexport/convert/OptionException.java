package org.labexport.convert;

/** An export option is unknown or has a bad value; the message names the option and lists what is allowed. */
public class OptionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String option;

    public OptionException(String option, String message) {
        super(message);
        this.option = option;
    }

    /** The option key at fault. */
    public String option() {
        return option;
    }
}
