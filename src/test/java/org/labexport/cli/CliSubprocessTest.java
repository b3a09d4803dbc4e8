package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.labexport.job.NewExportJob;

/**
 * Two real processes on one database: this JVM holds it open (as the window would) while a CLI process reads and
 * changes it; the CLI runs with the production logging configuration so its stderr is what a user sees.
 */
class CliSubprocessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path home;
    private AppServices services;

    @BeforeEach
    void open() {
        home = dir.resolve("home");
        services = TestHome.open(home);
    }

    @AfterEach
    void close() {
        services.close();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result labexport(String... args) throws IOException, InterruptedException, URISyntaxException {
        return finish(start(args), args);
    }

    private Process start(String... args) throws IOException, URISyntaxException {
        return start(Map.of(), args);
    }

    private Process start(Map<String, String> env, String... args) throws IOException, URISyntaxException {
        return start(Path.of(getClass().getResource("/logback.xml").toURI()), env, args);
    }

    private Process start(Path logback, Map<String, String> env, String... args) throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(),
                "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), "org.labexport.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("LABEXPORT_HOME", home.toString());
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return pb.start();
    }

    private Result finish(Process p, String... args) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("labexport " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private ExportJob aJob() throws IOException {
        DataFile f = services.catalog().addFile(Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n"), Map.of(), null);
        return services.exports().createExportJob(NewExportJob.builder().name("Shared").format(ExportFormat.CSV)
                .fileIds(List.of(f.getId())).build());
    }

    @Test
    void aCliProcessReadsAndCancelsWhileThisProcessHoldsTheDatabaseOpen() throws Exception {
        ExportJob job = aJob();
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        services.exports().addListener(events::add);

        Result list = labexport("jobs", "list", "--json");
        assertThat(list.exitCode()).as(list.err()).isZero();
        JsonNode jobs = JSON.readTree(list.out());
        assertThat(jobs).hasSize(1);
        assertThat(jobs.get(0).get("job_key").asText()).isEqualTo(job.getJobKey());
        assertThat(list.err()).isEmpty();

        Result cancel = labexport("jobs", "cancel", String.valueOf(job.getId()));
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        assertThat(services.exports().isCancelRequested(job.getId())).isTrue();

        // The window polls; the change made by the other process arrives as a STATUS event.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            services.exports().pollExternalChanges();
            assertThat(events).anySatisfy(e -> {
                assertThat(e.type()).isEqualTo(JobEvent.Type.STATUS);
                assertThat(e.jobId()).isEqualTo(job.getId());
                assertThat(e.job().getStatus()).isEqualTo(ExportStatus.CANCELLED);
            });
        });
        // And this process can still write after the other one is gone.
        services.exports().deleteExportJob(job.getId());
        assertThat(services.exports().getExportJob(job.getId())).isEmpty();
    }

    @Test
    void bothProcessesWriteAtTheSameTime() throws Exception {
        List<String> args = new ArrayList<>(List.of("files", "add"));
        for (int i = 0; i < 25; i++) {
            args.add(Files.writeString(dir.resolve("cli-" + i + ".csv"), "n\n" + i + "\n").toString());
        }
        args.addAll(List.of("--dataset", "From the CLI", "--meta", "source=cli"));
        ExportJob first = aJob();
        Process cli = start(args.toArray(String[]::new));
        // Keep writing from this process for as long as the other one runs, so the writes overlap.
        int created = 0;
        while (cli.isAlive() || created < 3) {
            services.exports().createExportJob(NewExportJob.builder().name("Parallel " + created)
                    .format(ExportFormat.JSON).fileIds(first.getFileIds()).build());
            created++;
            Thread.sleep(20); // pacing only, so this loop does not starve the other process of CPU
        }
        Result r = finish(cli, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("Added as file"))).hasSize(25);

        assertThat(services.catalog().getDatasetByName("From the CLI").orElseThrow().getFileIds()).hasSize(25);
        assertThat(services.catalog().listFiles()).hasSize(26);
        assertThat(services.exports().listExportJobs(org.labexport.job.JobQuery.all())).hasSize(created + 1)
                .extracting(ExportJob::getJobKey).doesNotHaveDuplicates();
    }

    @Test
    void errorsInARealProcessAreOneLineOnStderrWithTheRightExitCode() throws Exception {
        Result bad = labexport("jobs", "show", "424242");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("Error: No export job with id or key '424242'.");
        assertThat(bad.out()).isEmpty();

        Result help = labexport("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: labexport");
        assertThat(help.err()).isEmpty();
        assertThat(home.resolve("logs/labexport.log")).exists();
        assertThat(Files.readString(home.resolve("logs/labexport.log"))).contains("424242");
    }

    @Test
    void anErrorLoggedBeforeLoggingIsConfiguredStillReachesTheLogFile() throws Exception {
        // The production configuration, made to take 1.5 s: the command fails well before logging is ready.
        String production = Files.readString(Path.of(getClass().getResource("/logback.xml").toURI()));
        Path slow = dir.resolve("slow-logback.xml");
        Files.writeString(slow, production.replaceFirst("<configuration>",
                "<configuration><define name=\"SLOW\" class=\"" + SlowLoggingSetup.class.getName() + "\"/>"));
        String[] args = {"jobs", "show", "737373"};
        Result r = finish(start(slow, Map.of(), args), args);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("Error: No export job with id or key '737373'.");
        assertThat(home.resolve("logs/labexport.log")).exists();
        assertThat(Files.readString(home.resolve("logs/labexport.log"))).contains("737373");
    }

    @Test
    void anEndpointWithCredentialsFromTheEnvironmentIsRefusedAndTheSecretIsNeitherPrintedNorLogged() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        String[] args = {"export", csv.toString(), "--format", "csv", "--dest", "s3://exports/x", "--json"};
        Process p = start(Map.of("LABEXPORT_S3_ENDPOINT", "http://AKIAEXAMPLE:EndpointSecret1@127.0.0.1:9",
                "LABEXPORT_S3_ACCESS_KEY", "lab", "LABEXPORT_S3_SECRET_KEY", "EnvSecretKey2"), args);
        Result r = finish(p, args);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("Error: The MinIO/S3 endpoint http://127.0.0.1:9 has a user name or"
                + " password written into it (before '@'): remove them from the URL and give the keys as the access"
                + " key and secret key instead.");
        String log = Files.readString(home.resolve("logs/labexport.log"));
        assertThat(log).contains("has a user name or password written into it");
        assertThat(log + r.err()).doesNotContain("EndpointSecret1").doesNotContain("EnvSecretKey2");
        assertThat(services.exports().listExportJobs(org.labexport.job.JobQuery.all())).isEmpty();
    }
}
