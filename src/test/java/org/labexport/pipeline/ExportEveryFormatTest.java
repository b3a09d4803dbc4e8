package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.base.FileTrees;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;

/** A three-file export to every format, with and without compress and metadata. */
class ExportEveryFormatTest {
    @TempDir
    static Path tmp;
    static AppServices services;
    static PipelineFixture fx;
    static ExportRunner runner;
    static List<DataFile> three;

    @BeforeAll
    static void open() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
        runner = new ExportRunner(services);
        three = List.of(fx.aCsvFile("plate 1.csv", 30), fx.aCsvFile("plate_2.csv", 12), fx.aCsvFile("summary.csv", 3));
    }

    @AfterAll
    static void close() {
        runner.close();
        services.close();
    }

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (ExportFormat f : ExportFormat.values()) {
            for (boolean compress : new boolean[] {false, true}) {
                for (boolean metadata : new boolean[] {false, true}) {
                    b.add(Arguments.of(f, compress, metadata));
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} compress={1} metadata={2}")
    @MethodSource("cases")
    void threeFilesExportWithTheirManifestAndChecksums(ExportFormat format, boolean compress, boolean metadata)
            throws Exception {
        ExportJob job = fx.create(fx.request(format, three).compress(compress).includeMetadata(metadata));
        runner.submit(job.getId());
        ExportJob done = runner.completion(job.getId()).get(60, TimeUnit.SECONDS);

        assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getProcessedFiles()).isEqualTo(3);
        assertThat(done.getFailedFiles()).isZero();
        Path out = Path.of(done.getOutputPath());
        Map<String, byte[]> content = new LinkedHashMap<>();
        boolean zipped = compress || format == ExportFormat.ZIP;
        if (zipped) {
            assertThat(out.getFileName().toString()).isEqualTo(job.getJobKey() + ".zip");
            content.putAll(PipelineFixture.readZip(out));
        } else {
            assertThat(out).isDirectory().hasFileName(job.getJobKey());
            for (Path p : FileTrees.filesIn(out)) {
                content.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertThat(done.getOutputSize()).isEqualTo(FileTrees.size(out));
        String ext = format == ExportFormat.ZIP ? "csv" : format.extension();
        List<String> expected = new java.util.ArrayList<>(List.of(
                "file_" + three.get(0).getId() + "_plate_1." + ext,
                "file_" + three.get(1).getId() + "_plate_2." + ext,
                "file_" + three.get(2).getId() + "_summary." + ext));
        if (metadata) {
            expected.add("export_metadata.json");
        }
        assertThat(content.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        if (zipped) {
            assertThat(content.keySet()).last().matches(n -> !metadata || n.equals("export_metadata.json"));
        }
        if (metadata) {
            JsonNode m = ManifestWriter.JSON.readTree(content.get("export_metadata.json"));
            assertThat(m.at("/export_info/format").asText()).isEqualTo(format.wireName());
            assertThat(m.at("/export_info/job_key").asText()).isEqualTo(job.getJobKey());
            assertThat(m.at("/export_info/compress").asBoolean()).isEqualTo(compress);
            assertThat(m.at("/files")).hasSize(3);
            assertThat(m.at("/outputs")).hasSize(3);
            for (JsonNode o : m.get("outputs")) {
                byte[] bytes = content.get(o.get("name").asText());
                assertThat(o.get("sha256").asText()).isEqualTo(PipelineFixture.sha256(bytes));
                assertThat(o.get("size").asLong()).isEqualTo(bytes.length);
                if (format.converts()) {
                    assertThat(o.get("rows").asLong()).isPositive();
                    assertThat(o.get("column_count").asInt()).isEqualTo(4);
                    assertThat(o.at("/columns/0/name").asText()).isEqualTo("id");
                    assertThat(o.at("/columns/0/type").asText()).isEqualTo("long");
                }
            }
            JsonNode plate1 = m.get("outputs").get(0);
            if (format.converts()) {
                assertThat(plate1.get("rows").asLong()).isEqualTo(30);
            }
            assertThat(m.at("/processing_steps/0/from_format").asText()).isEqualTo("csv");
            assertThat(m.at("/processing_steps/0/to_format").asText()).isEqualTo(format.wireName());
            assertThat(m.at("/processing_steps/0/options").isObject()).isTrue();
            assertThat(m.has("lineage")).isFalse();
        }
    }
}
