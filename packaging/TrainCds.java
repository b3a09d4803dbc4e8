import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Packaging step (docs/decisions/0123): makes the application image's class-data-sharing archive from a training
 * run. It runs the packaged launcher on a throw-away home for the commands people run most ({@code --version},
 * {@code --help}, an export of a small CSV to CSV and to Parquet, {@code jobs list}, {@code jobs show}, {@code stats},
 * {@code files list}), each recording the classes it loads, and then dumps one static archive of all of them with the
 * same launcher, so that the archive records exactly the class path the launcher uses. The launcher's options name
 * the archive with {@code -Xshare:auto}: a missing or stale archive only costs the start-up time it would have saved.
 *
 * <p>The class list is kept beside the archive ({@code labexport.classlist}): on JDK 17 an archive is valid only at
 * the path where it was made, so the Linux package's postinst dumps it again where the application was installed
 * (one JVM run of a few seconds, no training). Run as a single-file program by the package profile:
 * {@code java packaging/TrainCds.java LAUNCHER ARCHIVE}.
 */
public final class TrainCds {
    private static final long COMMAND_TIMEOUT_MINUTES = 5;

    private TrainCds() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        Path work = Files.createTempDirectory("labexport-cds-");
        try {
            Files.deleteIfExists(archive);
            Path home = Files.createDirectories(work.resolve("home"));
            Path csv = home.resolve("sample.csv");
            StringBuilder rows = new StringBuilder("sample_id,temperature_c,ok\n");
            for (int i = 1; i <= 40; i++) {
                rows.append('S').append(i).append(',').append(20 + i % 5).append('.').append(i % 10).append(",true\n");
            }
            Files.writeString(csv, rows, StandardCharsets.UTF_8);
            String out = home.resolve("out").toString();
            List<List<String>> commands = List.of(
                    List.of("--version"),
                    List.of("--help"),
                    List.of("export", csv.toString(), "--format", "csv", "--dest", out),
                    List.of("export", csv.toString(), "--format", "parquet", "--dest", out, "--json"),
                    List.of("jobs", "list"),
                    List.of("jobs", "show", "1"),
                    List.of("stats"),
                    List.of("files", "list"));
            Set<String> classes = new LinkedHashSet<>();
            for (int i = 0; i < commands.size(); i++) {
                Path list = work.resolve("classes-" + i + ".lst");
                run(launcher, home, "-XX:DumpLoadedClassList=" + list, commands.get(i), work.resolve("run-" + i + ".log"));
                // Lines are class names or @ entries, independent of each other: the union keeps them all. Newer
                // JDKs (25) number each class of a list ("name id: 7"), and the numbers of two runs collide, which
                // the dump refuses; they are needed only by classes of other loaders ("source:"), which none are.
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    classes.add(line.contains(" source: ") ? line : line.replaceFirst(" id: [0-9]+$", ""));
                }
            }
            Path all = archive.resolveSibling("labexport.classlist");
            Files.write(all, classes, StandardCharsets.UTF_8);
            run(launcher, home, "-Xshare:dump -XX:SharedClassListFile=" + all + " -XX:SharedArchiveFile=" + archive,
                    List.of("--version"), work.resolve("dump.log"));
            if (!Files.isRegularFile(archive) || Files.size(archive) == 0) {
                throw new IllegalStateException("No class-data archive was written; see the JVM's output above");
            }
            System.out.printf("TrainCds: %d classes from %d commands, %s (%d MB)%n", classes.size(), commands.size(),
                    archive, Files.size(archive) >> 20);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Runs the launcher with extra JVM options: _JAVA_OPTIONS reaches the JVM that any launcher starts and, unlike
     * JAVA_TOOL_OPTIONS, wins over the launcher's own options (its {@code -Xshare:auto} and archive).
     */
    private static void run(Path launcher, Path home, String jvmOptions, List<String> command, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("_JAVA_OPTIONS", jvmOptions);
        pb.environment().put("LABEXPORT_HOME", home.toString());
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        if (!p.waitFor(COMMAND_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("Training run " + command + " did not finish in "
                    + COMMAND_TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0) {
            System.err.print(Files.readString(log));
            throw new IllegalStateException("Training run " + command + " exited with " + p.exitValue());
        }
    }
}
