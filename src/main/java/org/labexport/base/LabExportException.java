package org.labexport.base;

/**
 * The base of every domain exception: its message is written for the user (whole sentences naming the file, field or
 * job at fault), and its {@link Kind} says whether the request was bad (exit code 2) or the operation failed (1), so
 * both front ends report it the same way without knowing the subtype.
 */
public abstract class LabExportException extends RuntimeException {
    /** What went wrong, and the command line's exit code for it. */
    public enum Kind {
        /** The request was wrong: bad usage, a validation error, an unknown id. */
        BAD_INPUT(2),
        /** The request was fine but the operation could not be done. */
        FAILED(1);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;

    protected LabExportException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    protected LabExportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The command line's exit code: 2 for bad input, 1 for a failed operation. */
    public int exitCode() {
        return kind.exitCode();
    }
}
