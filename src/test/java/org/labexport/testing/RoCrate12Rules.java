package org.labexport.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The RO-Crate 1.2 rules for the root, files and actions, checked on a crate's JSON-LD for tests (written from the
 * specification, not from LabExport's crate builder): the 1.2 context; a flat {@code @graph} of entities with
 * unique {@code @id} and a {@code @type}; the metadata descriptor about {@code ./} conforming to 1.2; a root
 * Dataset with name, description, an ISO 8601 datePublished and a licence; every payload file a {@code File}
 * entity in the root's {@code hasPart} with a size and checksum that match the file; every local reference
 * resolving; every {@code CreateAction} with an instrument, an object and a result that resolve, and ordered
 * ISO 8601 start and end times.
 */
public final class RoCrate12Rules {
    private RoCrate12Rules() {
    }

    /** The rules broken, empty when none. {@code payloadDir} holds the crate and its files. */
    public static List<String> check(JsonNode crate, Path payloadDir, Set<String> payloadFiles) throws Exception {
        List<String> broken = new ArrayList<>();
        JsonNode context = crate.path("@context");
        boolean contextOk = context.isTextual() ? context.asText().equals("https://w3id.org/ro/crate/1.2/context")
                : context.isArray() && context.toString().contains("\"https://w3id.org/ro/crate/1.2/context\"");
        if (!contextOk) {
            broken.add("@context is not the RO-Crate 1.2 context: " + context);
        }
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode e : crate.path("@graph")) {
            String id = e.path("@id").asText(null);
            if (id == null || !e.has("@type")) {
                broken.add("entity without @id or @type: " + e);
                continue;
            }
            if (byId.put(id, e) != null) {
                broken.add("duplicate @id " + id);
            }
            // Flattened JSON-LD: property values are literals or {"@id": ...} references, never nested entities.
            e.fields().forEachRemaining(f -> {
                for (JsonNode v : f.getValue().isArray() ? f.getValue() : List.of(f.getValue())) {
                    if (v.isObject() && (v.size() != 1 || !v.has("@id"))) {
                        broken.add(id + "." + f.getKey() + " nests an entity instead of referencing it");
                    }
                }
            });
        }
        JsonNode descriptor = byId.get("ro-crate-metadata.json");
        if (descriptor == null || !types(descriptor).contains("CreativeWork")
                || !"./".equals(descriptor.path("about").path("@id").asText())
                || !descriptor.path("conformsTo").toString().contains("https://w3id.org/ro/crate/1.2")) {
            broken.add("metadata descriptor missing or not about ./ conforming to 1.2: " + descriptor);
        }
        JsonNode root = byId.get("./");
        if (root == null || !types(root).contains("Dataset")) {
            broken.add("no root Dataset ./");
            return broken;
        }
        for (String p : List.of("name", "description", "datePublished", "license")) {
            if (!root.has(p)) {
                broken.add("root has no " + p);
            }
        }
        try {
            OffsetDateTime.parse(root.path("datePublished").asText());
        } catch (RuntimeException e) {
            broken.add("datePublished is not ISO 8601 with a time zone: " + root.path("datePublished"));
        }
        List<String> hasPart = new ArrayList<>();
        root.path("hasPart").forEach(r -> hasPart.add(r.path("@id").asText()));
        for (String file : payloadFiles) {
            if (file.equals("ro-crate-metadata.json")) {
                continue;
            }
            JsonNode e = byId.get(file);
            if (e == null || !types(e).contains("File")) {
                broken.add("payload file " + file + " is not a File entity");
                continue;
            }
            if (!hasPart.contains(file)) {
                broken.add("payload file " + file + " is not in the root's hasPart");
            }
            byte[] bytes = Files.readAllBytes(payloadDir.resolve(file));
            if (!e.path("contentSize").asText().equals(Long.toString(bytes.length))) {
                broken.add(file + " contentSize " + e.path("contentSize") + " but the file has " + bytes.length);
            }
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            if (!sha.equals(e.path("sha256").asText())) {
                broken.add(file + " sha256 does not match the file");
            }
            if (!e.hasNonNull("encodingFormat")) {
                broken.add(file + " has no encodingFormat");
            }
        }
        // Every local reference resolves (absolute URIs may point outside the crate).
        for (JsonNode e : byId.values()) {
            e.fields().forEachRemaining(f -> {
                for (JsonNode v : f.getValue().isArray() ? f.getValue() : List.of(f.getValue())) {
                    String ref = v.path("@id").asText(null);
                    if (v.isObject() && ref != null && !ref.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*")
                            && !byId.containsKey(ref)) {
                        broken.add(e.path("@id").asText() + "." + f.getKey() + " refers to missing " + ref);
                    }
                }
            });
        }
        int createActions = 0;
        for (JsonNode e : byId.values()) {
            if (!types(e).contains("CreateAction") && !types(e).contains("OrganizeAction")) {
                continue;
            }
            boolean upstream = e.path("@id").asText().startsWith("#run-");
            String id = e.path("@id").asText();
            if (!upstream) {
                if (types(e).contains("CreateAction")) {
                    createActions++;
                }
                JsonNode instrument = byId.get(e.path("instrument").path("@id").asText());
                if (instrument == null || !types(instrument).contains("SoftwareApplication")
                        || !instrument.hasNonNull("version")) {
                    broken.add(id + " has no SoftwareApplication instrument with a version");
                }
                if (!e.path("object").isArray() || e.path("object").isEmpty()) {
                    broken.add(id + " has no object");
                }
                try {
                    Instant start = Instant.parse(e.path("startTime").asText());
                    Instant end = Instant.parse(e.path("endTime").asText());
                    if (end.isBefore(start)) {
                        broken.add(id + " ends before it starts");
                    }
                } catch (RuntimeException ex) {
                    broken.add(id + " start or end time is not ISO 8601: " + e.path("startTime") + " "
                            + e.path("endTime"));
                }
            }
            if (!e.path("result").isArray() || e.path("result").isEmpty()) {
                broken.add(id + " has no result");
            }
        }
        if (createActions == 0) {
            broken.add("no CreateAction");
        }
        return broken;
    }

    private static List<String> types(JsonNode e) {
        JsonNode t = e.path("@type");
        List<String> out = new ArrayList<>();
        if (t.isArray()) {
            t.forEach(x -> out.add(x.asText()));
        } else {
            out.add(t.asText());
        }
        return out;
    }
}
