package org.labexport.destination;

import java.io.IOException;

/** A destination refused or could not take an export; the message says why in words a researcher can act on. */
public class DeliveryException extends IOException {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
