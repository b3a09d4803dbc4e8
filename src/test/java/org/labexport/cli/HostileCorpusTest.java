package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.labexport.base.AppHome;
import org.labexport.destination.S3Config;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;
import org.labexport.settings.SettingsStore;
import org.labexport.testing.S3TestServer;

/**
 * The hostile corpus ({@link HostileCorpus}) through the real command line: most cases in this JVM, a representative
 * set in separate processes with the production logging. Each case must end with the exit code the README promises,
 * a message on stderr naming the file, option or destination at fault, no stack trace or exception class name, no
 * secret, nothing half-written at the destination (no output at all for a failed job), an empty
 * {@code LABEXPORT_HOME/work}, and the job's final status in {@code jobs list --json} (no job for exit 2).
 */
class HostileCorpusTest {
    static final String LAB_PROFILE = "lab";
    static final String LEAKY_PROFILE = "leaky";
    static final String CLOSED_PROFILE = "closed";
    static final String URL_SECRET = "TopSecret42";
    static final String SECRET_KEY_IN_URL = "AKIAEXAMPLE:" + URL_SECRET;
    private static final String BUCKET = "exports";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a stack trace or a Java exception leaves in text meant for a person. */
    private static final List<String> TRACE_MARKS = List.of("\tat ", "Exception in thread", "Caused by", "java.lang.",
            "java.io.", "java.nio.", "java.util.", "org.apache.", "org.labexport.");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(Exception|Error)\\b");
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @TempDir
    static Path root;
    private static S3TestServer s3;
    private static int closedPort;

