package org.labexport.convert;

import java.io.IOException;

/**
 * A table could not be read or written, with a message a researcher can act on: it names the file and, where
 * known, the line, column or field and what is wrong. Never shown with a stack trace.
 */
public class ConversionException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message);
    }

    public ConversionException(String message, Throwable cause) {
        super(message, cause);
    }
}
