package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.app.AppServices;
import org.labexport.TestHome;
import org.labexport.base.Version;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.MetadataValues;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.publish.PackageFormat;
import org.labexport.publish.VerifyReport;
import org.labexport.settings.Settings;
import org.labexport.testing.Rfc8493BagReader;
import org.labexport.testing.RoCrate12Rules;

/**
 * Exports packaged as BagIt bags with an RO-Crate, checked by a reader written from RFC 8493 and by the RO-Crate 1.2
 * rules (both in the tests, sharing no code with the writer), and {@code verify} on bags and plain exports.
 */
class BagExportTest {
    @TempDir
    Path tmp;
    AppServices services;
    PipelineFixture fx;
    Path exports;

    @BeforeEach
    void open() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
        exports = tmp.resolve("exports");
        Settings s = services.settings();
        s.setLicense("CC-BY-4.0");
        s.setAuthor("Ada Lovelace");
        s.setSourceOrganization("Analytical Engine Lab");
        s.setContactName("Ada Lovelace");
        s.setContactEmail("ada@example.org");
        services.settingsStore().save(s);
    }

    @AfterEach
    void close() {
        services.close();
    }

    ExportJob run(org.labexport.job.NewExportJob.Builder request) throws Exception {
        try (ExportRunner runner = new ExportRunner(services)) {
            ExportJob job = fx.create(request.destination(exports.toString()));
            runner.submit(job.getId());
            ExportJob done = runner.completion(job.getId()).get(60, TimeUnit.SECONDS);
            assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
            return done;
        }
    }

    DataFile csvWithMeta(String name, String pipelineRun) throws IOException {
        Path f = Files.createDirectories(tmp.resolve("src-" + name)).resolve(name);
        Files.writeString(f, "gene,count,ok\nBRCA1,12,true\nTP53,7,false\n");
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("sample_count", "12");
        meta.put("calibrated", "true");
        meta.put("plate", "0012");
        meta.put("pipeline_run", pipelineRun);
        return services.catalog().addFile(f, MetadataValues.parseAll(meta), null);
    }

    @Test
    void folderBagIsValidToAnIndependentReaderAndCarriesARoCrateAndLineage() throws Exception {
        DataFile a = csvWithMeta("a.csv", "nf-run-17");
        DataFile b = fx.aCsvFile("b.csv", 5);
        var ds = services.catalog().createDataset("Plate 7", "first plates");
        services.catalog().addToDataset(ds.getId(), List.of(a.getId()));

        // Files picked one by one, not through the dataset: lineage still names the dataset.
        ExportJob done = run(fx.request(ExportFormat.CSV, List.of(a, b)).packageFormat(PackageFormat.BAGIT)
                .projectId("PRJ-42").exportOptions(Map.of("delimiter", ";")));

        Path bag = Path.of(done.getOutputPath());
        assertThat(bag.getFileName().toString()).isEqualTo(done.getJobKey());
        Rfc8493BagReader.Bag read = Rfc8493BagReader.read(bag);
        assertThat(read.errors()).isEmpty();
        assertThat(read.version()).isEqualTo("1.0");
        assertThat(read.manifests().keySet()).containsExactlyInAnyOrder("sha256", "sha512");
        assertThat(bag.resolve("tagmanifest-sha256.txt")).isRegularFile();
        assertThat(read.infoValue("Bag-Software-Agent")).isEqualTo("LabExport " + Version.get());
        assertThat(read.infoValue("External-Identifier")).isEqualTo(done.getJobKey());
        assertThat(read.infoValue("Source-Organization")).isEqualTo("Analytical Engine Lab");
        assertThat(read.infoValue("Contact-Email")).isEqualTo("ada@example.org");
        assertThat(read.infoValue("Bagging-Date")).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(payloadNames(bag)).containsExactlyInAnyOrder("file_" + a.getId() + "_a.csv",
                "file_" + b.getId() + "_b.csv", "export_metadata.json", "ro-crate-metadata.json");

        JsonNode crate = ManifestWriter.JSON.readTree(bag.resolve("data/ro-crate-metadata.json").toFile());
        assertThat(RoCrate12Rules.check(crate, bag.resolve("data"), payloadNames(bag))).isEmpty();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        crate.path("@graph").forEach(e -> byId.put(e.path("@id").asText(), e));
        JsonNode root = byId.get("./");
        assertThat(root.path("license").path("@id").asText()).isEqualTo("https://spdx.org/licenses/CC-BY-4.0");
        assertThat(byId.get(root.path("author").path("@id").asText()).path("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(byId.get(root.path("isPartOf").path("@id").asText()).path("name").asText()).isEqualTo("PRJ-42");
        JsonNode fileA = byId.get("file_" + a.getId() + "_a.csv");
        assertThat(fileA.path("encodingFormat").asText()).isEqualTo("text/csv");
        List<String> columns = fileA.path("variableMeasured").findValuesAsText("@id").stream()
                .map(id -> byId.get(id).path("name").asText() + ":" + byId.get(id).path("value").asText()).toList();
        assertThat(columns).containsExactly("gene:string", "count:long", "ok:boolean");
        JsonNode convertA = byId.get("#convert-file-" + a.getId());
        assertThat(convertA.path("@type").asText()).isEqualTo("CreateAction");
        assertThat(convertA.path("object").get(0).path("@id").asText()).isEqualTo("#source-file-" + a.getId());
        assertThat(byId.get("#source-file-" + a.getId()).path("sha256").asText()).isEqualTo(a.getSha256());
        assertThat(convertA.path("result").get(0).path("@id").asText()).isEqualTo("file_" + a.getId() + "_a.csv");
        assertThat(convertA.path("object").findValuesAsText("@id").stream().map(byId::get)
                .filter(e -> e.path("name").asText().equals("delimiter")).findFirst().orElseThrow()
                .path("value").asText()).isEqualTo(";");
        assertThat(byId.values()).anySatisfy(e -> assertThat(e.path("@type").asText()).isEqualTo("OrganizeAction"));
        assertThat(byId.get("#run-nf-run-17").path("result").get(0).path("@id").asText())
                .isEqualTo("#source-file-" + a.getId());

        JsonNode manifest = ManifestWriter.JSON.readTree(bag.resolve("data/export_metadata.json").toFile());
        assertThat(manifest.path("export_info").path("project_id").asText()).isEqualTo("PRJ-42");
        assertThat(manifest.path("export_info").path("package").asText()).isEqualTo("bagit");
        assertThat(manifest.path("export_info").path("export_options").path("include_header").isBoolean()).isTrue();
        JsonNode metaA = manifest.path("files").get(0).path("metadata");
        assertThat(metaA.path("sample_count").isIntegralNumber()).isTrue();
        assertThat(metaA.path("sample_count").asInt()).isEqualTo(12);
        assertThat(metaA.path("calibrated").isBoolean()).isTrue();
        assertThat(metaA.path("plate").isTextual()).isTrue();
        assertThat(manifest.path("files").get(0).path("pipeline_run").asText()).isEqualTo("nf-run-17");
        JsonNode lineage = manifest.path("lineage");
        assertThat(lineage.path("source_datasets").findValuesAsText("name")).containsExactly("Plate 7");
        assertThat(lineage.path("pipeline_runs").findValuesAsText("run_id"))
                .containsExactly("nf-run-17", done.getJobKey());
        assertThat(lineage.path("pipeline_runs").get(0).path("file_ids").get(0).asLong()).isEqualTo(a.getId());

        VerifyReport report = ExportVerification.verify(null, bag.toString());
        assertThat(report.problems()).isEmpty();
        assertThat(report.kind()).isEqualTo("bagit");
        assertThat(report.filesChecked()).isEqualTo(4);
    }

    @Test
    void zippedBagOfParquetIsOneFolderInTheZipAndValid() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 50);
        ExportJob done = run(fx.request(ExportFormat.PARQUET, List.of(a)).packageFormat(PackageFormat.BAGIT)
                .compress(true));

        Path zip = Path.of(done.getOutputPath());
        assertThat(zip.getFileName().toString()).isEqualTo(done.getJobKey() + ".zip");
        Path unzipped = unzip(zip, tmp.resolve("unzipped"));
        try (Stream<Path> top = Files.list(unzipped)) {
            assertThat(top.map(p -> p.getFileName().toString())).containsExactly(done.getJobKey());
        }
        Path bag = unzipped.resolve(done.getJobKey());
        assertThat(Rfc8493BagReader.read(bag).errors()).isEmpty();
        JsonNode crate = ManifestWriter.JSON.readTree(bag.resolve("data/ro-crate-metadata.json").toFile());
        assertThat(RoCrate12Rules.check(crate, bag.resolve("data"), payloadNames(bag))).isEmpty();
        assertThat(crate.toString()).contains("application/vnd.apache.parquet");
        assertThat(ExportVerification.verify(null, zip.toString()).problems()).isEmpty();
    }

    @Test
    void verifyNamesAChangedByteAMissingFileAndAnExtraFile() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 20);
        DataFile b = fx.aCsvFile("b.csv", 20);
        ExportJob done = run(fx.request(ExportFormat.JSON, List.of(a, b)).packageFormat(PackageFormat.BAGIT));
        Path bag = Path.of(done.getOutputPath());
        String aJson = "data/file_" + a.getId() + "_a.json";
        String bJson = "data/file_" + b.getId() + "_b.json";

        flipByte(bag.resolve(aJson), 17);
        assertThat(ExportVerification.verify(null, bag.toString()).problems())
                .extracting(VerifyReport.Problem::kind, VerifyReport.Problem::file)
                .contains(org.assertj.core.groups.Tuple.tuple("changed", aJson));
        flipByte(bag.resolve(aJson), 17);
        assertThat(ExportVerification.verify(null, bag.toString()).valid()).isTrue();

        Path moved = Files.move(bag.resolve(bJson), tmp.resolve("b.json"));
        VerifyReport missing = ExportVerification.verify(null, bag.toString());
        assertThat(missing.problems()).extracting(VerifyReport.Problem::kind, VerifyReport.Problem::file)
                .contains(org.assertj.core.groups.Tuple.tuple("missing", bJson));
        assertThat(missing.problems()).extracting(VerifyReport.Problem::kind).contains("oxum");
        Files.move(moved, bag.resolve(bJson));

        Files.writeString(bag.resolve("data/notes.txt"), "added later");
        VerifyReport extra = ExportVerification.verify(null, bag.toString());
        assertThat(extra.problems()).extracting(VerifyReport.Problem::kind, VerifyReport.Problem::file)
                .contains(org.assertj.core.groups.Tuple.tuple("extra", "data/notes.txt"));
        assertThat(extra.summary()).startsWith("INVALID BagIt bag");
    }

    @Test
    void verifyCatchesEveryByteOfEveryPayloadFile() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 3);
        ExportJob done = run(fx.request(ExportFormat.TSV, List.of(a)).packageFormat(PackageFormat.BAGIT));
        Path bag = Path.of(done.getOutputPath());
        for (String name : payloadNames(bag)) {
            Path f = bag.resolve("data").resolve(name);
            long size = Files.size(f);
            for (long at : new long[] {0, size / 2, size - 1}) {
                flipByte(f, at);
                VerifyReport r = ExportVerification.verify(null, bag.toString());
                assertThat(r.problems()).as(name + " byte " + at)
                        .extracting(VerifyReport.Problem::file).contains("data/" + name);
                flipByte(f, at);
            }
        }
        assertThat(ExportVerification.verify(null, bag.toString()).valid()).isTrue();
    }

    @Test
    void aTruncatedZipIsInvalidAndSaysSo() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 200);
        ExportJob done = run(fx.request(ExportFormat.CSV, List.of(a)).packageFormat(PackageFormat.BAGIT)
                .compress(true));
        Path zip = Path.of(done.getOutputPath());
        byte[] bytes = Files.readAllBytes(zip);
        Path cut = tmp.resolve("cut.zip");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));

        VerifyReport r = ExportVerification.verify(null, cut.toString());

        assertThat(r.valid()).isFalse();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("unreadable");
            assertThat(p.message()).contains("truncated or damaged").doesNotContain("Exception");
        });
    }

    @Test
    void aPlainExportIsCheckedAgainstItsManifest() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 20);
        ExportJob done = run(fx.request(ExportFormat.CSV, List.of(a)).includeMetadata(true));
        Path folder = Path.of(done.getOutputPath());
        VerifyReport ok = ExportVerification.verify(null, folder.toString());
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.kind()).isEqualTo("plain");

        String name = "file_" + a.getId() + "_a.csv";
        flipByte(folder.resolve(name), 3);
        Files.writeString(folder.resolve("stray.txt"), "x");
        VerifyReport bad = ExportVerification.verify(null, folder.toString());
        assertThat(bad.problems()).extracting(VerifyReport.Problem::kind, VerifyReport.Problem::file)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("changed", name),
                        org.assertj.core.groups.Tuple.tuple("extra", "stray.txt"));
    }

    static void flipByte(Path file, long at) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ,
                java.nio.file.StandardOpenOption.WRITE)) {
            java.nio.ByteBuffer one = java.nio.ByteBuffer.allocate(1);
            ch.read(one, at);
            one.put(0, (byte) (one.get(0) ^ 0x01));
            one.rewind();
            ch.write(one, at);
        }
    }

    static Set<String> payloadNames(Path bag) throws IOException {
        try (Stream<Path> s = Files.list(bag.resolve("data"))) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Path unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy(z, target);
            }
        }
        return into;
    }
}
