package org.labexport.destination;

import java.util.Locale;
import java.util.Optional;

/**
 * A bucket and an object key (or key prefix), parsed from {@code s3://bucket/key}.
 *
 * @param bucket the bucket name
 * @param key    the key or prefix without a leading slash; may be empty
 */
public record S3Location(String bucket, String key) {
    public static final String SCHEME = "s3://";

    /** Whether the text is an {@code s3://} location. */
    public static boolean isS3(String text) {
        return text != null && text.trim().toLowerCase(Locale.ROOT).startsWith(SCHEME);
    }

    /** Parses {@code s3://bucket[/key]}; empty when the text is not an S3 location or names no bucket. */
    public static Optional<S3Location> parse(String text) {
        if (!isS3(text)) {
            return Optional.empty();
        }
        String rest = text.trim().substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        while (key.startsWith("/")) {
            key = key.substring(1);
        }
        return bucket.isBlank() ? Optional.empty() : Optional.of(new S3Location(bucket, key));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
