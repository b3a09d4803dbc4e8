package org.labexport.destination;

import java.util.Locale;
import java.util.Optional;

/**
 * A bucket and an object key (or key prefix), parsed from {@code s3://bucket/key} or {@code s3://PROFILE@bucket/key},
 * where PROFILE names the settings' S3/MinIO profile that holds the endpoint and keys (bucket names cannot hold '@').
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
        String rest = stripProfile(text.trim().substring(SCHEME.length()));
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        while (key.startsWith("/")) {
            key = key.substring(1);
        }
        return bucket.isBlank() ? Optional.empty() : Optional.of(new S3Location(bucket, key));
    }

    /** The profile named in {@code s3://PROFILE@bucket/key}, or empty for the default profile. */
    public static Optional<String> profileOf(String text) {
        if (!isS3(text)) {
            return Optional.empty();
        }
        String rest = text.trim().substring(SCHEME.length());
        int at = profileEnd(rest);
        return at <= 0 ? Optional.empty() : Optional.of(rest.substring(0, at));
    }

    /** {@code s3://bucket/key} written with the profile that reaches it ({@code s3://PROFILE@bucket/key}). */
    public static String withProfile(String s3Text, String profile) {
        if (profile == null || profile.isBlank() || !isS3(s3Text)) {
            return s3Text;
        }
        return SCHEME + profile + "@" + stripProfile(s3Text.trim().substring(SCHEME.length()));
    }

    private static String stripProfile(String rest) {
        int at = profileEnd(rest);
        return at < 0 ? rest : rest.substring(at + 1);
    }

    /** Index of the '@' ending a profile name before the first '/', or -1. */
    private static int profileEnd(String rest) {
        int at = rest.indexOf('@');
        int slash = rest.indexOf('/');
        return at >= 0 && (slash < 0 || at < slash) ? at : -1;
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
