package org.labexport.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.labexport.destination.RetryPolicy;
import org.labexport.destination.S3Config;
import org.labexport.destination.S3Destination;
import org.labexport.settings.S3Profile;

/** The non-UI services the window needs from other packages, so that the MinIO client stays out of {@code ui}. */
final class DesktopServices {
    private DesktopServices() {
    }

    /** Checks a profile by asking the destination for its bucket; returns a message or throws with what is wrong. */
    static Function<S3Profile, String> connectionTest() {
        return p -> {
            try {
                S3Config config = new S3Config(p.endpoint(), p.accessKey(), p.secretKey(), p.region(), p.bucket(),
                        p.prefix());
                config.requireComplete();
                // Closed at once: its HTTP client's threads would otherwise keep the process alive for a minute
                // after the window closes.
                try (S3Destination destination = new S3Destination(config, RetryPolicy.DEFAULT)) {
                    destination.requireBucket();
                }
                return "Connected to " + config.displayEndpoint() + ": bucket '" + p.bucket() + "' is reachable.";
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
        };
    }
}
