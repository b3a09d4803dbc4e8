package org.labexport.base;

/** A request broke a rule; {@link #field()} names the field at fault and the message says what is wrong. */
public class ValidationException extends LabExportException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public ValidationException(String field, String message) {
        super(Kind.BAD_INPUT, message);
        this.field = field;
    }

    /** The snake_case name of the field at fault, as in the JSON and the CLI (for example "ttl_hours"). */
    public String field() {
        return field;
    }
}
