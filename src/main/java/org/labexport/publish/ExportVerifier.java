package org.labexport.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.labexport.destination.FolderIndexPage;

/**
 * Checks an export: a BagIt bag (RFC 8493: every file in each payload manifest present with that checksum, no
 * payload file unlisted, {@code Payload-Oxum} right, the tag manifest right, and the RO-Crate parsing and naming
 * every payload file) or a plain export (every output in {@code export_metadata.json} present with its size and
 * SHA-256, nothing else there). Each file is read once, for all the checksums it needs.
 */
public final class ExportVerifier {
    static final String MANIFEST = "export_metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<VerifyReport.Problem> problems = new ArrayList<>();
    private int filesChecked;
    private long bytesChecked;

    private ExportVerifier() {
    }

    /** Checks the export in {@code source}; a source that cannot be listed is one "unreadable" problem. */
    public static VerifyReport verify(PackageSource source) {
        ExportVerifier v = new ExportVerifier();
        String kind = "unknown";
        try {
            Map<String, Long> files = new LinkedHashMap<>();
            for (PackageSource.Entry e : source.files()) {
                files.put(e.path(), e.size());
            }
            if (files.containsKey(BagTags.BAGIT_TXT)) {
                kind = "bagit";
                v.checkBag(source, files);
            } else if (files.containsKey(MANIFEST)) {
                kind = "plain";
                v.checkPlain(source, files);
            } else {
                v.problem("unreadable", null, "Neither a BagIt bag (no bagit.txt) nor a LabExport export (no "
                        + MANIFEST + ") at " + source.describe() + ".");
            }
        } catch (IOException e) {
            v.problem("unreadable", null, e.getMessage() == null ? "cannot be read" : e.getMessage());
        }
        return new VerifyReport(source.describe(), kind, v.filesChecked, v.bytesChecked, v.problems);
    }

    private void checkBag(PackageSource source, Map<String, Long> files) throws IOException {
        String bagit = text(source, BagTags.BAGIT_TXT);
        if (!bagit.contains("BagIt-Version:")) {
            problem("manifest", BagTags.BAGIT_TXT, "bagit.txt has no BagIt-Version line.");
        }
        // Every payload manifest present: manifest-<algorithm>.txt
        Map<String, Map<String, String>> manifests = new LinkedHashMap<>();
        for (String name : files.keySet()) {
            if (name.matches("manifest-[a-z0-9]+\\.txt")) {
                String algorithm = name.substring("manifest-".length(), name.length() - 4);
                if (!algorithm.equals("sha256") && !algorithm.equals("sha512")) {
                    problem("manifest", name, "uses " + algorithm + ", which this check does not know; only its"
                            + " listing is checked.");
                }
                manifests.put(algorithm, readManifest(source, name));
            }
        }
        if (manifests.isEmpty()) {
            problem("manifest", null, "The bag has no payload manifest (manifest-sha256.txt or"
                    + " manifest-sha512.txt).");
            return;
        }
        Set<String> listed = new HashSet<>();
        manifests.values().forEach(m -> listed.addAll(m.keySet()));
        Map<String, FileDigests> actual = new LinkedHashMap<>();
        for (String path : listed) {
            if (!files.containsKey(path)) {
                problem("missing", path, "is listed in the payload manifest but is not in the bag.");
            } else {
                actual.put(path, digest(source, path));
            }
        }
        for (Map.Entry<String, Map<String, String>> m : manifests.entrySet()) {
            String manifestName = "manifest-" + m.getKey() + ".txt";
            for (String path : listed) {
                if (!m.getValue().containsKey(path) && files.containsKey(path)) {
                    problem("extra", path, "is not listed in " + manifestName + ".");
                }
            }
            for (Map.Entry<String, String> line : m.getValue().entrySet()) {
                FileDigests d = actual.get(line.getKey());
                String expected = line.getValue().toLowerCase(Locale.ROOT);
                if (d != null && (m.getKey().equals("sha256") && !d.sha256().equals(expected)
                        || m.getKey().equals("sha512") && !d.sha512().equals(expected))) {
                    problem("changed", line.getKey(), "its " + m.getKey().toUpperCase(Locale.ROOT)
                            + " differs from " + manifestName + ": the file changed.");
                }
            }
        }
        for (String path : files.keySet()) {
            if (path.startsWith(BagTags.PAYLOAD_DIR) && !listed.contains(path)) {
                problem("extra", path, "is in the payload but not listed in any payload manifest.");
            }
        }
        checkOxum(source, files);
        Set<String> tagListed = checkTagManifests(source, files);
        for (String path : files.keySet()) {
            if (!path.startsWith(BagTags.PAYLOAD_DIR) && !tagListed.contains(path) && !isTagFile(path)) {
                problem("extra", path, "is not part of the bag (not a payload file and not listed in a tag"
                        + " manifest).");
            }
        }
        checkCrate(source, files);
    }

    private static boolean isTagFile(String path) {
        return path.equals(BagTags.BAGIT_TXT) || path.equals(BagTags.BAG_INFO_TXT)
                || path.matches("(tag)?manifest-[a-z0-9]+\\.txt") || path.equals(FolderIndexPage.FILE_NAME);
    }

