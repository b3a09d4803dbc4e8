package org.labexport.settings;

/**
 * A named MinIO/S3 connection. {@link #toString()} masks the secret key and most of the access key, so a profile
 * can be logged safely.
 */
public record S3Profile(String name, String endpoint, String accessKey, String secretKey, String region,
                        String bucket, String prefix) {

    @Override
    public String toString() {
        return "S3Profile[name=" + name + ", endpoint=" + endpoint + ", accessKey=" + mask(accessKey)
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
