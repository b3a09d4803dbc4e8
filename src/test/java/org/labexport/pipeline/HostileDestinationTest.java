package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.labexport.app.AppServices;
import org.labexport.TestHome;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.destination.RetryPolicy;
import org.labexport.destination.S3Config;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.settings.Settings;

/**
 * Destinations that fail: an S3 endpoint that accepts connections and never answers, an endpoint with credentials
 * written into its URL, a default folder that cannot take the export. The job ends with a reason a person can act
 * on, no secret in it, and the finished export kept in a local folder that it names.
 */
class HostileDestinationTest {
    @TempDir
    Path tmp;
    AppServices services;
    PipelineFixture fx;

    @BeforeEach
    void open() throws IOException {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
    }

    @AfterEach
    void close() {
        services.close();
    }

    private ExportJob run(RunnerOptions options, ExportJob job) throws Exception {
        try (ExportRunner runner = new ExportRunner(services, options)) {
            runner.submit(job.getId());
            return runner.completion(job.getId()).get(120, TimeUnit.SECONDS);
        }
    }

    /** A server on 127.0.0.1 that accepts every connection, reads nothing and never answers. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> held = new CopyOnWriteArrayList<>();
        final Thread acceptor = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    held.add(server.accept());
                }
            } catch (IOException e) {
                // closed: the test is over
            }
        }, "silent-s3");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws Exception {
            server.close();
            for (Socket s : held) {
                s.close();
            }
            acceptor.join(5_000);
        }
    }

    @Test
    void anS3EndpointThatNeverAnswersFailsTheJobInSecondsAndKeepsTheExportLocally() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 5);
        try (SilentServer silent = new SilentServer()) {
            RunnerOptions options = RunnerOptions.defaults().withS3Retry(RetryPolicy.DEFAULT).withEnvironment(Map.of(
                    S3Config.ENV_ENDPOINT, silent.endpoint(), S3Config.ENV_ACCESS_KEY, "lab",
                    S3Config.ENV_SECRET_KEY, "lab-secret-key"));
            long start = System.nanoTime();

            ExportJob done = run(options, fx.create(fx.request(ExportFormat.CSV, List.of(a)).compress(true)
                    .destination("s3://exports/x")));

            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Path kept = services.home().defaultExports().resolve(done.getJobKey() + ".zip");
            assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
            assertThat(done.getErrorMessage()).isEqualTo("MinIO endpoint " + silent.endpoint() + " is unreachable: it"
                    + " accepted the connection but did not answer in time. The finished export was kept at " + kept
                    + ".");
            assertThat(silent.held).hasSize(1);
            // The default budget is 5 s: one attempt that times out, no second one.
            assertThat(took).isLessThan(Duration.ofSeconds(15));
            assertThat(PipelineFixture.readZip(kept)).containsKey("file_" + a.getId() + "_a.csv");
            assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
        }
    }

    @Test
    void anEndpointWithCredentialsInItsUrlIsRefusedWithoutRepeatingThem() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 5);
        RunnerOptions options = RunnerOptions.defaults().withEnvironment(Map.of(
                S3Config.ENV_ENDPOINT, "http://AKIAEXAMPLE:TopSecret42@127.0.0.1:9",
                S3Config.ENV_ACCESS_KEY, "lab", S3Config.ENV_SECRET_KEY, "lab-secret-key"));

        ExportJob done = run(options, fx.create(fx.request(ExportFormat.CSV, List.of(a))
                .destination("s3://exports/x")));

        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getErrorMessage()).isEqualTo("The MinIO/S3 endpoint http://127.0.0.1:9 has a user name or"
                + " password written into it (before '@'): remove them from the URL and give the keys as the access"
                + " key and secret key instead.");
        assertThat(done.getProcessedFiles()).isZero();
        assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
        Path log = services.home().logs().resolve("labexport.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).doesNotContain("TopSecret42").doesNotContain("lab-secret-key");
        }
    }

    @Test
    void aDefaultFolderFromTheSettingsThatIsAFileKeepsTheExportInTheHomeExportsFolder() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("exports-here"), "a file where the folder should be");
        Settings settings = services.settings();
        settings.setDefaultDestination(notAFolder.toString());
        services.settingsStore().save(settings);
        DataFile a = fx.aCsvFile("a.csv", 5);

        ExportJob done = run(RunnerOptions.defaults(), fx.create(fx.request(ExportFormat.JSON, List.of(a))));

        Path kept = services.home().defaultExports().resolve(done.getJobKey());
        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getErrorMessage()).isEqualTo("The export folder " + notAFolder + " is a file, not a folder."
                + " The finished export was kept at " + kept + ".");
        assertThat(kept.resolve("file_" + a.getId() + "_a.json")).isRegularFile();
        assertThat(done.getOutputPath()).isEqualTo(kept.toString());
        assertThat(Files.readString(notAFolder)).isEqualTo("a file where the folder should be");
        try (var left = Files.list(services.home().defaultExports())) {
            assertThat(left.map(p -> p.getFileName().toString()).toList()).containsExactly(done.getJobKey());
        }
        assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
    }

    @Test
    void aDestinationFolderThatCannotBeCreatedKeepsTheExportInTheDefaultFolderInPlainWords() throws Exception {
        DataFile a = fx.aCsvFile("a.csv", 5);
        Path impossible = Path.of("/proc/labexport-cannot-be-here");

        ExportJob done = run(RunnerOptions.defaults(), fx.create(fx.request(ExportFormat.CSV, List.of(a))
                .compress(true).destination(impossible.toString())));

        Path kept = services.home().defaultExports().resolve(done.getJobKey() + ".zip");
        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getErrorMessage()).startsWith("The export folder " + impossible + " cannot be created: ")
                .endsWith(" The finished export was kept at " + kept + ".")
                .doesNotContain("Exception").doesNotContain(".part");
        assertThat(kept).isRegularFile();
        assertThat(impossible).doesNotExist();
    }
}
