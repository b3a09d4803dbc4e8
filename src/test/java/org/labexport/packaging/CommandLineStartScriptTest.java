package org.labexport.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux command line's start script ({@code packaging/linux/labexport}, docs/decisions/0143) run for real with
 * bash over an application image laid out as jpackage lays it out: its configuration file read as jpackage's
 * launcher reads it, {@code $APPDIR} put in, and the program's arguments and exit code passed through unchanged.
 */
class CommandLineStartScriptTest {
    @TempDir
    Path tmp;
    private Path image;

    @BeforeEach
    void image() throws IOException {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/bin/bash")),
                "the start script is Linux's");
        // A folder name with a space and an "&", as users make them (bash 5.2 reads an unquoted "&" in a pattern
        // replacement as the matched text).
        image = tmp.resolve("R&D Apps").resolve("LabExport");
        Path bin = Files.createDirectories(image.resolve("bin"));
        Files.copy(Path.of("packaging/linux/labexport"), bin.resolve("labexport"));
        Files.setPosixFilePermissions(bin.resolve("labexport"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runtimeBin = Files.createDirectories(image.resolve("lib/runtime/bin"));
        Files.createSymbolicLink(runtimeBin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
        Path app = Files.createDirectories(image.resolve("lib/app"));
        Files.writeString(app.resolve("LabExport.cfg"), String.join("\n",
                "[Application]",
                "app.classpath=$APPDIR/first.jar",
                "app.classpath=" + Path.of("target/test-classes").toAbsolutePath(),
                "app.mainclass=" + PrintStartup.class.getName(),
                "",
                "[JavaOptions]",
                "java-options=-Dlabexport.test.appdir=$APPDIR",
                "java-options=-Dlabexport.test.spaced=two words",
                "java-options=-Xshare:auto"), StandardCharsets.UTF_8); // no newline at the end: the last line counts
    }

    private record Run(int exit, List<String> out, String err) {
    }

    private static Run run(Path script, String... args) throws Exception {
        return run(Map.of(), script, args);
    }

    private static Run run(Map<String, String> env, Path script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String name : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            pb.environment().remove(name);
        }
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out.lines().toList(), err);
    }