    private void checkOxum(PackageSource source, Map<String, Long> files) throws IOException {
        if (!files.containsKey(BagTags.BAG_INFO_TXT)) {
            return;
        }
        for (String line : text(source, BagTags.BAG_INFO_TXT).split("\n")) {
            if (line.startsWith("Payload-Oxum:")) {
                String oxum = line.substring("Payload-Oxum:".length()).strip();
                long octets = 0;
                int count = 0;
                for (Map.Entry<String, Long> f : files.entrySet()) {
                    if (f.getKey().startsWith(BagTags.PAYLOAD_DIR)) {
                        octets += f.getValue();
                        count++;
                    }
                }
                if (!oxum.equals(octets + "." + count)) {
                    problem("oxum", BagTags.BAG_INFO_TXT, "Payload-Oxum says " + oxum + " but the payload holds "
                            + count + " files of " + octets + " bytes (" + octets + "." + count + ").");
                }
            }
        }
    }

    private Set<String> checkTagManifests(PackageSource source, Map<String, Long> files) throws IOException {
        Set<String> listed = new HashSet<>();
        for (String name : files.keySet()) {
            if (!name.matches("tagmanifest-(sha256|sha512)\\.txt")) {
                continue;
            }
            listed.add(name);
            boolean sha256 = name.contains("sha256");
            for (Map.Entry<String, String> line : readManifest(source, name).entrySet()) {
                listed.add(line.getKey());
                if (!files.containsKey(line.getKey())) {
                    problem("missing", line.getKey(), "is listed in " + name + " but is not in the bag.");
                    continue;
                }
                FileDigests d = FileDigests.of(bytes(source, line.getKey()));
                if (!(sha256 ? d.sha256() : d.sha512()).equals(line.getValue().toLowerCase(Locale.ROOT))) {
                    problem("changed", line.getKey(), "its checksum differs from " + name + ": the tag file changed.");
                }
            }
        }
        return listed;
    }

    private void checkCrate(PackageSource source, Map<String, Long> files) {
        String crateName = BagTags.PAYLOAD_DIR + RoCrate.FILE_NAME;
        if (!files.containsKey(crateName)) {
            problem("crate", crateName, "is missing: the bag carries no RO-Crate metadata.");
            return;
        }
        JsonNode crate;
        try (InputStream in = source.open(crateName)) {
            crate = JSON.readTree(in);
        } catch (IOException e) {
            problem("crate", crateName, "is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (JsonNode entity : crate.path("@graph")) {
            ids.add(entity.path("@id").asText());
        }
        if (!ids.contains("./") || !ids.contains(RoCrate.FILE_NAME)) {
            problem("crate", crateName, "has no root data entity ./ or no metadata descriptor.");
        }
        for (String path : files.keySet()) {
            if (path.startsWith(BagTags.PAYLOAD_DIR) && !path.equals(crateName)
                    && !ids.contains(path.substring(BagTags.PAYLOAD_DIR.length()))) {
                problem("crate", path, "is in the payload but not described in " + RoCrate.FILE_NAME + ".");
            }
        }
    }

    private void checkPlain(PackageSource source, Map<String, Long> files) throws IOException {
        JsonNode manifest;
        try (InputStream in = source.open(MANIFEST)) {
            manifest = JSON.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            problem("manifest", MANIFEST, "is not valid JSON.");
            return;
        }
        Set<String> listed = new HashSet<>();
        for (JsonNode out : manifest.path("outputs")) {
            String name = out.path("name").asText();
            listed.add(name);
            Long size = files.get(name);
            if (size == null) {
                problem("missing", name, "is listed in " + MANIFEST + " but is not in the export.");
                continue;
            }
            FileDigests d = digest(source, name);
            if (d.size() != out.path("size").asLong()) {
                problem("size", name, "has " + d.size() + " bytes, " + MANIFEST + " says " + out.path("size").asLong()
                        + ".");
            }
            if (!d.sha256().equals(out.path("sha256").asText().toLowerCase(Locale.ROOT))) {
                problem("changed", name, "its SHA-256 differs from " + MANIFEST + ": the file changed.");
            }
        }
        for (String path : files.keySet()) {
            if (!listed.contains(path) && !path.equals(MANIFEST) && !path.equals(FolderIndexPage.FILE_NAME)) {
                problem("extra", path, "is in the export but not listed in " + MANIFEST + ".");
            }
        }
    }

    private FileDigests digest(PackageSource source, String path) throws IOException {
        try (InputStream in = source.open(path);
             DigestingOutputStream out = new DigestingOutputStream(OutputStream.nullOutputStream())) {
            in.transferTo(out);
            FileDigests d = out.digests();
            filesChecked++;
            bytesChecked += d.size();
            return d;
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new PackageUnreadableException(path + " cannot be read from " + source.describe()
                    + ": the archive is damaged or truncated.");
        }
    }

    /** path -> checksum, paths decoded per RFC 8493 (%0D, %0A, %25). */
    private Map<String, String> readManifest(PackageSource source, String name) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : text(source, name).split("\n")) {
            lineNo++;
            String l = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (l.isBlank()) {
                continue;
            }
            String[] parts = l.split("[ \t]+", 2);
            if (parts.length < 2) {
                problem("manifest", name, "line " + lineNo + " is not 'checksum path'.");
                continue;
            }
            entries.put(decode(parts[1]), parts[0]);
        }
        return entries;
    }

    private static String decode(String path) {
        return path.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n").replace("%0a", "\n")
                .replace("%25", "%");
    }

    private static String text(PackageSource source, String path) throws IOException {
        return new String(bytes(source, path), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(PackageSource source, String path) throws IOException {
        try (InputStream in = source.open(path)) {
            return in.readAllBytes();
        }
    }

    private void problem(String kind, String file, String message) {
        problems.add(new VerifyReport.Problem(kind, file, message));
    }
}