    @BeforeAll
    static void servers() throws Exception {
        s3 = S3TestServer.start();
        s3.createBucket(BUCKET);
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort(); // closed again at once: connections to it are refused
        }
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
    }

    static Map<String, String> leakyEnvironment() {
        return Map.of(S3Config.ENV_ENDPOINT, "http://" + SECRET_KEY_IN_URL + "@127.0.0.1:" + closedPort,
                S3Config.ENV_ACCESS_KEY, "lab", S3Config.ENV_SECRET_KEY, S3TestServer.SECRET_KEY);
    }

    static Map<String, String> closedEnvironment() {
        return Map.of(S3Config.ENV_ENDPOINT, "http://127.0.0.1:" + closedPort, S3Config.ENV_ACCESS_KEY, "lab",
                S3Config.ENV_SECRET_KEY, S3TestServer.SECRET_KEY);
    }

    /** Every case, or with {@code -Dcorpus.only=TEXT} those whose name contains TEXT (to rerun a few). */
    static Stream<HostileCase> corpus() {
        String only = System.getProperty("corpus.only", "");
        return HostileCorpus.cases().stream().filter(c -> c.toString().contains(only));
    }

    @Test
    void theCorpusIsLargeAndCoversProcessesAndEveryAwaitedCaseExists() {
        List<HostileCase> cases = HostileCorpus.cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(cases.stream().filter(HostileCase::subprocess)).hasSizeGreaterThanOrEqualTo(15);
        assertThat(cases.stream().map(HostileCase::toString)).doesNotHaveDuplicates();
        assertThat(cases.stream().map(HostileCase::toString).toList())
                .containsAll(HostileCorpus.AWAITING_CONVERTER_FIXES.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void hostileInputEndsCleanlyWithTheContractsOutcome(HostileCase c) throws Throwable {
        String awaiting = HostileCorpus.AWAITING_CONVERTER_FIXES.get(c.toString());
        assumeFalse(awaiting != null, () -> "Awaiting a converter fix: " + awaiting);
        Path dir = Files.createDirectories(root.resolve("case-" + SEQUENCE.incrementAndGet()));
        AppHome home = new AppHome(dir.resolve("home"));
        saveProfiles(home);
        HostileCase.Invocation inv = c.setup().make(new CaseFolder(dir));

        Outcome run = c.subprocess() ? inProcessOf(home, inv, dir) : inThisJvm(home, inv);

        String all = run.out() + run.err();
        String context = c + "\nexit " + run.exitCode() + "\nstdout: " + run.out() + "\nstderr: " + run.err();
        HostileCase.Expected expected = c.expected();
        assertThat(run.exitCode()).as(context).isEqualTo(expected.exitCode());
        expected.messageParts().forEach(part -> assertThat(run.err()).as(context).contains(part));
        if (expected.exitCode() == CliErrors.OK) {
            assertThat(run.err()).as(context).doesNotContain("Error:").doesNotContain("Problems:");
        }
        for (String mark : TRACE_MARKS) {
            assertThat(all).as(context).doesNotContain(mark);
        }
        assertThat(EXCEPTION_NAME.matcher(all).results().map(m -> m.group())).as(context).isEmpty();
        assertThat(all).as(context).doesNotContain(home.work().toString()).doesNotContain(".part");
        assertNoSecret(all, context);

        assertThat(leftovers(home.work())).as("LABEXPORT_HOME/work after " + c).isEmpty();
        List<JsonNode> jobs = jobs(home);
        if (!expected.jobCreated()) {
            assertThat(jobs).as("jobs after " + c).isEmpty();
            assertNothingAt(inv.localOutput(), c);
        } else {
            assertThat(jobs).as("jobs after " + c).hasSize(1);
            JsonNode job = jobs.get(0);
            assertThat(job.get("status").asText()).as(context + "\njob: " + job).isEqualTo(expected.status().wireName());
            if (expected.status() == org.labexport.job.ExportStatus.COMPLETED) {
                assertThat(job.get("failed_files").asInt() > 0).as("failed files of " + job)
                        .isEqualTo(expected.exitCode() != CliErrors.OK);
            }
            assertNoSecret(job.toString(), context);
            if (expected.exportedStems().isEmpty()) {
                assertNothingAt(inv.localOutput(), c);
            } else {
                Map<String, String> outputs = exportedFiles(job, inv);
                expected.outputTexts().forEach(text -> assertThat(String.join("\n", outputs.values()))
                        .as("exported files of " + c).contains(text));
                assertThat(outputs.keySet()).as("outputs of " + c)
                        .hasSameSizeAs(expected.exportedStems())
                        .allSatisfy(name -> assertThat(expected.exportedStems())
                                .anySatisfy(stem -> assertThat(name).contains("_" + stem + ".")));
            }
        }
        if (!String.join(" ", expected.messageParts()).contains("kept at")) {
            assertThat(leftovers(home.defaultExports())).as("LABEXPORT_HOME/exports after " + c).isEmpty();
        }
        assertThat(objects(BUCKET, "x/")).as("objects under s3://exports/x/ after " + c).isEmpty();
        Path log = home.logs().resolve("labexport.log");
        if (Files.exists(log)) {
            assertNoSecret(Files.readString(log), "the log of " + c);
        }
    }

    /** The outcome of one run of the command line. */
    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome inThisJvm(AppHome home, HostileCase.Invocation inv) throws Throwable {
        CliRun[] result = new CliRun[1];
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(120),
                () -> result[0] = CliRun.run(home, inv.args().toArray(String[]::new)),
                () -> "labexport " + String.join(" ", inv.args()) + " hung");
        return new Outcome(result[0].exitCode(), result[0].out(), result[0].err());
    }

    private static Outcome inProcessOf(AppHome home, HostileCase.Invocation inv, Path dir) throws Exception {
        Path userLogging = Path.of(HostileCorpusTest.class.getResource("/logback.xml").toURI());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                "-Dlogback.configurationFile=" + userLogging,
                "-cp", System.getProperty("java.class.path"), "org.labexport.Main"));
        cmd.addAll(inv.args());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("LABEXPORT_"));
        pb.environment().put("LABEXPORT_HOME", home.root().toString());
        pb.environment().putAll(inv.env());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("labexport " + String.join(" ", inv.args()) + " hung for 180 s");
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The S3 profiles the destination cases name: the test server, one with keys in its URL, a closed port. */
    private static void saveProfiles(AppHome home) throws IOException {
        Files.createDirectories(home.root());
        Settings settings = new Settings();
        settings.setS3Profiles(List.of(
                new S3Profile(LAB_PROFILE, s3.endpoint(), S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY,
                        "us-east-1", BUCKET, ""),
                new S3Profile(LEAKY_PROFILE, "http://" + SECRET_KEY_IN_URL + "@127.0.0.1:" + closedPort, "lab",
                        S3TestServer.SECRET_KEY, null, BUCKET, ""),
                new S3Profile(CLOSED_PROFILE, "http://127.0.0.1:" + closedPort, "lab", S3TestServer.SECRET_KEY,
                        null, BUCKET, "")));
        new SettingsStore(home).save(settings);
    }

    private static void assertNoSecret(String text, String context) {
        assertThat(text).as(context).doesNotContain(URL_SECRET).doesNotContain(S3TestServer.SECRET_KEY);
    }

    private static List<JsonNode> jobs(AppHome home) throws IOException {
        CliRun list = CliRun.run(home, "jobs", "list", "--json", "--limit", "0");
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<JsonNode> jobs = new ArrayList<>();
        JSON.readTree(list.out()).forEach(jobs::add);
        return jobs;
    }

    /** Every file or folder below a folder (empty when it does not exist). */
    private static List<Path> leftovers(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> !p.equals(folder)).toList();
        }
    }

    private static void assertNothingAt(Path localOutput, HostileCase c) throws IOException {
        if (localOutput != null) {
            assertThat(leftovers(localOutput)).as("destination of " + c).isEmpty();
        }
    }

    /**
     * The data files of a job's export (a folder, a ZIP, a bag in either, or S3 objects) by name, with their bytes
     * as text; there must be no temporary or partial file among them. Manifest and bag files are left out.
     */
    private static Map<String, String> exportedFiles(JsonNode job, HostileCase.Invocation inv) throws Exception {
        String outputPath = job.get("output_path").asText();
        Map<String, String> files = new java.util.TreeMap<>();
        if (outputPath.startsWith("s3://")) {
            String bucketAndKey = outputPath.substring("s3://".length());
            bucketAndKey = bucketAndKey.substring(bucketAndKey.indexOf('@') + 1);
            String bucket = bucketAndKey.substring(0, bucketAndKey.indexOf('/'));
            for (String name : objects(bucket, bucketAndKey.substring(bucket.length() + 1))) {
                files.put(name, "");
            }
        } else {
            Path output = Path.of(outputPath);
            assertThat(output.startsWith(inv.localOutput())).as(outputPath).isTrue();
            assertThat(leftovers(inv.localOutput())).as("partial files at " + inv.localOutput())
                    .noneMatch(p -> p.getFileName().toString().endsWith(".part")
                            || p.getFileName().toString().startsWith("."));
            if (outputPath.endsWith(".zip")) {
                try (ZipFile zip = new ZipFile(output.toFile())) {
                    Enumeration<? extends ZipEntry> entries = zip.entries();
                    while (entries.hasMoreElements()) {
                        ZipEntry e = entries.nextElement();
                        if (!e.isDirectory()) {
                            files.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(),
                                    StandardCharsets.UTF_8));
                        }
                    }
                }
            } else {
                for (Path p : leftovers(output)) {
                    if (Files.isRegularFile(p)) {
                        files.put(output.relativize(p).toString(), new String(Files.readAllBytes(p),
                                StandardCharsets.UTF_8));
                    }
                }
            }
        }
        assertThat(files.keySet()).as("files of " + outputPath).noneMatch(n -> n.endsWith(".part"));
        Map<String, String> data = new java.util.TreeMap<>();
        files.forEach((name, text) -> {
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (base.startsWith("file_")) {
                data.put(base, text);
            }
        });
        return data;
    }

    private static List<String> objects(String bucket, String prefix) {
        List<String> names = new ArrayList<>();
        for (Result<Item> r : s3.client().listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                .recursive(true).build())) {
            try {
                names.add(r.get().objectName());
            } catch (Exception e) {
                throw new IllegalStateException("Cannot list s3://" + bucket + "/" + prefix, e);
            }
        }
        return names;
    }
}
