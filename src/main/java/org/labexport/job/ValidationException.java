package org.labexport.job;

/** A request broke a rule; {@link #field()} names the field at fault and the message says what is wrong. */
public class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The snake_case name of the field at fault, as in the JSON and the CLI (for example "ttl_hours"). */
    public String field() {
        return field;
    }
}
