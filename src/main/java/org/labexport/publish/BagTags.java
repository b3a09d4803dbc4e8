package org.labexport.publish;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tag files of a BagIt 1.0 bag (RFC 8493), rendered from the payload's digests: {@code bagit.txt},
 * {@code bag-info.txt}, {@code manifest-sha256.txt}, {@code manifest-sha512.txt} and, last, {@code
 * tagmanifest-sha256.txt} over the four before it. Text is UTF-8 with LF line ends.
 */
public final class BagTags {
    public static final String BAGIT_TXT = "bagit.txt";
    public static final String BAG_INFO_TXT = "bag-info.txt";
    public static final String MANIFEST_SHA256 = "manifest-sha256.txt";
    public static final String MANIFEST_SHA512 = "manifest-sha512.txt";
    public static final String TAGMANIFEST_SHA256 = "tagmanifest-sha256.txt";
    public static final String PAYLOAD_DIR = "data/";

    private BagTags() {
    }

    /** One payload file: its path below {@code data/} and its digests. */
    public record PayloadDigest(String name, FileDigests digests) {
    }

    /** The tag files in the order they are written, name to bytes; the tag manifest is last. */
    public static Map<String, byte[]> render(List<PayloadDigest> payload, BagInfo info) {
        Map<String, byte[]> tags = new LinkedHashMap<>();
        tags.put(BAGIT_TXT, utf8("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"));
        tags.put(BAG_INFO_TXT, utf8(bagInfo(payload, info)));
        tags.put(MANIFEST_SHA256, utf8(manifest(payload, true)));
        tags.put(MANIFEST_SHA512, utf8(manifest(payload, false)));
        StringBuilder tm = new StringBuilder();
        for (Map.Entry<String, byte[]> e : tags.entrySet()) {
            tm.append(FileDigests.of(e.getValue()).sha256()).append("  ").append(encodePath(e.getKey())).append('\n');
        }
        tags.put(TAGMANIFEST_SHA256, utf8(tm.toString()));
        return tags;
    }

    private static String bagInfo(List<PayloadDigest> payload, BagInfo info) {
        long octets = payload.stream().mapToLong(p -> p.digests().size()).sum();
        StringBuilder sb = new StringBuilder();
        field(sb, "Source-Organization", info.sourceOrganization());
        field(sb, "Contact-Name", info.contactName());
        field(sb, "Contact-Email", info.contactEmail());
        field(sb, "External-Description", info.description());
        field(sb, "External-Identifier", info.externalIdentifier());
        field(sb, "Bagging-Date", info.baggingDate() == null ? null : info.baggingDate().toString());
        field(sb, "Bag-Software-Agent", info.softwareAgent());
        field(sb, "Payload-Oxum", octets + "." + payload.size());
        return sb.toString();
    }

    private static void field(StringBuilder sb, String label, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        // A value is one line: line breaks inside it would start a new, malformed field.
        sb.append(label).append(": ").append(value.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ")).append('\n');
    }

    private static String manifest(List<PayloadDigest> payload, boolean sha256) {
        StringBuilder sb = new StringBuilder();
        for (PayloadDigest p : payload) {
            sb.append(sha256 ? p.digests().sha256() : p.digests().sha512()).append("  ")
                    .append(encodePath(PAYLOAD_DIR + p.name())).append('\n');
        }
        return sb.toString();
    }

    /** RFC 8493 section 2.1.3: percent-encode CR, LF and % in a manifest path. */
    static String encodePath(String path) {
        return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
