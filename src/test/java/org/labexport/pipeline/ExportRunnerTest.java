package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobEvent;

class ExportRunnerTest {
    @TempDir
    Path tmp;
    AppServices services;
    PipelineFixture fx;
    ExportRunner runner;

    @BeforeEach
    void open() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
        runner = new ExportRunner(services);
    }

    @AfterEach
    void close() {
        runner.close();
        services.close();
    }

    ExportJob run(ExportJob job) throws Exception {
        runner.submit(job.getId());
        return runner.completion(job.getId()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void zipExportHoldsTheOriginalsAndAManifestWithChecksumsAndLineage() throws Exception {
        DataFile a = fx.aCsvFile("degs.csv", 20);
        DataFile b = fx.aCsvFile("counts table.csv", 5);
        DataFile c = fx.aCsvFile("CON.csv", 1);
        long ds = services.catalog().createDataset("RNA-seq run 7", "three tables").getId();
        services.catalog().addToDataset(ds, List.of(a.getId(), b.getId(), c.getId()));
        ExportJob job = fx.create(fx.request(ExportFormat.ZIP, List.of()).datasetIds(List.of(ds))
                .includeMetadata(true).includeLineage(true));

        ExportJob done = run(job);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getProcessedFiles()).isEqualTo(3);
        assertThat(done.getFailedFiles()).isZero();
        Path out = tmp.resolve("home/exports/" + job.getJobKey() + ".zip");
        assertThat(done.getOutputPath()).isEqualTo(out.toString());
        assertThat(done.getOutputSize()).isEqualTo(Files.size(out));
        assertThat(done.getDownloadUrl()).isEqualTo(out.toUri().toString());
        Map<String, byte[]> zip = PipelineFixture.readZip(out);
        String na = "file_" + a.getId() + "_degs.csv";
        String nb = "file_" + b.getId() + "_counts_table.csv";
        String nc = "file_" + c.getId() + "_CON.csv";
        assertThat(zip.keySet()).containsExactly(na, nb, nc, "export_metadata.json");
        assertThat(zip.get(na)).isEqualTo(Files.readAllBytes(Path.of(a.getPath())));

        JsonNode m = ManifestWriter.JSON.readTree(zip.get("export_metadata.json"));
        assertThat(m.at("/export_info/job_key").asText()).isEqualTo(job.getJobKey());
        assertThat(m.at("/export_info/format").asText()).isEqualTo("zip");
        assertThat(m.at("/export_info/labexport_version").asText()).isNotBlank();
        assertThat(m.at("/export_info/created_at").asText()).endsWith("Z");
        assertThat(m.at("/files/0/id").asLong()).isEqualTo(a.getId());
        assertThat(m.at("/files/0/sha256").asText()).isEqualTo(a.getSha256());
        assertThat(m.at("/files/0/original_path").asText()).isEqualTo(a.getPath());
        assertThat(m.at("/files/0/metadata/instrument").asText()).startsWith("reader-");
        assertThat(m.at("/outputs")).hasSize(3);
        for (JsonNode o : m.get("outputs")) {
            byte[] bytes = zip.get(o.get("name").asText());
            assertThat(o.get("sha256").asText()).isEqualTo(PipelineFixture.sha256(bytes));
            assertThat(o.get("size").asLong()).isEqualTo(bytes.length);
        }
        assertThat(m.at("/processing_steps/0/tool").asText()).startsWith("LabExport ");
        assertThat(m.at("/processing_steps/0/from_format").asText()).isEqualTo("csv");
        assertThat(m.at("/processing_steps/0/to_format").asText()).isEqualTo("zip");
        assertThat(m.at("/lineage/source_datasets/0/name").asText()).isEqualTo("RNA-seq run 7");
        assertThat(m.at("/lineage/pipeline_runs/0/run_id").asText()).isEqualTo(job.getJobKey());
        assertThat(m.at("/lineage/processing_steps")).hasSize(3);
        assertThat(tmp.resolve("home/work/" + job.getJobKey())).doesNotExist();
    }

    @Test
    void zipExportWithoutMetadataHasNoManifest() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 3);
        ExportJob done = run(fx.create(fx.request(ExportFormat.ZIP, List.of(a)).includeMetadata(false)));

        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(PipelineFixture.readZip(Path.of(done.getOutputPath())).keySet())
                .containsExactly("file_" + a.getId() + "_a.csv");
    }

    @Test
    void progressRisesMonotonicallyByBytesTo100() throws Exception {
        DataFile small = fx.aCsvFile("small.csv", 10);
        DataFile big = fx.aLargeCsv("big.csv", 24);
        ExportJob job = fx.create(fx.request(ExportFormat.ZIP, List.of(small, big)));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        services.exports().addListener(e -> {
            if (e.jobId() == job.getId() && e.job() != null && e.type() == JobEvent.Type.PROGRESS) {
                seen.add(e.job().getProgress());
            }
        });

        ExportJob done = run(job);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getProgress()).isEqualTo(100);
        assertThat(seen).isSorted();
        assertThat(seen).last().isEqualTo(100);
        assertThat(seen.stream().filter(p -> p > 0 && p < 100).distinct().count())
                .as("intermediate byte-based steps, not only per file").isGreaterThan(3);
    }

    @Test
    void oneChangedAndOneMissingFileFailAloneAndTheRestIsExported() throws Exception {
        DataFile good = fx.aCsvFile("good.csv", 4);
        DataFile changed = fx.aCsvFile("changed.csv", 4);
        DataFile gone = fx.aCsvFile("gone.csv", 4);
        byte[] bytes = Files.readAllBytes(Path.of(changed.getPath()));
        bytes[bytes.length - 2] = (byte) (bytes[bytes.length - 2] == '1' ? '2' : '1');
        Files.write(Path.of(changed.getPath()), bytes);
        Files.delete(Path.of(gone.getPath()));

        ExportJob done = run(fx.create(fx.request(ExportFormat.ZIP, List.of(good, changed, gone))
                .includeMetadata(true)));

        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getProcessedFiles()).isEqualTo(1);
        assertThat(done.getFailedFiles()).isEqualTo(2);
        assertThat(done.getFailedFileIds()).containsExactlyInAnyOrder(changed.getId(), gone.getId());
        assertThat(done.getErrorMessage()).contains("changed.csv (id " + changed.getId() + "): changed since it was added")
                .contains("gone.csv (id " + gone.getId() + "): no longer exists");
        Map<String, byte[]> zip = PipelineFixture.readZip(Path.of(done.getOutputPath()));
        assertThat(zip.keySet()).containsExactly("file_" + good.getId() + "_good.csv", "export_metadata.json");
        JsonNode m = ManifestWriter.JSON.readTree(zip.get("export_metadata.json"));
        assertThat(m.at("/failed_files")).hasSize(2);
    }

    @Test
    void jobWithNoExportableFileFailsWithTheReasons() throws Exception {
        DataFile gone = fx.aCsvFile("lost.csv", 2);
        Files.delete(Path.of(gone.getPath()));

        ExportJob done = run(fx.create(fx.request(ExportFormat.ZIP, List.of(gone))));

        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getErrorMessage()).contains("lost.csv").contains("no longer exists");
        assertThat(tmp.resolve("home/exports/" + done.getJobKey() + ".zip")).doesNotExist();
    }

    @Test
    void exportGoesToTheJobsDestinationFolder() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 2);
        Path dest = tmp.resolve("shared/exports");

        ExportJob done = run(fx.create(fx.request(ExportFormat.ZIP, List.of(a)).destination(dest.toString())));

        assertThat(Path.of(done.getOutputPath())).isEqualTo(dest.resolve(done.getJobKey() + ".zip"));
        assertThat(Path.of(done.getOutputPath())).isRegularFile();
        assertThat(runner.freshDownloadUrl(done)).isEqualTo(Path.of(done.getOutputPath()).toUri().toString());
    }

    @Test
    void severalJobsRunAndAllFinish() throws Exception {
        runner.setMaxConcurrentJobs(3);
        List<ExportJob> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            jobs.add(fx.create(fx.request(ExportFormat.ZIP, List.of(fx.aCsvFile("f" + i + ".csv", 50)))));
        }
        jobs.forEach(j -> runner.submit(j.getId()));
        for (ExportJob j : jobs) {
            assertThat(runner.completion(j.getId()).get(60, TimeUnit.SECONDS).getStatus())
                    .isEqualTo(ExportStatus.COMPLETED);
        }
        assertThat(Duration.ZERO).isNotNull();
    }

    @Test
    void oneJobAtATimeWhenTheLimitIsOne() throws Exception {
        runner.setMaxConcurrentJobs(1);
        java.util.Set<Long> processing = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger most = new java.util.concurrent.atomic.AtomicInteger();
        services.exports().addListener(e -> {
            if (e.type() == JobEvent.Type.STATUS && e.job() != null) {
                if (e.job().getStatus() == ExportStatus.PROCESSING) {
                    processing.add(e.jobId());
                    most.accumulateAndGet(processing.size(), Math::max);
                } else {
                    processing.remove(e.jobId());
                }
            }
        });
        List<ExportJob> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jobs.add(fx.create(fx.request(ExportFormat.CSV, List.of(fx.aCsvFile("q" + i + ".csv", 2000)))));
        }
        jobs.forEach(j -> runner.submit(j.getId()));
        for (ExportJob j : jobs) {
            assertThat(runner.completion(j.getId()).get(60, TimeUnit.SECONDS).getStatus())
                    .isEqualTo(ExportStatus.COMPLETED);
        }
        assertThat(most.get()).isEqualTo(1);
    }

    @Test
    void resumeQueuesPendingJobsButLeavesJobsOwnedByALiveRunner() throws Exception {
        ExportJob pending = fx.create(fx.request(ExportFormat.CSV, List.of(fx.aCsvFile("p.csv", 5))));
        ExportJob owned = fx.create(fx.request(ExportFormat.CSV, List.of(fx.aCsvFile("o.csv", 5))));
        services.exports().markProcessing(owned.getId());
        Path ownedDir = services.home().work().resolve(owned.getJobKey());
        try (JobLock liveOwner = JobLock.tryAcquire(ownedDir).orElseThrow()) {
            assertThat(liveOwner.file()).exists();
            assertThat(runner.resumeInterrupted()).isEqualTo(1);
            assertThat(runner.completion(pending.getId()).get(60, TimeUnit.SECONDS).getStatus())
                    .isEqualTo(ExportStatus.COMPLETED);
            assertThat(services.exports().getExportJob(owned.getId()).orElseThrow().getStatus())
                    .isEqualTo(ExportStatus.PROCESSING);
        }
        assertThat(runner.resumeInterrupted()).isEqualTo(1);
        assertThat(runner.completion(owned.getId()).get(60, TimeUnit.SECONDS).getStatus())
                .isEqualTo(ExportStatus.COMPLETED);
        assertThat(ownedDir).doesNotExist();
    }
}
