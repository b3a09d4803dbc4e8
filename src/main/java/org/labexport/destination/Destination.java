package org.labexport.destination;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.labexport.base.CancelSignal;

/**
 * Where a finished export goes: a local folder or an S3-compatible bucket. An implementation makes the export
 * visible only when it is whole, so nobody ever sees a half-written export under its final name.
 */
public interface Destination {

    /**
     * Delivers a finished export.
     *
     * @param finished  the export as built in the job's private directory: {@code <job_key>.zip} or a folder
     *                  {@code <job_key>/}; it may be moved away by this call
     * @param jobKey    the job's key, which names the output
     * @param expiresAt when the export expires (bounds the lifetime of pre-signed URLs)
     * @param cancel    polled while copying or uploading; a cancel leaves nothing at the destination
     * @throws DeliveryException with a message a researcher can act on when the destination refuses the export
     */
    Delivery deliver(Path finished, String jobKey, Instant expiresAt, CancelSignal cancel) throws IOException;

    /** A download URL for an output this destination delivered: a file: URI or a freshly pre-signed GET URL. */
    String downloadUrl(String outputPath, Instant expiresAt) throws IOException;

    /** Deletes an output this destination delivered; nothing happens if it is already gone. */
    void remove(String outputPath) throws IOException;

    /** The destination in words for messages: a folder path or {@code s3://bucket/prefix}. */
    String describe();
}
