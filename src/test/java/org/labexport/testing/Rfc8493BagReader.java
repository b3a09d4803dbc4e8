package org.labexport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A BagIt reader for tests, written from RFC 8493 alone and sharing no code with LabExport's bag writer or
 * verifier: it checks a bag directory's declaration (2.1.1), payload manifests (2.1.3: every payload file in every
 * manifest, every listed file present with that checksum), bag-info (2.2.2, Payload-Oxum 2.2.2) and tag manifests
 * (2.2.1), and lists what is wrong.
 */
public final class Rfc8493BagReader {
    private static final Pattern MANIFEST_NAME = Pattern.compile("manifest-([a-z0-9]+)\\.txt");
    private static final Pattern TAG_MANIFEST_NAME = Pattern.compile("tagmanifest-([a-z0-9]+)\\.txt");

    /** What was read. */
    public record Bag(String version, Map<String, List<String>> info, Map<String, Map<String, String>> manifests,
                      List<String> errors) {
        public String infoValue(String label) {
            List<String> v = info.get(label);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    private Rfc8493BagReader() {
    }

    public static Bag read(Path base) throws IOException {
        List<String> errors = new ArrayList<>();
        Path declaration = base.resolve("bagit.txt");
        String version = null;
        if (!Files.isRegularFile(declaration)) {
            errors.add("no bagit.txt");
        } else {
            List<String> lines = Files.readAllLines(declaration, StandardCharsets.UTF_8);
            // 2.1.1: exactly two lines, in this order.
            if (lines.size() != 2 || !lines.get(0).matches("BagIt-Version: [0-9]+\\.[0-9]+")
                    || !lines.get(1).startsWith("Tag-File-Character-Encoding: ")) {
                errors.add("bagit.txt is not the two-line declaration: " + lines);
            } else {
                version = lines.get(0).substring("BagIt-Version: ".length());
            }
        }
        if (!Files.isDirectory(base.resolve("data"))) {
            errors.add("no data/ directory");
        }
        List<String> payload = new ArrayList<>();
        if (Files.isDirectory(base.resolve("data"))) {
            try (Stream<Path> s = Files.walk(base.resolve("data"))) {
                s.filter(Files::isRegularFile).forEach(p -> payload.add(slashes(base.relativize(p))));
            }
        }
        Map<String, Map<String, String>> manifests = new LinkedHashMap<>();
        Map<String, Map<String, String>> tagManifests = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(base)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                Matcher m = MANIFEST_NAME.matcher(name);
                Matcher t = TAG_MANIFEST_NAME.matcher(name);
                if (m.matches()) {
                    manifests.put(m.group(1), parseManifest(p, errors));
                } else if (t.matches()) {
                    tagManifests.put(t.group(1), parseManifest(p, errors));
                }
            }
        }
        if (manifests.isEmpty()) {
            errors.add("no payload manifest");
        }
        for (Map.Entry<String, Map<String, String>> m : manifests.entrySet()) {
            for (String file : payload) {
                if (!m.getValue().containsKey(file)) {
                    errors.add(file + " is not in manifest-" + m.getKey() + ".txt");
                }
            }
            for (Map.Entry<String, String> e : m.getValue().entrySet()) {
                if (!e.getKey().startsWith("data/")) {
                    errors.add("payload manifest lists a file outside data/: " + e.getKey());
                }
                checkFile(base, m.getKey(), e, errors);
            }
        }
        for (Map.Entry<String, Map<String, String>> m : tagManifests.entrySet()) {
            for (Map.Entry<String, String> e : m.getValue().entrySet()) {
                if (e.getKey().startsWith("data/")) {
                    errors.add("tag manifest lists a payload file: " + e.getKey());
                }
                checkFile(base, m.getKey(), e, errors);
            }
        }
        Map<String, List<String>> info = readInfo(base.resolve("bag-info.txt"));
        List<String> oxum = info.get("Payload-Oxum");
        if (oxum != null) {
            long octets = 0;
            for (String f : payload) {
                octets += Files.size(base.resolve(f));
            }
            if (!oxum.get(0).equals(octets + "." + payload.size())) {
                errors.add("Payload-Oxum " + oxum.get(0) + " but payload is " + octets + "." + payload.size());
            }
        }
        return new Bag(version, info, manifests, errors);
    }

    private static void checkFile(Path base, String algorithm, Map.Entry<String, String> entry, List<String> errors)
            throws IOException {
        Path file = base.resolve(entry.getKey());
        if (!Files.isRegularFile(file)) {
            errors.add(entry.getKey() + " is listed but missing");
            return;
        }
        String actual = hex(file, algorithm);
        if (!actual.equalsIgnoreCase(entry.getValue())) {
            errors.add(entry.getKey() + " has " + algorithm + " " + actual + ", manifest says " + entry.getValue());
        }
    }

    /** 2.1.3: "checksum filepath", one or more linear whitespace between; %0A, %0D and %25 in the path. */
    private static Map<String, String> parseManifest(Path manifest, List<String> errors) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = Pattern.compile("([0-9a-fA-F]+)[ \\t]+(.+)").matcher(line);
            if (!m.matches()) {
                errors.add(manifest.getFileName() + ": bad line '" + line + "'");
                continue;
            }
            String path = m.group(2).replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
            if (path.startsWith("/") || path.contains("..") || path.contains("\\")) {
                errors.add(manifest.getFileName() + ": path not relative to the base: " + path);
            }
            entries.put(path, m.group(1));
        }
        return entries;
    }

    /** 2.2.2: "Label: Value" lines; a line starting with whitespace continues the value before. */
    private static Map<String, List<String>> readInfo(Path bagInfo) throws IOException {
        Map<String, List<String>> info = new LinkedHashMap<>();
        if (!Files.isRegularFile(bagInfo)) {
            return info;
        }
        String label = null;
        for (String line : Files.readAllLines(bagInfo, StandardCharsets.UTF_8)) {
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && label != null) {
                List<String> values = info.get(label);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                label = line.substring(0, colon);
                info.computeIfAbsent(label, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
            }
        }
        return info;
    }

    private static String hex(Path file, String algorithm) throws IOException {
        String javaName = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new IOException("unknown algorithm " + algorithm);
        };
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance(javaName);
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static String slashes(Path relative) {
        return relative.toString().replace(java.io.File.separatorChar, '/');
    }
}
