package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.TestHome.MutableClock;
import org.labexport.app.AppServices;
import org.labexport.base.AppHome;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.CompletedExport;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;

/** The CLI in-process: its JSON field names, human output, messages and exit codes. */
class LabExportCliTest {
    static final List<String> SPEC_JOB_FIELDS = List.of("id", "job_key", "name", "description", "user_id",
            "project_id", "export_format", "include_metadata", "include_lineage", "compress", "file_ids",
            "dataset_ids", "export_options", "output_path", "output_size", "download_url", "status", "progress",
            "error_message", "total_files", "processed_files", "failed_files", "created_at", "started_at",
            "completed_at", "expires_at");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private AppHome home;

    @BeforeEach
    void home() {
        home = new AppHome(dir.resolve("home"));
    }

    private CliRun cli(String... args) {
        return CliRun.run(home, args);
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    /** Creates jobs through the service, as the window or the export command would. */
    private List<ExportJob> jobs(int n, ExportFormat format) throws IOException {
        List<ExportJob> out = new ArrayList<>();
        try (AppServices s = TestHome.open(home.root())) {
            DataFile f = s.catalog().addFile(csv("in-" + format + ".csv", "a\n1\n"), java.util.Map.of(), null);
            for (int i = 0; i < n; i++) {
                out.add(s.exports().createExportJob(NewExportJob.builder().name("Job " + i).format(format)
                        .fileIds(List.of(f.getId())).build()));
            }
        }
        return out;
    }

    private static void assertNoStackTrace(CliRun r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("WARN");
        assertThat(r.out()).doesNotContain("\tat ");
    }

    @Test
    void versionAndHelpExitZero() {
        CliRun v = cli("--version");
        assertThat(v.exitCode()).isZero();
        assertThat(v.out()).startsWith("LabExport ");
        CliRun h = cli("--help");
        assertThat(h.exitCode()).isZero();
        assertThat(h.out()).contains("files", "datasets", "jobs", "stats", "cleanup", "Exit codes");
        CliRun sub = cli("jobs", "list", "--help");
        assertThat(sub.exitCode()).isZero();
        assertThat(sub.out()).contains("Usage: labexport jobs list", "--status", "Exit codes");
        CliRun helpCommand = cli("help", "files");
        assertThat(helpCommand.exitCode()).isZero();
        assertThat(helpCommand.out()).contains("Usage: labexport files", "add", "list");
        assertThat(home.root().resolve("db")).doesNotExist();
    }

    @Test
    void badUsageExitsTwoWithAShortMessage() {
        CliRun missing = cli("jobs");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing command", "list", "show");

        CliRun unknown = cli("jobs", "list", "--colour");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--colour").contains("--help");

        CliRun badStatus = cli("jobs", "list", "--status", "done");
        assertThat(badStatus.exitCode()).isEqualTo(2);
        assertThat(badStatus.err()).contains("'done' is not a status", "pending, processing, completed");

        CliRun badLimit = cli("jobs", "list", "--limit", "-3");
        assertThat(badLimit.exitCode()).isEqualTo(2);
        assertThat(badLimit.err()).contains("--limit");
        for (CliRun r : List.of(missing, unknown, badStatus, badLimit)) {
            assertNoStackTrace(r);
        }
    }

    @Test
    void filesAddAndListWithDatasetAndMetadata() throws IOException {
        Path a = csv("a.csv", "x\n1\n");
        Path b = csv("b.tsv", "x\ty\n");
        CliRun add = cli("files", "add", a.toString(), b.toString(), "--dataset", "Run 5", "--meta", "lab=A",
                "--meta", "operator=kim");
        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).contains("Added as file 1: " + a.toAbsolutePath(), "(csv, 4 B)", "Dataset 'Run 5' now has 2 files.");

        CliRun again = cli("files", "add", a.toString());
        assertThat(again.out()).contains("Already in the catalog as file 1");

        JsonNode files = JSON.readTree(cli("files", "list", "--json").out());
        assertThat(files.isArray()).isTrue();
        assertThat(files).hasSize(2);
        assertThat(fieldNames(files.get(0))).containsExactly("id", "path", "file_name", "size_bytes", "sha256",
                "detected_format", "added_at", "metadata", "pipeline_run");
        assertThat(files.get(1).get("detected_format").asText()).isEqualTo("tsv");
        assertThat(files.get(0).get("metadata").get("operator").asText()).isEqualTo("kim");
        assertThat(files.get(0).get("added_at").asText()).endsWith("Z");

        JsonNode sets = JSON.readTree(cli("datasets", "list", "--json").out());
        assertThat(sets).hasSize(1);
        assertThat(fieldNames(sets.get(0))).containsExactly("id", "name", "description", "created_at", "file_ids");
        assertThat(sets.get(0).get("file_ids").toString()).isEqualTo("[1,2]");

        CliRun human = cli("files", "list");
        assertThat(human.out().lines().findFirst().orElseThrow()).matches("ID\\s+NAME\\s+FORMAT\\s+SIZE\\s+ADDED\\s+PATH");
        assertThat(cli("datasets", "list").out()).contains("Run 5");
    }

