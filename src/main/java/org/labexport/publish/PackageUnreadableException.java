package org.labexport.publish;

import java.io.IOException;

/** The export cannot be read at all (a truncated ZIP, a missing object); the message says what and where. */
public final class PackageUnreadableException extends IOException {
    public PackageUnreadableException(String message) {
        super(message);
    }
}
