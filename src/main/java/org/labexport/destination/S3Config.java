package org.labexport.destination;

import java.util.Map;
import java.util.Optional;
import org.labexport.base.UrlCredentials;

/**
 * Connection settings for an S3-compatible store (MinIO, AWS S3, ...): from a settings profile, overridden by the
 * environment ({@code LABEXPORT_S3_ENDPOINT}, {@code LABEXPORT_S3_ACCESS_KEY}, {@code LABEXPORT_S3_SECRET_KEY},
 * {@code LABEXPORT_S3_REGION}) and by a job's {@code s3://bucket/prefix} destination. {@link #toString()} never
 * shows the secret key, and messages show the endpoint through {@link #displayEndpoint()}: an endpoint written with
 * credentials in it ({@code http://KEY:SECRET@host}) is refused, and never shown or logged with them.
 */
public record S3Config(String endpoint, String accessKey, String secretKey, String region, String bucket,
                       String prefix) {
    public static final String ENV_ENDPOINT = "LABEXPORT_S3_ENDPOINT";
    public static final String ENV_ACCESS_KEY = "LABEXPORT_S3_ACCESS_KEY";
    public static final String ENV_SECRET_KEY = "LABEXPORT_S3_SECRET_KEY";
    public static final String ENV_REGION = "LABEXPORT_S3_REGION";
    /** Used when no region is configured; also spares the client a region lookup before signing URLs. */
    public static final String DEFAULT_REGION = "us-east-1";

    public S3Config {
        prefix = normalizePrefix(prefix);
    }

    public static S3Config empty() {
        return new S3Config(null, null, null, null, null, "");
    }

    /** This config with any of the four environment variables that are set and not blank taking precedence. */
    public S3Config withEnvironment(Map<String, String> env) {
        return new S3Config(pick(env.get(ENV_ENDPOINT), endpoint), pick(env.get(ENV_ACCESS_KEY), accessKey),
                pick(env.get(ENV_SECRET_KEY), secretKey), pick(env.get(ENV_REGION), region), bucket, prefix);
    }

    /** This config with the bucket and prefix of a job's destination. */
    public S3Config withLocation(S3Location location) {
        return new S3Config(endpoint, accessKey, secretKey, region, location.bucket(), location.key());
    }

    /** The region to sign with. */
    public String effectiveRegion() {
        return region == null || region.isBlank() ? DEFAULT_REGION : region;
    }

    /**
     * Checks that everything needed to connect is present.
     *
     * @throws DeliveryException naming what is missing and where to set it
     */
    public void requireComplete() throws DeliveryException {
        if (endpoint == null || endpoint.isBlank()) {
            throw new DeliveryException("No MinIO/S3 endpoint is configured: add an S3 profile in the settings or set "
                    + ENV_ENDPOINT + ".");
        }
        Optional<String> problem = endpointProblem(endpoint);
        if (problem.isPresent()) {
            throw new DeliveryException(problem.get());
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new DeliveryException("No MinIO/S3 access key and secret key are configured for " + displayEndpoint()
                    + ": add them to the S3 profile in the settings or set " + ENV_ACCESS_KEY + " and "
                    + ENV_SECRET_KEY + ".");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new DeliveryException("No MinIO/S3 bucket is given: use a destination s3://BUCKET/PREFIX or set the"
                    + " bucket of the S3 profile in the settings.");
        }
    }

    /** The endpoint as it may be shown or logged: without any user name or password written into it. */
    public String displayEndpoint() {
        return withoutUserInfo(endpoint);
    }

    /**
     * What is wrong with an endpoint URL, or empty: it must not carry credentials, since the URL is shown in the
     * window, in job errors and in the log, where a secret must never appear. The message does not repeat them.
     */
    public static Optional<String> endpointProblem(String endpoint) {
        if (UrlCredentials.present(endpoint)) {
            return Optional.of("The MinIO/S3 endpoint " + withoutUserInfo(endpoint) + " has a user name or password"
                    + " written into it (before '@'): remove them from the URL and give the keys as the access key"
                    + " and secret key instead.");
        }
        return Optional.empty();
    }

    /** {@code url} with any {@code user:password@} removed from its authority; null stays null. */
    public static String withoutUserInfo(String url) {
        return UrlCredentials.strip(url);
    }

    /** The object key for a name under the prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String pick(String override, String base) {
        return override != null && !override.isBlank() ? override.trim() : base;
    }

    static String normalizePrefix(String prefix) {
        String p = prefix == null ? "" : prefix.trim();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    @Override
    public String toString() {
        return "S3Config[endpoint=" + displayEndpoint() + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null
                ? "null" : "****") + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix + "]";
    }
}