    @Test
    void startsTheConfiguredMainClassWithTheLaunchersOptionsAndClassPath() throws Exception {
        Path app = image.resolve("lib/app").toRealPath();
        Run r = run(image.resolve("bin/labexport"), "export", "my file.csv", "--format", "");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).containsExactly(
                "appdir=" + app,
                "spaced=two words",
                "app-path=" + image.resolve("bin/labexport").toRealPath(),
                "classpath=" + app.resolve("first.jar") + ":" + Path.of("target/test-classes").toAbsolutePath(),
                "arg=export", "arg=my file.csv", "arg=--format", "arg=",
                "collector-options=-XX:+UseSerialGC", "collectors=Copy,MarkSweepCompact", "tiers=1");
    }

    @Test
    void theWindowKeepsTheJvmsDefaultCollector() throws Exception {
        // No arguments, or only existing files (a file manager's "Open with"), open the window (Main).
        Path csv = Files.writeString(tmp.resolve("my data.csv"), "a\n1\n");
        for (String[] args : List.of(new String[0], new String[] {csv.toString()})) {
            Run r = run(image.resolve("bin/labexport"), args);

            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).contains("collector-options=");
        }
        // A path that is not a file, or an option, among them is a command.
        for (String[] args : List.of(new String[] {csv.toString(), "--format"}, new String[] {"no such.csv"})) {
            assertThat(run(image.resolve("bin/labexport"), args).out()).as(String.join(" ", args))
                    .contains("collectors=Copy,MarkSweepCompact");
        }
    }

    @Test
    void aCollectorChosenInTheEnvironmentIsTheOneUsed() throws Exception {
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            Run r = run(Map.of(variable, "-Xmx64m -XX:+UseParallelGC"), image.resolve("bin/labexport"), "export");

            // Two collectors would make the JVM refuse to start.
            assertThat(r.exit()).as(variable + ": " + r.err()).isZero();
            assertThat(r.out()).as(variable).contains("collectors=PS MarkSweep,PS Scavenge");
        }
    }

    @Test
    void aCollectorChosenInTheConfigurationIsTheOneUsed() throws Exception {
        Path cfg = image.resolve("lib/app/LabExport.cfg");
        Files.writeString(cfg, Files.readString(cfg) + "\njava-options=-XX:+UseParallelGC\n");

        Run r = run(image.resolve("bin/labexport"), "export");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("collector-options=-XX:+UseParallelGC", "collectors=PS MarkSweep,PS Scavenge");
    }

    @Test
    void shortCommandsCompileWithTheFirstTierAlone() throws Exception {
        Path small = Files.writeString(tmp.resolve("small data.csv"), "a\n1\n");
        Path almost = tmp.resolve("almost.csv");
        try (RandomAccessFile f = new RandomAccessFile(almost.toFile(), "rw")) {
            f.setLength((16L << 20) - small.toFile().length()); // with small.csv, exactly the 16 MiB limit
        }
        Path dest = Files.createDirectories(tmp.resolve("out"));
        List<List<String>> shortOnes = List.of(
                List.of("--version"), List.of("--help"), List.of("help", "export"), List.of("stats"),
                List.of("cleanup"), List.of("jobs", "list"), List.of("jobs", "show", "3"), List.of("jobs", "cancel", "3"),
                List.of("jobs", "delete", "3"), List.of("datasets", "list"), List.of("files", "list"),
                List.of("files", "add", small.toString()),
                List.of("export", small.toString(), almost.toString(), "--format", "csv", "--dest", dest.toString()),
                List.of("export", "--format", "csv")); // no files: the program says what is missing
        for (List<String> args : shortOnes) {
            assertThat(run(image.resolve("bin/labexport"), args.toArray(String[]::new)).out()).as(args.toString())
                    .contains("tiers=1", "collectors=Copy,MarkSweepCompact");
        }
    }

    @Test
    void longOrUnmeasuredCommandsKeepBothTiers() throws Exception {
        Path small = Files.writeString(tmp.resolve("small.csv"), "a\n1\n");
        Path large = tmp.resolve("large.csv");
        try (RandomAccessFile f = new RandomAccessFile(large.toFile(), "rw")) {
            f.setLength((16L << 20) + 1); // sparse: the size is what counts
        }
        Path linked = Files.createSymbolicLink(tmp.resolve("linked.csv"), large);
        List<List<String>> longOnes = List.of(
                List.of("export", large.toString(), "--format", "parquet"),
                List.of("export", linked.toString(), "--format", "parquet"), // the file's size, not the link's
                List.of("export", small.toString(), small.toString(), large.toString(), "--format", "csv"),
                List.of("files", "add", large.toString()),
                List.of("export", small.toString(), "--dataset", "7", "--format", "csv"),
                List.of("export", "--file-id=7", "--format", "csv"),
                List.of("jobs", "resume"), List.of("worker"), List.of("verify", tmp.toString()), List.of("jobs"),
                List.of("no-such-command"));
        for (List<String> args : longOnes) {
            assertThat(run(image.resolve("bin/labexport"), args.toArray(String[]::new)).out()).as(args.toString())
                    .contains("tiers=4", "collectors=Copy,MarkSweepCompact");
        }
        // The window, too: it runs for hours.
        assertThat(run(image.resolve("bin/labexport")).out()).contains("tiers=4");
        assertThat(run(image.resolve("bin/labexport"), small.toString()).out()).contains("tiers=4");
    }

    @Test
    void tiersChosenInTheEnvironmentOrConfigurationAreTheOnesUsed() throws Exception {
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            Run r = run(Map.of(variable, "-XX:TieredStopAtLevel=3"), image.resolve("bin/labexport"), "jobs", "list");

            assertThat(r.exit()).as(variable + ": " + r.err()).isZero();
            assertThat(r.out()).as(variable).contains("tiers=3");
        }
        // Without tiered compilation the JVM reports the highest tier as it is; the script adds none.
        Run off = run(Map.of("JDK_JAVA_OPTIONS", "-XX:-TieredCompilation"), image.resolve("bin/labexport"), "stats");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).contains("tiers=4");
        Path cfg = image.resolve("lib/app/LabExport.cfg");
        Files.writeString(cfg, Files.readString(cfg) + "\njava-options=-XX:TieredStopAtLevel=2\n");
        assertThat(run(image.resolve("bin/labexport"), "stats").out()).contains("tiers=2");
    }

    @Test
    void worksThroughASymbolicLinkAsUsrBinLabexportIs() throws Exception {
        Path link = Files.createSymbolicLink(tmp.resolve("labexport"), image.resolve("bin/labexport"));

        Run r = run(link, "--version");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("appdir=" + image.resolve("lib/app").toRealPath(), "arg=--version");
    }

    @Test
    void aConfigurationWithWindowsLineEndsReadsTheSame() throws Exception {
        Path cfg = image.resolve("lib/app/LabExport.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("\n", "\r\n"));

        Run r = run(image.resolve("bin/labexport"), "x");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("spaced=two words", "arg=x");
    }

    @Test
    void theProgramsExitCodeIsTheCommandsExitCode() throws Exception {
        assertThat(run(image.resolve("bin/labexport"), "exit-3").exit()).isEqualTo(3);
    }

    @Test
    void aMissingConfigurationSaysWhichFileAndFails() throws Exception {
        Files.delete(image.resolve("lib/app/LabExport.cfg"));

        Run r = run(image.resolve("bin/labexport"), "--version");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("labexport: cannot read ").contains("lib/app/LabExport.cfg");
    }

    @Test
    void aConfigurationWithoutMainClassIsRefusedWithoutStartingJava() throws Exception {
        Files.writeString(image.resolve("lib/app/LabExport.cfg"), "[Application]\napp.classpath=$APPDIR/a.jar\n");

        Run r = run(image.resolve("bin/labexport"));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("names no main class or class path");
    }
}