    @Test
    void aMissingFileIsExitTwoNamingThePath() {
        Path missing = dir.resolve("not-there.csv");
        CliRun r = cli("files", "add", missing.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("Error: File not found: " + missing.toAbsolutePath());
        assertNoStackTrace(r);
    }

    @Test
    void jobsListJsonUsesTheSpecFieldNamesInOrder() throws IOException {
        List<ExportJob> created = jobs(3, ExportFormat.PARQUET);
        CliRun r = cli("jobs", "list", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode list = JSON.readTree(r.out());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(3);
        JsonNode first = list.get(0);
        assertThat(fieldNames(first).subList(0, SPEC_JOB_FIELDS.size())).isEqualTo(SPEC_JOB_FIELDS);
        assertThat(fieldNames(first)).contains("failed_file_ids", "destination", "bytes_done", "bytes_total");
        assertThat(first.get("id").asLong()).isEqualTo(created.get(2).getId());
        assertThat(first.get("export_format").asText()).isEqualTo("parquet");
        assertThat(first.get("status").asText()).isEqualTo("pending");
        assertThat(first.get("created_at").asText()).endsWith("Z");
        assertThat(Instant.parse(first.get("expires_at").asText())).isAfter(Instant.parse(first.get("created_at").asText()));
        assertThat(first.get("started_at").isNull()).isTrue();
        assertThat(first.get("file_ids").isArray()).isTrue();
        assertThat(first.get("export_options").isObject()).isTrue();

        assertThat(JSON.readTree(cli("jobs", "list", "--json", "--limit", "2").out())).hasSize(2);
        assertThat(JSON.readTree(cli("jobs", "list", "--json", "--format", "csv").out())).isEmpty();
        assertThat(JSON.readTree(cli("jobs", "list", "--json", "--status", "PENDING").out())).hasSize(3);
        assertThat(JSON.readTree(cli("jobs", "list", "--json", "--status", "cancelled").out())).isEmpty();
    }

    @Test
    void jobsListHumanOutputIsAnAlignedTable() throws IOException {
        jobs(2, ExportFormat.CSV);
        List<String> lines = cli("jobs", "list").out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("ID\\s+JOB KEY\\s+NAME\\s+FORMAT\\s+STATUS\\s+PROGRESS\\s+FILES\\s+CREATED");
        int statusColumn = lines.get(0).indexOf("STATUS");
        assertThat(lines.get(1).substring(statusColumn)).startsWith("pending");
        assertThat(lines.get(2).substring(statusColumn)).startsWith("pending");
        assertThat(cli("jobs", "list", "--status", "failed").out().strip()).isEqualTo("No export jobs.");
        assertThat(TextTable.clip("x".repeat(60), 40)).hasSize(40).endsWith("…");
    }

    @Test
    void jobsShowByIdOrKey() throws IOException {
        ExportJob job = jobs(1, ExportFormat.JSON).get(0);
        JsonNode byId = JSON.readTree(cli("jobs", "show", String.valueOf(job.getId()), "--json").out());
        assertThat(fieldNames(byId).subList(0, SPEC_JOB_FIELDS.size())).isEqualTo(SPEC_JOB_FIELDS);
        assertThat(byId.get("job_key").asText()).isEqualTo(job.getJobKey());
        CliRun byKey = cli("jobs", "show", job.getJobKey());
        assertThat(byKey.exitCode()).isZero();
        assertThat(byKey.out()).contains("job_key:").contains(job.getJobKey()).contains("status:").contains("pending");

        CliRun missing = cli("jobs", "show", "999");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("No export job with id or key '999'");
        assertNoStackTrace(missing);
    }

    @Test
    void cancelThenCancelAgainIsAnOperationFailure() throws IOException {
        ExportJob job = jobs(1, ExportFormat.CSV).get(0);
        CliRun first = cli("jobs", "cancel", String.valueOf(job.getId()));
        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).contains("Cancelled job " + job.getId());
        CliRun again = cli("jobs", "cancel", String.valueOf(job.getId()));
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already cancelled and cannot be cancelled");
        assertNoStackTrace(again);
        assertThat(JSON.readTree(cli("jobs", "show", String.valueOf(job.getId()), "--json").out())
                .get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void deleteRemovesTheJob() throws IOException {
        ExportJob job = jobs(1, ExportFormat.CSV).get(0);
        CliRun r = cli("jobs", "delete", String.valueOf(job.getId()));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Deleted job " + job.getId());
        assertThat(cli("jobs", "delete", String.valueOf(job.getId())).exitCode()).isEqualTo(2);
        assertThat(JSON.readTree(cli("jobs", "list", "--json").out())).isEmpty();
    }

    @Test
    void statsJsonHasEveryStatusAndFormat() throws IOException {
        List<ExportJob> created = jobs(2, ExportFormat.EXCEL);
        try (AppServices s = TestHome.open(home.root())) {
            s.exports().markProcessing(created.get(0).getId());
            s.exports().markCompleted(created.get(0).getId(),
                    new CompletedExport(null, 2048, null, 1, 0, null, List.of()));
        }
        CliRun r = cli("stats", "--json");
        assertThat(r.exitCode()).isZero();
        JsonNode stats = JSON.readTree(r.out());
        assertThat(fieldNames(stats)).containsExactly("total_jobs", "by_status", "by_format", "total_size_bytes",
                "total_files_exported");
        assertThat(stats.get("total_jobs").asLong()).isEqualTo(2);
        assertThat(fieldNames(stats.get("by_status"))).containsExactly("pending", "processing", "completed",
                "failed", "cancelled");
        assertThat(stats.get("by_status").get("completed").asLong()).isEqualTo(1);
        assertThat(stats.get("by_status").get("failed").asLong()).isZero();
        assertThat(fieldNames(stats.get("by_format"))).containsExactly("csv", "tsv", "json", "excel", "parquet",
                "hdf5", "zip");
        assertThat(stats.get("by_format").get("excel").asLong()).isEqualTo(2);
        assertThat(stats.get("total_size_bytes").asLong()).isEqualTo(2048);
        assertThat(stats.get("total_files_exported").asLong()).isEqualTo(1);
        assertThat(cli("stats").out()).contains("Total jobs:", "2.0 KB");
    }

    @Test
    void cleanupReportsHowManyExpiredJobsItDeleted() throws IOException {
        assertThat(cli("cleanup").out().strip()).isEqualTo("Cleaned up 0 expired export jobs");
        MutableClock past = new MutableClock(Instant.now().minus(Duration.ofHours(3)));
        try (AppServices s = TestHome.open(home.root(), past)) {
            DataFile f = s.catalog().addFile(csv("old.csv", "a\n"), java.util.Map.of(), null);
            for (int ttl : new int[] {1, 2, 48}) {
                s.exports().createExportJob(NewExportJob.builder().name("ttl " + ttl).format(ExportFormat.CSV)
                        .fileIds(List.of(f.getId())).ttlHours(ttl).build());
            }
        }
        CliRun r = cli("cleanup");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().strip()).isEqualTo("Cleaned up 2 expired export jobs");
        assertThat(JSON.readTree(cli("jobs", "list", "--json").out())).hasSize(1);
    }

    /** A home whose database cannot be opened fails the command in one line, without a stack trace. */
    @Test
    void aHomeThatCannotBeOpenedIsAShortErrorWithoutAStackTrace() throws IOException {
        Files.createDirectories(home.root());
        Files.writeString(home.root().resolve("db"), "not a folder");

        CliRun r = cli("jobs", "list");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: Cannot create the database folder " + home.root().resolve("db")
                + ": something of that name is already there.").hasLineCount(1);
        assertNoStackTrace(r);
    }

    @Test
    void aBrokenSettingsFileIsAnOperationFailureNamingTheFile() throws IOException {
        Files.createDirectories(home.root());
        Files.writeString(home.settingsFile(), "{ not json");
        Path csv = Files.writeString(home.root().resolve("in.csv"), "a\n1\n");
        // Settings are read by the commands that use them (decision 0072): an export, not a listing of jobs.
        CliRun r = cli("export", csv.toString(), "--format", "json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: The settings file " + home.settingsFile());
        assertNoStackTrace(r);
        assertThat(JSON.readTree(cli("jobs", "list", "--json").out())).as("no job left behind").isEmpty();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
