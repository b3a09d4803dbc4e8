package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.destination.RetryPolicy;
import org.labexport.destination.S3Config;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.testing.S3TestServer;

/** Exports delivered to a real in-process S3 server, its failure cases, and expiry of local and S3 outputs. */
class S3ExportTest {
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(2));
    static S3TestServer s3;

    @TempDir
    Path tmp;
    TestHome.MutableClock clock;
    AppServices services;
    PipelineFixture fx;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start();
        s3.createBucket("exports");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @BeforeEach
    void open() throws Exception {
        clock = new TestHome.MutableClock(Instant.now());
        services = TestHome.open(tmp.resolve("home"), clock);
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
    }

    @AfterEach
    void close() {
        services.close();
    }

    ExportRunner runner(String endpoint, String secret) {
        return new ExportRunner(services, RunnerOptions.defaults().withS3Retry(FAST).withEnvironment(Map.of(
                S3Config.ENV_ENDPOINT, endpoint, S3Config.ENV_ACCESS_KEY, S3TestServer.ACCESS_KEY,
                S3Config.ENV_SECRET_KEY, secret)));
    }

    ExportJob run(ExportRunner runner, ExportJob job) throws Exception {
        runner.submit(job.getId());
        return runner.completion(job.getId()).get(60, TimeUnit.SECONDS);
    }

    @Test
    void zipGoesToTheBucketAndItsPresignedUrlDownloadsTheExport() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 10);
        DataFile b = fx.aCsvFile("b.csv", 20);
        try (ExportRunner runner = runner(s3.endpoint(), S3TestServer.SECRET_KEY)) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.JSON, List.of(a, b)).compress(true)
                    .includeMetadata(true).destination("s3://exports/team/2026/")));

            assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
            assertThat(done.getOutputPath()).isEqualTo("s3://exports/team/2026/" + done.getJobKey() + ".zip");
            byte[] zip = httpGet(done.getDownloadUrl());
            assertThat((long) zip.length).isEqualTo(done.getOutputSize());
            Map<String, byte[]> entries = unzip(zip);
            assertThat(entries.keySet()).containsExactly("file_" + a.getId() + "_a.json", "file_" + b.getId()
                    + "_b.json", "export_metadata.json");
            JsonNode m = ManifestWriter.JSON.readTree(entries.get("export_metadata.json"));
            for (JsonNode o : m.get("outputs")) {
                assertThat(o.get("sha256").asText())
                        .isEqualTo(PipelineFixture.sha256(entries.get(o.get("name").asText())));
            }
            String fresh = runner.freshDownloadUrl(done);
            assertThat(httpGet(fresh)).isEqualTo(zip);
            assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
        }
    }

    @Test
    void aJobNamingAProfileUploadsWithThatProfileNotTheDefault() throws Exception {
        org.labexport.settings.Settings settings = services.settings();
        settings.setS3Profiles(List.of(
                new org.labexport.settings.S3Profile("broken", s3.endpoint(), S3TestServer.ACCESS_KEY, "wrong-secret",
                        null, "exports", ""),
                new org.labexport.settings.S3Profile("lab", s3.endpoint(), S3TestServer.ACCESS_KEY,
                        S3TestServer.SECRET_KEY, null, "exports", "")));
        settings.setDefaultS3Profile("broken");
        services.settingsStore().save(settings);
        DataFile a = fx.aCsvFile("a.csv", 10);
        try (ExportRunner runner = new ExportRunner(services, RunnerOptions.defaults().withS3Retry(FAST)
                .withEnvironment(Map.of()))) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).compress(true)
                    .destination("s3://lab@exports/team")));
            ExportJob missing = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).compress(true)
                    .destination("s3://nobody@exports/team")));

            assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
            assertThat(done.getOutputPath()).isEqualTo("s3://lab@exports/team/" + done.getJobKey() + ".zip");
            byte[] zip = httpGet(done.getDownloadUrl());
            assertThat((long) zip.length).isEqualTo(done.getOutputSize());
            assertThat(httpGet(runner.freshDownloadUrl(done))).isEqualTo(zip);
            assertThat(missing.getStatus()).isEqualTo(ExportStatus.FAILED);
            assertThat(missing.getErrorMessage()).contains("profile 'nobody' is not in the settings")
                    .contains("broken, lab");

            services.exports().deleteExportJob(done.getId());
            assertThat(keys("team/" + done.getJobKey())).isEmpty();
        }
    }

    @Test
    void jobsShowReSignsTheDownloadUrlFromTheSettingsProfile() throws Exception {
        org.labexport.settings.Settings settings = services.settings();
        settings.setS3Profiles(List.of(new org.labexport.settings.S3Profile("lab", s3.endpoint(),
                S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, null, "exports", "")));
        services.settingsStore().save(settings);
        DataFile a = fx.aCsvFile("a.csv", 10);
        ExportJob done;
        try (ExportRunner runner = new ExportRunner(services, RunnerOptions.defaults().withEnvironment(Map.of()))) {
            done = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).compress(true)
                    .destination("s3://exports/shown")));
        }
        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        byte[] original = httpGet(done.getDownloadUrl());
        services.exports().setDownloadUrl(done.getId(), "http://127.0.0.1:1/expired");

        java.io.StringWriter out = new java.io.StringWriter();
        int code = org.labexport.cli.LabExportCli.run(services.home(), new java.io.PrintWriter(out),
                new java.io.PrintWriter(new java.io.StringWriter()), "jobs", "show", done.getId().toString(), "--json");

        assertThat(code).isZero();
        String url = ManifestWriter.JSON.readTree(out.toString()).get("download_url").asText();
        assertThat(url).startsWith(s3.endpoint() + "/exports/shown/" + done.getJobKey() + ".zip?");
        assertThat(httpGet(url)).isEqualTo(original);
        assertThat(services.exports().getExportJob(done.getId()).orElseThrow().getDownloadUrl()).isEqualTo(url);
    }

    @Test
    void folderExportUploadsEachFileUnderTheJobKeyWithTheManifest() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 10);
        try (ExportRunner runner = runner(s3.endpoint(), S3TestServer.SECRET_KEY)) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).includeMetadata(true)
                    .destination("s3://exports/folders")));

            assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
            assertThat(done.getOutputPath()).isEqualTo("s3://exports/folders/" + done.getJobKey() + "/");
            assertThat(keys("folders/" + done.getJobKey() + "/")).containsExactly(
                    "folders/" + done.getJobKey() + "/export_metadata.json",
                    "folders/" + done.getJobKey() + "/file_" + a.getId() + "_a.csv",
                    "folders/" + done.getJobKey() + "/index.html");
            // One link to all of it: the download URL is a page of pre-signed links, each of which downloads its file.
            String index = new String(httpGet(done.getDownloadUrl()), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(index).contains(done.getJobKey()).contains(">file_" + a.getId() + "_a.csv</a>");
            List<String> hrefs = hrefs(index);
            assertThat(hrefs).hasSize(2);
            String csvLink = hrefs.stream().filter(h -> h.contains("_a.csv")).findFirst().orElseThrow();
            assertThat(new String(httpGet(csvLink))).startsWith("id,name,value,day");
        }
    }

    @Test
    void jobsShowListsAFreshLinkForEachFileOfAFolderExport() throws Exception {
        org.labexport.settings.Settings settings = services.settings();
        settings.setS3Profiles(List.of(new org.labexport.settings.S3Profile("lab", s3.endpoint(),
                S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY, null, "exports", "")));
        services.settingsStore().save(settings);
        DataFile a = fx.aCsvFile("a.csv", 10);
        try (ExportRunner runner = runner(s3.endpoint(), S3TestServer.SECRET_KEY)) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).includeMetadata(true)
                    .destination("s3://lab@exports/shown")));
            Map<String, String> links = Destinations.forServices(services).fileLinks(done);

            assertThat(links.keySet()).containsExactly("export_metadata.json", "file_" + a.getId() + "_a.csv");
            assertThat(new String(httpGet(links.get("file_" + a.getId() + "_a.csv")))).startsWith("id,name");
        }
    }

    @Test
    void aBagInTheBucketVerifiesAndAChangedObjectIsCaught() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 10);
        try (ExportRunner runner = runner(s3.endpoint(), S3TestServer.SECRET_KEY)) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.PARQUET, List.of(a))
                    .packageFormat(org.labexport.publish.PackageFormat.BAGIT).destination("s3://exports/bags")));
            assertThat(done.getStatus()).as(String.valueOf(done.getErrorMessage())).isEqualTo(ExportStatus.COMPLETED);
            String prefix = "bags/" + done.getJobKey() + "/";
            assertThat(keys(prefix)).contains(prefix + "bagit.txt", prefix + "tagmanifest-sha256.txt",
                    prefix + "data/ro-crate-metadata.json", prefix + "data/export_metadata.json",
                    prefix + "data/file_" + a.getId() + "_a.parquet", prefix + "index.html");
            Destinations destinations = new Destinations(services.home(), services::settings, Map.of(
                    S3Config.ENV_ENDPOINT, s3.endpoint(), S3Config.ENV_ACCESS_KEY, S3TestServer.ACCESS_KEY,
                    S3Config.ENV_SECRET_KEY, S3TestServer.SECRET_KEY), FAST);

            org.labexport.publish.VerifyReport ok = ExportVerification.verify(destinations, done.getOutputPath());
            assertThat(ok.problems()).isEmpty();
            assertThat(ok.kind()).isEqualTo("bagit");

            byte[] crate = s3.client().getObject(io.minio.GetObjectArgs.builder().bucket("exports")
                    .object(prefix + "data/ro-crate-metadata.json").build()).readAllBytes();
            crate[crate.length / 2] ^= 1;
            s3.client().putObject(io.minio.PutObjectArgs.builder().bucket("exports")
                    .object(prefix + "data/ro-crate-metadata.json")
                    .stream(new ByteArrayInputStream(crate), crate.length, -1).build());
            org.labexport.publish.VerifyReport bad = ExportVerification.verify(destinations, done.getOutputPath());
            assertThat(bad.valid()).isFalse();
            assertThat(bad.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo("changed");
                assertThat(p.file()).isEqualTo("data/ro-crate-metadata.json");
            });
        }
    }

    @Test
    void aZippedBagInTheBucketVerifies() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 10);
        try (ExportRunner runner = runner(s3.endpoint(), S3TestServer.SECRET_KEY)) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.JSON, List.of(a)).compress(true)
                    .packageFormat(org.labexport.publish.PackageFormat.BAGIT).destination("s3://exports/zipbags")));
            Destinations destinations = new Destinations(services.home(), services::settings, Map.of(
                    S3Config.ENV_ENDPOINT, s3.endpoint(), S3Config.ENV_ACCESS_KEY, S3TestServer.ACCESS_KEY,
                    S3Config.ENV_SECRET_KEY, S3TestServer.SECRET_KEY), FAST);

            org.labexport.publish.VerifyReport ok = ExportVerification.verify(destinations, done.getOutputPath());

            assertThat(done.getOutputPath()).endsWith(".zip");
            assertThat(ok.problems()).isEmpty();
            assertThat(ok.filesChecked()).isGreaterThanOrEqualTo(3);
        }
    }

    static List<String> hrefs(String html) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&").replace("&quot;", "\"").replace("&lt;", "<")
                    .replace("&gt;", ">"));
        }
        return out;
    }

    @Test
    void missingBucketFailsTheJobAndKeepsTheExportLocally() throws Exception {
        assertS3FailureKeepsLocalCopy(s3.endpoint(), S3TestServer.SECRET_KEY, "s3://no-such-bucket/x",
                "MinIO bucket 'no-such-bucket' does not exist");
    }

    @Test
    void wrongCredentialsFailTheJobAndKeepTheExportLocally() throws Exception {
        assertS3FailureKeepsLocalCopy(s3.endpoint(), "not-the-secret", "s3://exports/x", "rejected the credentials");
    }

    @Test
    void unreachableEndpointFailsTheJobAndKeepsTheExportLocally() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertS3FailureKeepsLocalCopy("http://127.0.0.1:" + port, S3TestServer.SECRET_KEY, "s3://exports/x",
                "is unreachable");
    }

    @Test
    void unconfiguredS3FailsBeforeConvertingAndSaysWhatToSet() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 5);
        try (ExportRunner runner = new ExportRunner(services, RunnerOptions.defaults().withEnvironment(Map.of()))) {
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a))
                    .destination("s3://exports/x")));

            assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
            assertThat(done.getErrorMessage()).contains("No MinIO/S3 endpoint is configured")
                    .contains(S3Config.ENV_ENDPOINT);
            assertThat(done.getProcessedFiles()).isZero();
            assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
        }
    }

    void assertS3FailureKeepsLocalCopy(String endpoint, String secret, String dest, String reason) throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 5);
        try (ExportRunner runner = runner(endpoint, secret)) {
            long start = System.nanoTime();
            ExportJob done = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).compress(true)
                    .destination(dest)));

            Path kept = services.home().defaultExports().resolve(done.getJobKey() + ".zip");
            assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
            assertThat(done.getErrorMessage()).contains(reason).contains("kept at " + kept);
            assertThat(kept).isRegularFile();
            assertThat(PipelineFixture.readZip(kept)).containsKey("file_" + a.getId() + "_a.csv");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            // The kept copy is the failed job's output, so deleting the job (or its expiry) does not leak it.
            assertThat(done.getOutputPath()).isEqualTo(kept.toString());
            services.exports().deleteExportJob(done.getId());
            assertThat(kept).doesNotExist();
        }
    }

    @Test
    void expiredJobsLoseTheirLocalAndS3Outputs() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 5);
        try (ExportRunner runner = runner(s3.endpoint(), S3TestServer.SECRET_KEY)) {
            ExportJob local = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).ttlHours(1)));
            ExportJob remote = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).ttlHours(1)
                    .compress(true).destination("s3://exports/expiring")));
            ExportJob kept = run(runner, fx.create(fx.request(ExportFormat.CSV, List.of(a)).ttlHours(5)));
            assertThat(Path.of(local.getOutputPath())).isDirectory();
            assertThat(keys("expiring/")).hasSize(1);

            clock.advance(Duration.ofHours(2));
            ExpiredJobCleaner cleaner = ExpiredJobCleaner.start(services.exports());
            try {
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        services.exports().getExportJob(remote.getId()).isEmpty()
                                && services.exports().getExportJob(local.getId()).isEmpty());
            } finally {
                cleaner.close();
            }

            assertThat(Path.of(local.getOutputPath())).doesNotExist();
            assertThat(keys("expiring/")).isEmpty();
            assertThat(services.exports().getExportJob(kept.getId())).isPresent();
            assertThat(Path.of(kept.getOutputPath())).isDirectory();
        }
    }

    static List<String> keys(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> r : s3.client().listObjects(ListObjectsArgs.builder().bucket("exports").prefix(prefix)
                .recursive(true).build())) {
            keys.add(r.get().objectName());
        }
        keys.sort(null);
        return keys;
    }

    static byte[] httpGet(String url) throws Exception {
        HttpResponse<byte[]> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(resp.statusCode()).isEqualTo(200);
        return resp.body();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }
}
