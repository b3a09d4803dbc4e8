package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobQuery;

/** Jobs interrupted mid-export are resumed, and files finished before the interruption are not converted again. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void closedRunnerLeavesTheJobForResumeWhichReusesFinishedFiles() throws Exception {
        try (AppServices services = TestHome.open(tmp.resolve("home"))) {
            PipelineFixture fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
            DataFile s1 = fx.aCsvFile("s1.csv", 10);
            DataFile s2 = fx.aCsvFile("s2.csv", 10);
            DataFile big = fx.aLargeCsv("big.csv", 80);
            ExportJob job = fx.create(fx.request(ExportFormat.JSON, List.of(s1, s2, big)).includeMetadata(true));
            Path work = services.home().work().resolve(job.getJobKey());

            ExportRunner first = new ExportRunner(services);
            first.submit(job.getId());
            await().atMost(Duration.ofSeconds(60)).until(() -> ledgerSize(work) == 2);
            first.close();
            Instant interrupted = Instant.now();

            assertThat(services.exports().getExportJob(job.getId()).orElseThrow().getStatus())
                    .isEqualTo(ExportStatus.PROCESSING);
            assertThat(work.resolve(ProgressLedger.FILE_NAME)).isRegularFile();

            try (ExportRunner second = new ExportRunner(services)) {
                assertThat(second.resumeInterrupted()).isEqualTo(1);
                ExportJob done = second.completion(job.getId()).get(120, TimeUnit.SECONDS);
                assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage()))
                        .isEqualTo(ExportStatus.COMPLETED);
                assertStepsReused(Path.of(done.getOutputPath()).resolve("export_metadata.json"), interrupted,
                        List.of(s1.getId(), s2.getId()), big.getId());
            }
            assertThat(work).doesNotExist();
        }
    }

    @Test
    void exportKilledWithSigkillIsResumedWithoutConvertingFinishedFilesAgain() throws Exception {
        Path home = tmp.resolve("home");
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path s1 = Files.writeString(data.resolve("s1.csv"), "a,b\n1,x\n2,y\n");
        Path s2 = Files.writeString(data.resolve("s2.csv"), "a,b\n3,z\n");
        Path big;
        try (AppServices services = TestHome.open(home)) {
            big = Path.of(new PipelineFixture(services, data).aLargeCsv("big.csv", 60).getPath());
        }

        Process export = Subprocesses.labexport(home, "export", s1.toString(), s2.toString(), big.toString(),
                "--format", "json", "--metadata", "--compress");
        Path work = home.resolve("work");
        try {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() ->
                    !export.isAlive() || jobDirs(work).stream().anyMatch(d -> ledgerSize(d) == 2));
            assertThat(export.isAlive()).as("export still running when killed").isTrue();
        } finally {
            export.destroyForcibly();
            export.waitFor(30, TimeUnit.SECONDS);
        }
        Instant killed = Instant.now();

        try (AppServices services = TestHome.open(home)) {
            ExportJob job = services.exports().listExportJobs(JobQuery.all()).get(0);
            assertThat(job.getStatus()).isEqualTo(ExportStatus.PROCESSING);
            Map<String, Long> ids = new HashMap<>();
            services.catalog().listFiles().forEach(f -> ids.put(f.getFileName(), f.getId()));
            try (ExportRunner runner = new ExportRunner(services)) {
                assertThat(runner.resumeInterrupted()).isEqualTo(1);
                ExportJob done = runner.completion(job.getId()).get(120, TimeUnit.SECONDS);

                assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage()))
                        .isEqualTo(ExportStatus.COMPLETED);
                assertThat(done.getProcessedFiles()).isEqualTo(3);
                Path zip = Path.of(done.getOutputPath());
                Path manifest = tmp.resolve("manifest.json");
                Files.write(manifest, PipelineFixture.readZip(zip).get("export_metadata.json"));
                assertStepsReused(manifest, killed, List.of(ids.get("s1.csv"), ids.get("s2.csv")),
                        ids.get("big.csv"));
            }
            assertThat(work.resolve(job.getJobKey())).doesNotExist();
        }
    }

    /** Steps of reused files finished before the interruption; the unfinished file was converted after it. */
    static void assertStepsReused(Path manifestFile, Instant interruptedAt, List<Long> reused, long converted)
            throws Exception {
        JsonNode m = ManifestWriter.JSON.readTree(manifestFile.toFile());
        assertThat(m.get("processing_steps")).hasSize(3);
        for (JsonNode step : m.get("processing_steps")) {
            Instant started = Instant.parse(step.get("started_at").asText());
            Instant finished = Instant.parse(step.get("finished_at").asText());
            long fileId = step.get("file_id").asLong();
            if (reused.contains(fileId)) {
                assertThat(finished).as("file %d reused from before the interruption", fileId)
                        .isBefore(interruptedAt);
            } else {
                assertThat(fileId).isEqualTo(converted);
                assertThat(started).isAfter(interruptedAt);
            }
        }
    }

    static List<Path> jobDirs(Path work) throws Exception {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(work)) {
            return s.filter(Files::isDirectory).toList();
        }
    }

    static int ledgerSize(Path jobDir) {
        Path f = jobDir.resolve(ProgressLedger.FILE_NAME);
        try {
            return Files.exists(f) ? ManifestWriter.JSON.readTree(f.toFile()).size() : 0;
        } catch (Exception e) {
            return 0; // being replaced right now; read again on the next poll
        }
    }
}
