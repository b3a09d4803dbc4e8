package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.base.Version;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.engine.StreamingTableConverter;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;

/**
 * An exported Parquet, HDF5 or xlsx file says where it came from, read back with a reader that is not ours
 * (parquet-java's footer, jHDF, POI); the plain converter, without provenance, writes none.
 */
class OutputsCarryProvenanceTest {
    @TempDir
    static Path tmp;
    static AppServices services;
    static PipelineFixture fx;
    static ExportRunner runner;
    static DataFile plate;

    @BeforeAll
    static void open() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
        runner = new ExportRunner(services);
        plate = fx.aCsvFile("plate 1.csv", 12);
    }

    @AfterAll
    static void close() {
        runner.close();
        services.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExportFormat.class, names = {"PARQUET", "HDF5", "EXCEL"})
    void everyOutputNamesItsJobSourceAndOptions(ExportFormat format) throws Exception {
        Map.Entry<String, String> chosen = switch (format) {
            case PARQUET -> Map.entry("compression", "gzip");
            case HDF5 -> Map.entry("compression", "none");
            default -> Map.entry("sheet_name", "Plates");
        };
        ExportJob job = fx.create(fx.request(format, List.of(plate)).projectId("PRJ-7")
                .exportOptions(Map.ofEntries(chosen)));
        runner.submit(job.getId());
        ExportJob done = runner.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
        Path output = Path.of(done.getOutputPath())
                .resolve("file_" + plate.getId() + "_plate_1." + format.extension());

        Map<String, String> stored = provenanceIn(format, output);

        assertThat(stored).containsEntry(OutputProvenance.JOB_KEY, job.getJobKey())
                .containsEntry(OutputProvenance.SOURCE_SHA256, plate.getSha256())
                .containsEntry(OutputProvenance.SOURCE_FILE, "plate 1.csv")
                .containsEntry(OutputProvenance.SOURCE_PATH, plate.getPath())
                .containsEntry(OutputProvenance.VERSION, Version.get())
                .containsEntry(OutputProvenance.PROJECT_ID, "PRJ-7")
                .containsKey(OutputProvenance.EXPORTED_AT);
        JsonNode options = ManifestWriter.JSON.readTree(stored.get(OutputProvenance.OPTIONS));
        assertThat(options.get(chosen.getKey()).asText()).isEqualTo(chosen.getValue());
        assertThat(options.has("null_values")).isTrue(); // the effective options, defaults included
        assertThat(java.time.Instant.parse(stored.get(OutputProvenance.EXPORTED_AT)))
                .isBetween(done.getStartedAt().minusSeconds(1), done.getCompletedAt().plusSeconds(1));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ExportFormat.class, names = {"PARQUET", "HDF5", "EXCEL"})
    void theConverterWithoutProvenanceStoresNone(ExportFormat format) throws Exception {
        Path out = Files.createDirectories(tmp.resolve("plain-" + format.wireName()));
        var result = new StreamingTableConverter().convert(Path.of(plate.getPath()), ExportOptions.defaults(format),
                out, "plain", null, null);

        Map<String, String> stored = provenanceIn(format, result.outputs().get(0).path());

        assertThat(stored.keySet()).noneMatch(k -> k.startsWith("labexport."));
    }

    @Test
    void anExcelOutputStillRecordsItsColumnTypesFirst() throws Exception {
        ExportJob job = fx.create(fx.request(ExportFormat.EXCEL, List.of(plate)));
        runner.submit(job.getId());
        ExportJob done = runner.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
        Path output = Path.of(done.getOutputPath()).resolve("file_" + plate.getId() + "_plate_1.xlsx");

        Map<String, String> stored = provenanceIn(ExportFormat.EXCEL, output);
        assertThat(stored.entrySet()).first()
                .isEqualTo(Map.entry("labexport_column_types", "long,string,double,date"));
        assertThat(stored).doesNotContainKey(OutputProvenance.PROJECT_ID)
                .containsEntry(OutputProvenance.JOB_KEY, job.getJobKey());
    }

    /** Every text key/value the file holds where its format keeps them, read by a third-party library. */
    private static Map<String, String> provenanceIn(ExportFormat format, Path file) throws Exception {
        Map<String, String> found = new LinkedHashMap<>();
        switch (format) {
            case PARQUET -> {
                try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
                    found.putAll(r.getFooter().getFileMetaData().getKeyValueMetaData());
                }
            }
            case HDF5 -> {
                try (HdfFile h5 = new HdfFile(file)) {
                    Group table = (Group) h5.getChild("data");
                    table.getAttributes().forEach((name, a) -> {
                        if (a.getData() instanceof String s) {
                            found.put(name, s);
                        }
                    });
                }
            }
            case EXCEL -> {
                try (XSSFWorkbook wb = new XSSFWorkbook(file.toFile())) {
                    POIXMLProperties.CustomProperties custom = wb.getProperties().getCustomProperties();
                    for (var p : custom.getUnderlyingProperties().getPropertyList()) {
                        found.put(p.getName(), p.getLpwstr());
                    }
                }
            }
            default -> throw new IllegalArgumentException(format.wireName());
        }
        return found;
    }
}
