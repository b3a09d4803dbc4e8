package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;

class ExportCommandTest {
    @TempDir
    Path tmp;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int labexport(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return LabExportCli.run(new AppHome(tmp.resolve("home")), new PrintWriter(out), new PrintWriter(err), args);
    }

    Path csv(String name, String content) throws Exception {
        return Files.writeString(Files.createDirectories(tmp.resolve("data")).resolve(name), content);
    }

    @Test
    void exportRunsTheJobAndPrintsItAsJsonWithExitZero() throws Exception {
        Path a = csv("a.csv", "x,y\n1,2\n3,4\n");
        Path b = csv("b.csv", "x,y\n5,6\n");

        int code = labexport("export", a.toString(), b.toString(), "--format", "tsv", "--compress", "--metadata",
                "--name", "Two tables", "--option", "include_header=true", "--json");

        assertThat(code).as(err.toString()).isZero();
        JsonNode job = new ObjectMapper().readTree(out.toString());
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("name").asText()).isEqualTo("Two tables");
        assertThat(job.get("processed_files").asInt()).isEqualTo(2);
        Path zip = Path.of(job.get("output_path").asText());
        assertThat(zip).isRegularFile().hasFileName(job.get("job_key").asText() + ".zip");
        assertThat(err.toString()).contains("100%");
    }

    /**
     * A second export of an unchanged file takes its catalog entry without hashing it first; a same-size edit that
     * puts the old modification time back fails that export by name, and the next one reads and exports the file as
     * it is (docs/decisions/0138).
     */
    @Test
    void aReturningExportTakesTheKnownFileAndAHiddenEditFailsOnlyOnce() throws Exception {
        Path f = csv("runs.csv", "x,y\n1,2\n3,4\n");
        FileTime settled = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(f, settled);
        assertThat(labexport("export", f.toString(), "--format", "json")).as(err.toString()).isZero();
        assertThat(labexport("export", f.toString(), "--format", "json")).as(err.toString()).isZero();
        assertThat(filesInCatalog()).isEqualTo(1);

        Files.writeString(f, "x,y\n1,2\n3,5\n");
        Files.setLastModifiedTime(f, settled);
        assertThat(labexport("export", f.toString(), "--format", "json")).isEqualTo(1);
        assertThat(err.toString()).contains("runs.csv").contains("changed since it was added (same size");

        assertThat(labexport("export", f.toString(), "--format", "json", "--json")).as(err.toString()).isZero();
        Path out = Path.of(new ObjectMapper().readTree(this.out.toString()).get("output_path").asText());
        List<Path> written;
        try (Stream<Path> files = Files.list(out)) {
            written = files.filter(p -> p.getFileName().toString().endsWith("_runs.json")).toList();
        }
        assertThat(written).hasSize(1);
        assertThat(Files.readString(written.get(0))).contains("\"y\":5");
        assertThat(filesInCatalog()).isEqualTo(2);
    }

    private int filesInCatalog() throws Exception {
        assertThat(labexport("files", "list", "--json")).isZero();
        return new ObjectMapper().readTree(out.toString()).size();
    }

    @Test
    void aFileThatCannotBeConvertedGivesExitOneAndNamesIt() throws Exception {
        Path good = csv("good.csv", "x\n1\n");
        // Named as Parquet but not one: it is found out only while reading, so the other file still exports.
        Path bad = Files.write(tmp.resolve("data").resolve("broken.parquet"), new byte[] {1, 2, 3});

        int code = labexport("export", good.toString(), bad.toString(), "--format", "csv", "--dest",
                tmp.resolve("out").toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("completed").contains("1 failed");
        assertThat(err.toString()).contains("Problems: ").contains("broken.parquet");
        assertThat(tmp.resolve("out")).isDirectory();
    }

    @Test
    void aFileThatIsNoDataAndAnUnwritableDestinationAreRefusedBeforeTheExportRuns() throws Exception {
        Path good = csv("good.csv", "x\n1\n");
        Path picture = Files.write(tmp.resolve("data").resolve("gel.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path aFile = csv("notes.csv", "x\n");

        assertThat(labexport("export", good.toString(), picture.toString(), "--format", "csv")).isEqualTo(2);
        assertThat(err.toString().strip()).endsWith("gel.png is not a data file LabExport can convert (CSV, TSV,"
                + " JSON, Excel, Parquet or HDF5): remove it, or choose ZIP to export it as it is.");
        assertThat(labexport("export", good.toString(), "--format", "csv", "--dest", aFile.toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("The export folder " + aFile + " is a file, not a folder");
        assertThat(labexport("export", good.toString(), "--format", "excel", "--option", "sheet_name=a/b"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("sheet_name").contains("'a/b'").contains("1 to 31 characters");
        // nothing was created or added to the catalog
        assertThat(labexport("jobs", "list", "--json")).isZero();
        assertThat(out.toString()).matches("\\[\\s*\\]\\s*");
        assertThat(labexport("files", "list", "--json")).isZero();
        assertThat(out.toString()).matches("\\[\\s*\\]\\s*");
        // ZIP archives the picture as it is
        assertThat(labexport("export", good.toString(), picture.toString(), "--format", "zip", "--dest",
                tmp.resolve("out").toString())).as(err.toString()).isZero();
    }

    @Test
    void badUsageGivesExitTwo() throws Exception {
        Path a = csv("a.csv", "x\n1\n");
        assertThat(labexport("export", a.toString(), "--format", "docx")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown format 'docx'");
        assertThat(labexport("export", tmp.resolve("missing.csv").toString(), "--format", "csv")).isEqualTo(2);
        assertThat(err.toString()).contains("File not found");
        assertThat(labexport("export", a.toString(), "--format", "csv", "--ttl-hours", "500")).isEqualTo(2);
        assertThat(err.toString()).contains("ttl_hours");
        assertThat(labexport("export", a.toString(), "--format", "csv", "--option", "nope=1")).isEqualTo(2);
    }

    @Test
    void jobsResumeSaysSoWhenNothingIsInterrupted() {
        assertThat(labexport("jobs", "resume")).isZero();
        assertThat(out.toString()).contains("No interrupted or pending jobs.");
    }

    @Test
    void aRejectedExportAddsNothingToTheCatalog() throws Exception {
        Path a = csv("a.csv", "x\n1\n");
        assertThat(labexport("export", a.toString(), "--format", "csv", "--ttl-hours", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("ttl_hours must be a whole number from 1 to 168, got 0.");
        assertThat(labexport("files", "list", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString())).isEmpty();
    }

    @Test
    void queueCreatesThePendingJobAndReturnsAtOnceForResumeToRun() throws Exception {
        Path a = csv("plate-2024.csv", "x\n1\n");
        assertThat(labexport("export", a.toString(), "--format", "json", "--queue", "--json")).isZero();
        JsonNode queued = new ObjectMapper().readTree(out.toString());
        assertThat(queued.get("status").asText()).isEqualTo("pending");
        assertThat(queued.get("name").asText()).isEqualTo("plate-2024");

        assertThat(labexport("jobs", "resume", "--json")).as(err.toString()).isZero();
        JsonNode resumed = new ObjectMapper().readTree(out.toString());
        assertThat(resumed).hasSize(1);
        assertThat(resumed.get(0).get("id").asLong()).isEqualTo(queued.get("id").asLong());
        assertThat(resumed.get(0).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void cancelDeleteAndCleanupSayWhatTheyDidInJson() throws Exception {
        Path a = csv("a.csv", "x\n1\n");
        labexport("export", a.toString(), "--format", "csv", "--queue", "--json");
        long first = new ObjectMapper().readTree(out.toString()).get("id").asLong();
        labexport("export", a.toString(), "--format", "csv", "--queue", "--json");
        long second = new ObjectMapper().readTree(out.toString()).get("id").asLong();

        assertThat(labexport("jobs", "cancel", String.valueOf(first), "--json")).isZero();
        JsonNode cancelled = new ObjectMapper().readTree(out.toString());
        assertThat(cancelled.get("count").asInt()).isEqualTo(1);
        assertThat(cancelled.get("job_id").asLong()).isEqualTo(first);
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");

        // A pending job is cancelled, then deleted: the same rule as the window's Delete.
        assertThat(labexport("jobs", "delete", String.valueOf(second), "--json")).isZero();
        JsonNode deleted = new ObjectMapper().readTree(out.toString());
        assertThat(deleted.get("action").asText()).isEqualTo("deleted");
        assertThat(deleted.get("job_id").asLong()).isEqualTo(second);

        assertThat(labexport("cleanup", "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("count").asInt()).isZero();
        assertThat(labexport("jobs", "cancel", String.valueOf(first), "--json")).isEqualTo(1);
        assertThat(err.toString()).contains("already cancelled");
    }
}
