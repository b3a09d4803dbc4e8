package org.labexport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.base.ValidationException;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;

/** The creation rules of export jobs, each failure naming its field. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportJobValidationTest {
    @TempDir
    static Path dir;
    private AppServices services;
    private JobFixtures fixtures;

    @BeforeAll
    void open() {
        services = TestHome.open(dir.resolve("home"));
        fixtures = new JobFixtures(services, dir);
    }

    @AfterAll
    void close() {
        services.close();
    }

    private ExportJob create(NewExportJob.Builder b) {
        return services.exports().createExportJob(b.build());
    }

    private void assertRefused(NewExportJob.Builder b, String field, String... messageParts) {
        assertThatThrownBy(() -> create(b))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(messageParts);
                });
    }

    @ParameterizedTest(name = "ttl_hours={0} is refused")
    @ValueSource(ints = {0, 169, -1})
    void ttlOutsideOneTo168IsRefused(int ttl) {
        assertRefused(fixtures.aRequest().ttlHours(ttl), "ttl_hours", "1 to 168", String.valueOf(ttl));
    }

    @ParameterizedTest(name = "ttl_hours={0} sets expires_at")
    @ValueSource(ints = {1, 168})
    void ttlAtTheBoundsIsAccepted(int ttl) {
        ExportJob job = create(fixtures.aRequest().ttlHours(ttl));
        assertThat(Duration.between(job.getCreatedAt(), job.getExpiresAt())).isEqualTo(Duration.ofHours(ttl));
    }

    @Test
    void ttlDefaultsTo48Hours() {
        ExportJob job = create(fixtures.aRequest().ttlHours(null));
        assertThat(Duration.between(job.getCreatedAt(), job.getExpiresAt())).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void nameIsRequiredNotBlankAndAtMost200Characters() {
        assertRefused(fixtures.aRequest().name(null), "name", "required");
        assertRefused(fixtures.aRequest().name("   "), "name", "blank");
        assertRefused(fixtures.aRequest().name("x".repeat(201)), "name", "200", "201");
        assertThat(create(fixtures.aRequest().name("x".repeat(200))).getName()).hasSize(200);
    }

    @Test
    void atLeastOneFileOrDatasetIsRequired() {
        assertRefused(fixtures.aRequest().fileIds(List.of()).datasetIds(List.of()), "file_ids",
                "at least one file or dataset");
    }

    @Test
    void unknownFileAndDatasetIdsAreNamed() {
        assertRefused(fixtures.aRequest().fileIds(List.of(fixtures.aCatalogFile().getId(), 99_999L)), "file_ids",
                "99999");
        assertRefused(fixtures.aRequest().fileIds(List.of()).datasetIds(List.of(88_888L)), "dataset_ids", "88888");
    }

    @Test
    void formatIsRequired() {
        assertRefused(fixtures.aRequest().format(null), "export_format", "csv, tsv, json, excel, parquet, hdf5, zip");
    }

    @Test
    void unknownOptionIsRefusedListingTheAllowedOnes() {
        assertRefused(fixtures.aRequest().exportOptions(Map.of("colour", "red")), "export_options",
                "colour", "allowed options", "delimiter", "include_header");
    }

    @Test
    void badOptionValueIsRefusedSayingWhatIsAllowed() {
        assertRefused(fixtures.aRequest().format(ExportFormat.PARQUET).exportOptions(Map.of("compression", "brotli")),
                "export_options", "compression", "brotli", "snappy", "zstd");
        assertRefused(fixtures.aRequest().exportOptions(Map.of("include_header", "maybe")), "export_options",
                "include_header", "true or false");
    }

    @Test
    void validOptionsAreStoredAsGiven() {
        ExportJob job = create(fixtures.aRequest().format(ExportFormat.PARQUET)
                .exportOptions(Map.of("compression", "zstd", "row_group_size", "5000")));
        assertThat(services.exports().getExportJob(job.getId()).orElseThrow().getExportOptions())
                .containsExactlyInAnyOrderEntriesOf(Map.of("compression", "zstd", "row_group_size", "5000"));
    }

    @Test
    void jobKeyIsExportIdAndUtcCreationTimeAndUnique() {
        ExportJob a = fixtures.aPendingJob();
        ExportJob b = fixtures.aPendingJob();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(a.getCreatedAt());
        assertThat(a.getJobKey()).isEqualTo("export_" + a.getId() + "_" + stamp).matches("export_\\d+_\\d{14}");
        assertThat(b.getJobKey()).isNotEqualTo(a.getJobKey());
        assertThat(services.exports().getExportJobByKey(a.getJobKey()).orElseThrow().getId()).isEqualTo(a.getId());
        assertThat(services.exports().getExportJobByIdOrKey(String.valueOf(b.getId())).getJobKey())
                .isEqualTo(b.getJobKey());
    }

    @Test
    void newJobIsPendingOwnedByTheOsUserAndCountsResolvedFiles() {
        DataFile f1 = fixtures.aCatalogFile();
        DataFile f2 = fixtures.aCatalogFile();
        DataFile f3 = fixtures.aCatalogFile();
        Dataset ds = services.catalog().createDataset("validation-set", null);
        services.catalog().addToDataset(ds.getId(), List.of(f2.getId(), f3.getId()));

        ExportJob job = create(NewExportJob.builder().name("  Mixed  ").description("d").projectId("proj-7")
                .format(ExportFormat.JSON).fileIds(List.of(f1.getId(), f2.getId())).datasetIds(List.of(ds.getId()))
                .includeLineage(true).compress(true).destination("s3://bucket/prefix"));

        assertThat(job.getStatus()).isEqualTo(ExportStatus.PENDING);
        assertThat(job.getName()).isEqualTo("Mixed");
        assertThat(job.getUserId()).isEqualTo(System.getProperty("user.name"));
        assertThat(job.getTotalFiles()).isEqualTo(3);
        assertThat(job.getBytesTotal()).isEqualTo(f1.getSizeBytes() + f2.getSizeBytes() + f3.getSizeBytes());
        assertThat(job.getProgress()).isZero();
        assertThat(job.getProjectId()).isEqualTo("proj-7");
        assertThat(job.isIncludeMetadata()).isTrue();
        assertThat(job.isIncludeLineage()).isTrue();
        assertThat(job.isCompress()).isTrue();
        assertThat(job.getDestination()).isEqualTo("s3://bucket/prefix");
        assertThat(job.getFileIds()).containsExactly(f1.getId(), f2.getId());
        assertThat(job.getDatasetIds()).containsExactly(ds.getId());
    }

    @Test
    void listIsNewestFirstWithFiltersLimitAndOffset() {
        ExportJob a = create(fixtures.aRequest().format(ExportFormat.TSV));
        ExportJob b = create(fixtures.aRequest().format(ExportFormat.TSV));
        ExportJob c = create(fixtures.aRequest().format(ExportFormat.TSV));
        services.exports().cancelExportJob(b.getId());
        JobQuery tsv = JobQuery.all().withFormat(ExportFormat.TSV);

        assertThat(services.exports().listExportJobs(tsv)).extracting(ExportJob::getId)
                .containsExactly(c.getId(), b.getId(), a.getId());
        assertThat(services.exports().listExportJobs(tsv.withLimit(1).withOffset(1))).extracting(ExportJob::getId)
                .containsExactly(b.getId());
        assertThat(services.exports().listExportJobs(tsv.withStatus(ExportStatus.PENDING)))
                .extracting(ExportJob::getId).containsExactly(c.getId(), a.getId());
        assertThatThrownBy(() -> JobQuery.all().withLimit(-1)).isInstanceOf(ValidationException.class);
    }
}
