package org.labexport.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@code ro-crate-metadata.json} (RO-Crate 1.2, Process Run Crate profile) from an export's manifest
 * ({@code export_metadata.json} as JSON): the root Dataset, one {@code File} per exported file with media type,
 * size, SHA-256 and, for tables, the columns as {@code PropertyValue}s in {@code variableMeasured}; one
 * {@code CreateAction} per conversion (source file in, output out, LabExport as instrument, the options as
 * {@code PropertyValue}s); the upstream pipeline runs named in the catalog as {@code CreateAction}s that made the
 * source files; and the export itself as an {@code OrganizeAction}. Everything is read from the manifest, so the
 * crate and the manifest cannot disagree.
 */
public final class RoCrate {
    public static final String FILE_NAME = "ro-crate-metadata.json";
    public static final String CONTEXT = "https://w3id.org/ro/crate/1.2/context";
    public static final String SPEC = "https://w3id.org/ro/crate/1.2";
    public static final String PROCESS_RUN_CRATE = "https://w3id.org/ro/wfrun/process/0.5";
    static final String SOFTWARE_ID = "#labexport";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> entities = new LinkedHashMap<>();

    private RoCrate() {
    }

    /** A payload file that is not an output table (the manifest itself), with its digests. */
    public record ExtraFile(String name, FileDigests digests, String description) {
    }

    /** The crate's JSON-LD as UTF-8 bytes. */
    public static byte[] render(JsonNode manifest, PublicationInfo info, List<ExtraFile> extras) throws IOException {
        return JSON.writeValueAsBytes(build(manifest, info, extras));
    }

    /** The crate's JSON-LD document. */
    public static ObjectNode build(JsonNode manifest, PublicationInfo info, List<ExtraFile> extras) {
        RoCrate crate = new RoCrate();
        crate.fill(manifest, info, extras);
        ObjectNode doc = NODES.objectNode();
        doc.put("@context", CONTEXT);
        ArrayNode graph = doc.putArray("@graph");
        crate.entities.values().forEach(graph::add);
        return doc;
    }

