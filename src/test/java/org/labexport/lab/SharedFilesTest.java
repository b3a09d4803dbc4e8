package org.labexport.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.app.AppServices;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.base.AppHome;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.destination.S3Config;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.RunnerOptions;
import org.labexport.settings.LabServer;
import org.labexport.testing.LabDatabase;
import org.labexport.testing.S3TestServer;

/**
 * Files in shared lab mode: a file uploaded to the lab bucket when added is read back from S3 by a worker that cannot
 * see its path; a job goes to the lab's output location by default; a destination the worker cannot reach fails the
 * job with that reason.
 */
class SharedFilesTest {
    private static S3TestServer s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start();
        s3.createBucket("lab");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    private Map<String, String> labEnvironment() throws Exception {
        Map<String, String> env = new HashMap<>(LabDatabase.environment(LabDatabase.freshDatabase()));
        env.put(S3Config.ENV_ENDPOINT, s3.endpoint());
        env.put(S3Config.ENV_ACCESS_KEY, S3TestServer.ACCESS_KEY);
        env.put(S3Config.ENV_SECRET_KEY, S3TestServer.SECRET_KEY);
        env.put(LabServer.ENV_FILES, "s3://lab/catalog");
        env.put(LabServer.ENV_OUTPUT, "s3://lab/exports");
        return env;
    }

    /** A small CSV written at {@code relative} under the test folder, its folders made. */
    private Path dataFile(String relative, String content) throws java.io.IOException {
        Path data = dir.resolve(relative);
        Files.createDirectories(data.getParent());
        return Files.writeString(data, content);
    }

    private static LabExportApp open(Path home, Map<String, String> env) {
        return LabExportApp.over(AppServices.open(new AppHome(home), Clock.systemUTC(), env),
                RunnerOptions.defaults().withEnvironment(env));
    }

    @Test
    void anUploadedFileIsReadFromTheLabBucketByAWorkerThatCannotSeeItsPath() throws Exception {
        Map<String, String> env = labEnvironment();
        Path data = dataFile("workstation-disk/assay.csv", "sample,od\nA1,0.25\nA2,0.5\n");
        ExportJob job;
        try (LabExportApp workstation = open(dir.resolve("ws"), env)) {
            DataFile added = workstation.addFile(data, Map.of(), null, true);
            assertThat(added.getStoredAt()).startsWith("s3://lab/catalog/" + added.getSha256() + "/assay.csv");
            job = workstation.queueExport(ExportRequest.of(NewExportJob.builder().name("assay")
                    .format(ExportFormat.JSON).fileIds(List.of(added.getId())).build()));
            assertThat(job.getDestination()).isEqualTo("s3://lab/exports");
        }
        Files.delete(data); // the worker's machine does not have the workstation's disk

        try (LabExportApp worker = open(dir.resolve("worker"), env)) {
            worker.worker(1, true, line -> { }).run();
            ExportJob done = worker.job(job.getId());
            assertThat(done.getStatus()).as(done.getErrorMessage()).isEqualTo(ExportStatus.COMPLETED);
            assertThat(done.getProcessedFiles()).isEqualTo(1);
            assertThat(done.getOutputPath()).startsWith("s3://lab/exports/" + job.getJobKey());
        }
    }

    @Test
    void filesOfARequestThatAsksForUploadAreUploadedAsTheyAreAdded() throws Exception {
        Map<String, String> env = labEnvironment();
        Path data = dataFile("ws-disk/growth.csv", "strain,od\nS1,0.3\n");
        ExportJob job;
        try (LabExportApp workstation = open(dir.resolve("ws2"), env)) {
            // What the dialog's "Upload the files to the lab bucket" and export --upload send.
            job = workstation.queueExport(ExportRequest.of(List.of(data), NewExportJob.builder().name("growth")
                    .format(ExportFormat.CSV).build()).withUpload(true));
            DataFile added = workstation.file(job.getFileIds().get(0)).orElseThrow();
            assertThat(added.getStoredAt()).startsWith("s3://lab/catalog/" + added.getSha256() + "/growth.csv");
        }
        Files.delete(data);
        try (LabExportApp worker = open(dir.resolve("worker2"), env)) {
            worker.worker(1, true, line -> { }).run();
            assertThat(worker.job(job.getId()).getStatus()).isEqualTo(ExportStatus.COMPLETED);
        }
    }

    @Test
    void aDestinationTheWorkerCannotReachFailsTheJobWithThatReason() throws Exception {
        Map<String, String> env = labEnvironment();
        Path data = dataFile("shared/plate.csv", "well,value\nA1,1\n");
        // The workstation can write there when it queues the job (it checks that first); by the time the worker
        // runs it, the folder is a file: no machine can deliver into it.
        Path notAFolder = Files.createDirectories(dir.resolve("shared/exports"));
        ExportJob job;
        try (LabExportApp workstation = open(dir.resolve("ws"), env)) {
            job = workstation.queueExport(ExportRequest.of(List.of(data), NewExportJob.builder().name("plate")
                    .format(ExportFormat.CSV).destination(notAFolder.toString()).build()));
        }
        Files.delete(notAFolder);
        Files.writeString(notAFolder, "a file where the folder was");
        try (LabExportApp worker = open(dir.resolve("worker"), env)) {
            worker.worker(1, true, line -> { }).run();
            ExportJob done = worker.job(job.getId());
            assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
            assertThat(done.getErrorMessage()).contains(notAFolder.toString());
        }
    }
}
