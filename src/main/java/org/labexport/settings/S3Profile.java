package org.labexport.settings;

import org.labexport.base.UrlCredentials;

/**
 * A named MinIO/S3 connection. {@link #toString()} masks the secret key and most of the access key, and drops
 * credentials written into the endpoint URL, so a profile can be logged safely.
 */
public record S3Profile(String name, String endpoint, String accessKey, String secretKey, String region,
                        String bucket, String prefix) {

    @Override
    public String toString() {
        return "S3Profile[name=" + name + ", endpoint=" + UrlCredentials.strip(endpoint) + ", accessKey=" + mask(accessKey)
                + ", secretKey=" + (secretKey == null ? null : "****") + ", region=" + region + ", bucket=" + bucket
                + ", prefix=" + prefix + "]";
    }

    static String mask(String key) {
        if (key == null) {
            return null;
        }
        return key.length() <= 4 ? "****" : key.substring(0, 4) + "****";
    }
}