    private void fill(JsonNode manifest, PublicationInfo info, List<ExtraFile> extras) {
        JsonNode exportInfo = manifest.path("export_info");
        String jobKey = exportInfo.path("job_key").asText();
        ObjectNode descriptor = entity("ro-crate-metadata.json", "CreativeWork");
        descriptor.set("conformsTo", ref(SPEC));
        descriptor.set("about", ref("./"));

        ObjectNode root = entity("./", "Dataset");
        root.put("name", exportInfo.path("name").asText(jobKey));
        String description = text(exportInfo, "description");
        root.put("description", description != null ? description
                : "Data exported by LabExport " + info.softwareVersion() + " as " + exportInfo.path("format").asText()
                + " (export " + jobKey + ").");
        root.put("datePublished", info.published().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("identifier", jobKey);
        root.set("conformsTo", ref(PROCESS_RUN_CRATE));
        ObjectNode profile = entity(PROCESS_RUN_CRATE, "CreativeWork");
        profile.put("name", "Process Run Crate");
        profile.put("version", "0.5");
        String license = licenseEntity(info.license());
        if (license != null) {
            root.set("license", ref(license));
        }
        String author = personEntity(info.author());
        if (author != null) {
            root.set("author", ref(author));
        }
        String project = text(exportInfo, "project_id");
        if (project != null) {
            ObjectNode p = entity("#project-" + slug(project), "Project");
            p.put("name", project);
            p.put("identifier", project);
            root.set("isPartOf", ref(p.get("@id").asText()));
        }
        ArrayNode hasPart = root.putArray("hasPart");
        ArrayNode mentions = root.putArray("mentions");

        ObjectNode software = entity(SOFTWARE_ID, "SoftwareApplication");
        software.put("name", "LabExport");
        software.put("version", info.softwareVersion());

        for (JsonNode out : manifest.path("outputs")) {
            String name = out.path("name").asText();
            ObjectNode file = entity(name, "File");
            file.put("name", name);
            file.put("encodingFormat", MediaTypes.ofName(name));
            file.put("contentSize", out.path("size").asText());
            file.put("sha256", out.path("sha256").asText());
            if (out.hasNonNull("rows")) {
                file.put("description", out.path("rows").asLong() + " rows"
                        + (text(out, "table") == null ? "" : " of table " + text(out, "table")));
            }
            ArrayNode columns = NODES.arrayNode();
            int i = 0;
            for (JsonNode c : out.path("columns")) {
                ObjectNode col = entity("#" + slug(name) + "-column-" + (++i), "PropertyValue");
                col.put("name", c.path("name").asText());
                col.put("propertyID", c.path("name").asText());
                col.put("value", c.path("type").asText());
                col.put("description", "column " + i + ", type " + c.path("type").asText());
                columns.add(ref(col.get("@id").asText()));
            }
            if (!columns.isEmpty()) {
                file.set("variableMeasured", columns);
            }
            hasPart.add(ref(name));
        }
        for (ExtraFile extra : extras) {
            ObjectNode file = entity(extra.name(), "File");
            file.put("name", extra.name());
            file.put("encodingFormat", MediaTypes.ofName(extra.name()));
            file.put("contentSize", Long.toString(extra.digests().size()));
            file.put("sha256", extra.digests().sha256());
            if (extra.description() != null) {
                file.put("description", extra.description());
            }
            hasPart.add(ref(extra.name()));
        }

        Map<Long, String> sourceIds = new LinkedHashMap<>();
        for (JsonNode f : manifest.path("files")) {
            if (!f.path("exported").asBoolean()) {
                continue;
            }
            long id = f.path("id").asLong();
            ObjectNode src = entity("#source-file-" + id, "File");
            src.put("name", f.path("filename").asText());
            src.put("identifier", f.path("original_path").asText());
            src.put("contentSize", f.path("size").asText());
            src.put("sha256", f.path("sha256").asText());
            src.put("encodingFormat", MediaTypes.ofFormat(text(f, "detected_format")));
            src.put("description", "Source file " + id + " of the LabExport catalog, originally at "
                    + f.path("original_path").asText());
            sourceIds.put(id, src.get("@id").asText());
        }

        Map<String, ArrayNode> optionRefs = new LinkedHashMap<>();
        for (JsonNode step : manifest.path("processing_steps")) {
            long fileId = step.path("file_id").asLong();
            ObjectNode action = entity("#" + step.path("step").asText("convert") + "-file-" + fileId, "CreateAction");
            action.put("name", ("copy".equals(step.path("step").asText()) ? "Copy " : "Convert ")
                    + step.path("from_format").asText() + " to " + step.path("to_format").asText() + ": "
                    + step.path("input").asText());
            action.set("instrument", ref(SOFTWARE_ID));
            ArrayNode object = action.putArray("object");
            if (sourceIds.containsKey(fileId)) {
                object.add(ref(sourceIds.get(fileId)));
            }
            object.addAll(optionRefs.computeIfAbsent(step.path("options").toString(), k -> options(step.path("options"))));
            ArrayNode result = action.putArray("result");
            for (JsonNode o : step.path("outputs")) {
                result.add(ref(o.asText()));
            }
            action.put("startTime", step.path("started_at").asText());
            action.put("endTime", step.path("finished_at").asText());
            action.set("actionStatus", ref("http://schema.org/CompletedActionStatus"));
            if (author != null) {
                action.set("agent", ref(author));
            }
            mentions.add(ref(action.get("@id").asText()));
        }

        // Upstream runs that produced the source files, as the catalog knows them.
        for (JsonNode run : manifest.path("lineage").path("pipeline_runs")) {
            if (!"upstream".equals(run.path("role").asText())) {
                continue;
            }
            ObjectNode action = entity("#run-" + slug(run.path("run_id").asText()), "CreateAction");
            action.put("name", "Pipeline run " + run.path("run_id").asText());
            action.put("identifier", run.path("run_id").asText());
            ArrayNode result = action.putArray("result");
            for (JsonNode id : run.path("file_ids")) {
                if (sourceIds.containsKey(id.asLong())) {
                    result.add(ref(sourceIds.get(id.asLong())));
                }
            }
            mentions.add(ref(action.get("@id").asText()));
        }

        ObjectNode organize = entity("#export-" + slug(jobKey), "OrganizeAction");
        organize.put("name", "LabExport export " + jobKey);
        organize.set("instrument", ref(SOFTWARE_ID));
        ArrayNode object = organize.putArray("object");
        sourceIds.values().forEach(id -> object.add(ref(id)));
        ArrayNode result = organize.putArray("result");
        hasPart.forEach(result::add);
        String started = exportRun(manifest, "started_at");
        organize.put("startTime", started != null ? started : exportInfo.path("created_at").asText());
        String finished = exportRun(manifest, "finished_at");
        organize.put("endTime", finished != null ? finished : exportInfo.path("exported_at").asText());
        organize.set("actionStatus", ref("http://schema.org/CompletedActionStatus"));
        if (author != null) {
            organize.set("agent", ref(author));
        }
        mentions.add(ref(organize.get("@id").asText()));
    }

    private ArrayNode options(JsonNode options) {
        ArrayNode refs = NODES.arrayNode();
        options.fields().forEachRemaining(e -> {
            String id = "#option-" + slug(e.getKey()) + "-" + slug(e.getValue().toString());
            ObjectNode pv = entities.containsKey(id) ? entities.get(id) : entity(id, "PropertyValue");
            pv.put("name", e.getKey());
            JsonNode v = e.getValue();
            pv.set("value", v.isValueNode() ? v : NODES.textNode(v.toString()));
            refs.add(ref(id));
        });
        return refs;
    }

    private static String exportRun(JsonNode manifest, String field) {
        for (JsonNode run : manifest.path("lineage").path("pipeline_runs")) {
            if ("export".equals(run.path("role").asText())) {
                return text(run, field);
            }
        }
        return null;
    }

    private String licenseEntity(String license) {
        if (license == null || license.isBlank()) {
            return null;
        }
        String l = license.strip();
        String id = l.matches("(?i)https?://.*") ? l : "https://spdx.org/licenses/" + l;
        ObjectNode e = entity(id, "CreativeWork");
        e.put("name", l);
        return id;
    }

    private String personEntity(String author) {
        if (author == null || author.isBlank()) {
            return null;
        }
        String a = author.strip();
        String id = a.matches("(?i)https?://.*") ? a : "#author-" + slug(a);
        ObjectNode e = entity(id, "Person");
        e.put("name", a);
        return id;
    }

    private ObjectNode entity(String id, String type) {
        ObjectNode e = NODES.objectNode();
        e.put("@id", id);
        e.put("@type", type);
        entities.put(id, e);
        return e;
    }

    private static ObjectNode ref(String id) {
        ObjectNode r = NODES.objectNode();
        r.put("@id", id);
        return r;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    /** A fragment-safe form of a name: letters, digits, '-', '_' and '.'. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        return s.isEmpty() ? "x" : s;
    }
}
