import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Packaging step on JDK 25 and later (docs/decisions/0129): makes the application image's AOT cache from one training
 * run of the packaged launcher. It queues exports of a generated 4 MB CSV to every format on a throw-away home, runs
 * them all in one process with {@code jobs resume --json} while the JVM records what it loads, links and compiles
 * ({@code -XX:AOTMode=record}), then writes the cache from that record ({@code -XX:AOTMode=create}) with the same
 * launcher, so that the cache holds exactly the launcher's class path. The launcher's options name the cache with
 * {@code -XX:AOTCache}: a missing or stale cache only costs the start-up time it would have saved.
 *
 * <p>Two steps, not JDK 25's one-step {@code -XX:AOTCacheOutput}: that one writes the cache from a child JVM started
 * from the runtime's {@code bin/java}, which a jpackage image does not have. The JVM refuses {@code -XX:AOTMode=record}
 * next to the launcher's own {@code -XX:AOTCache}, and no option can unset it, so the launcher's configuration file is
 * written without that option for the training and put back afterwards. Run as a single-file program by the package
 * profile: {@code java packaging/TrainAot.java LAUNCHER CACHE}.
 */
public final class TrainAot {
    private static final long COMMAND_TIMEOUT_MINUTES = 10;
    private static final int TRAINING_ROWS = 30_000;
    private static final List<List<String>> EXPORTS = List.of(
            List.of("--format", "csv"),
            List.of("--format", "tsv"),
            List.of("--format", "json"),
            List.of("--format", "excel"),
            List.of("--format", "parquet"),
            List.of("--format", "parquet", "--option", "compression=zstd", "--compress", "--metadata"),
            List.of("--format", "hdf5"),
            List.of("--format", "zip"));

    private TrainAot() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path launcher = Path.of(args[0]).toAbsolutePath();
        Path cache = Path.of(args[1]).toAbsolutePath();
        Path cfg = cache.resolveSibling(launcher.getFileName().toString().replaceFirst("\\.exe$", "") + ".cfg");
        String launcherOptions = Files.readString(cfg, StandardCharsets.UTF_8);
        Path work = Files.createTempDirectory("labexport-aot-");
        try {
            Files.deleteIfExists(cache);
            Files.writeString(cfg, launcherOptions.lines().filter(line -> !line.contains("-XX:AOTCache="))
                    .collect(Collectors.joining(System.lineSeparator(), "", System.lineSeparator())),
                    StandardCharsets.UTF_8);
            Path home = Files.createDirectories(work.resolve("home"));
            Path csv = writeTrainingCsv(home.resolve("training.csv"));
            String out = home.resolve("out").toString();
            for (int i = 0; i < EXPORTS.size(); i++) {
                List<String> command = new ArrayList<>(List.of("export", csv.toString(), "--dest", out, "--queue"));
                command.addAll(EXPORTS.get(i));
                run(launcher, home, "-XX:AOTMode=off", command, work.resolve("queue-" + i + ".log"));
            }
            Path record = work.resolve("labexport.aotconf");
            run(launcher, home, "-XX:AOTMode=record -XX:AOTConfiguration=" + record,
                    List.of("jobs", "resume", "--json"), work.resolve("record.log"));
            run(launcher, home, "-XX:AOTMode=create -XX:AOTConfiguration=" + record + " -XX:AOTCache=" + cache,
                    List.of("--version"), work.resolve("create.log"));
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                System.err.print(Files.readString(work.resolve("create.log")));
                throw new IllegalStateException("No AOT cache was written; see the JVM's output above");
            }
            writeJarTimes(cache.getParent(), cache.resolveSibling(cache.getFileName() + ".mtimes"));
            System.out.printf("TrainAot: %d exports in one training run, %s (%d MB)%n", EXPORTS.size(), cache,
                    Files.size(cache) >> 20);
        } finally {
            Files.writeString(cfg, launcherOptions, StandardCharsets.UTF_8);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The JVM uses the cache only while every jar on the class path has the modification time it had when the cache
     * was made. jpackage's .deb (and .rpm) step copies the image without keeping those times, so the build lists them
     * ({@code SECONDS PATH}, the path relative to the cache's folder) for the postinst to set again after installing.
     */
    private static void writeJarTimes(Path appDir, Path list) throws IOException {
        List<String> lines;
        try (Stream<Path> files = Files.walk(appDir)) {
            lines = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().map(p -> {
                try {
                    return Files.getLastModifiedTime(p).toMillis() / 1000 + " "
                            + appDir.relativize(p).toString().replace('\\', '/');
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).collect(Collectors.toList());
        }
        Files.write(list, lines, StandardCharsets.UTF_8);
    }

    /**
     * A table like the ones people export: text identifiers, doubles down to tiny p-values, longs, booleans, dates,
     * empty cells and a quoted field, so that the training runs the readers' and writers' paths for each type.
     */
    private static Path writeTrainingCsv(Path csv) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("sample_id,gene_name,mean,log2_fold_change,p_value,reads,significant,measured_on,note\n");
            for (int i = 0; i < TRAINING_ROWS; i++) {
                w.write("S" + (100_000 + i) + ",GENE" + (i % 977) + ',' + (1000.0 + i * 0.37) + ','
                        + (i % 2 == 0 ? "-" : "") + (i % 13) * 0.0713 + ',' + (i % 7 == 0 ? "" : (i + 1) + "E-" + (i % 300))
                        + ',' + (i * 31L) + ',' + (i % 3 == 0) + ",2025-" + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28)
                        + ',' + (i % 50 == 0 ? "\"checked, twice\"" : "") + '\n');
            }
        }
        return csv;
    }

    /**
     * Runs the launcher with extra JVM options: _JAVA_OPTIONS reaches the JVM that any launcher starts and comes
     * after the launcher's own options.
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
