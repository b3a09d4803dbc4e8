package org.labexport.convert.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Whole-process timings, as a user sees them: {@code labexport export FILE --format F --dest DIR} from the JVM's start
 * to its exit (database, catalog, conversion, manifest), against a JVM that starts DuckDB and runs its COPY to the
 * same format ({@link DuckDbCopyOnce}). Each side runs twice and keeps its better time; the application's home is
 * set up by one untimed export first, as a returning user's is.
 */
final class WholeProcessBenchmark {
    /** One format's two whole-process times in seconds. */
    record Timing(String format, double labexport, double duckDb) {
        double ratio() {
            return duckDb / labexport;
        }
    }

    private final Path dir;
    private final String xmx;
    private final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    WholeProcessBenchmark(Path dir, String xmx) {
        this.dir = dir;
        this.xmx = xmx;
    }

    /**
     * How the application is started: the packaged command line when {@code mvn -Ppackage package} made one (what a
     * user runs; {@code -Dbench.launcher=jar} skips it), else the jar when {@code mvn package} made one, else the
     * class path.
     */
    List<String> labexportCommand() {
        if (packagedLauncher() != null) {
            return List.of(packagedLauncher().toString());
        }
        Path jar = Path.of("target", "labexport.jar");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + xmx));
        if (Files.isRegularFile(jar) && Files.isDirectory(Path.of("target", "lib"))) {
            cmd.addAll(List.of("-jar", jar.toString()));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.labexport.Main"));
        }
        return cmd;
    }

    /**
     * The packaged application's command line, or null when there is none or the jar is asked for: on Linux the start
     * script that the installed {@code labexport} command runs (docs/decisions/0143), else jpackage's launcher
     * ({@code -Dbench.launcher=jpackage} asks for that one on Linux too).
     */
    private static Path packagedLauncher() {
        String asked = System.getProperty("bench.launcher", "");
        if (asked.equals("jar")) {
            return null;
        }
        Path bin = Path.of("target", "dist", "LabExport", "bin");
        Path script = bin.resolve("labexport");
        if (!asked.equals("jpackage") && Files.isExecutable(script)) {
            return script;
        }
        Path launcher = bin.resolve("LabExport");
        return Files.isExecutable(launcher) ? launcher : null;
    }

    /**
     * The start command as printed: the class path abbreviated, and for the packaged launcher the Java runtime it
     * carries and what it starts from (an AOT cache when built on JDK 25, else a class-data archive).
     */
    String describeCommand() {
        String heap = packagedLauncher() != null ? "JAVA_TOOL_OPTIONS=-Xmx" + xmx + " " : "";
        return heap + String.join(" ", labexportCommand())
                .replace(System.getProperty("java.class.path"), "<test class path>") + runtimeNote();
    }

    private static String runtimeNote() {
        Path launcher = packagedLauncher();
        if (launcher == null) {
            return "";
        }
        Path image = launcher.getParent().getParent();
        String version = "unknown";
        try {
            for (String line : Files.readAllLines(image.resolve("lib/runtime/release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        } catch (IOException e) {
            version = "unreadable (" + e.getMessage() + ")";
        }
        Path app = image.resolve("lib/app");
        String start = Files.isRegularFile(app.resolve("labexport.aot")) ? "AOT cache"
                : Files.isRegularFile(app.resolve("labexport.jsa")) ? "class-data archive" : "no start-up archive";
        return " (runtime JDK " + version + ", " + start + ")";
    }

    Map<String, Timing> run(Path csv, List<String> formats) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("whole-home"));
        Path small = dir.resolve("whole-setup.csv");
        Files.writeString(small, "a,b\n1,x\n");
        exportOnce(home, small, "csv");
        Map<String, Timing> out = new LinkedHashMap<>();
        for (String f : formats) {
            double ours = Double.MAX_VALUE;
            double duck = Double.MAX_VALUE;
            for (int i = 0; i < 2; i++) {
                ours = Math.min(ours, exportOnce(home, csv, f));
                duck = Math.min(duck, duckOnce(csv, f));
            }
            Timing t = new Timing(f, ours, duck);
            System.out.printf(Locale.ROOT, "whole process CSV -> %-8s labexport %.2f s, DuckDB %.2f s, ratio %.2fx%n",
                    f, ours, duck, t.ratio());
            out.put(f, t);
        }
        return out;
    }

    private double exportOnce(Path home, Path csv, String format) throws IOException, InterruptedException {
        Path dest = dir.resolve("whole-out");
        deleteTree(dest);
        Files.createDirectories(dest);
        List<String> cmd = new ArrayList<>(labexportCommand());
        cmd.addAll(List.of("export", csv.toAbsolutePath().toString(), "--format", format, "--dest", dest.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LABEXPORT_HOME", home.toAbsolutePath().toString());
        if (packagedLauncher() != null) {
            // The launcher's own options stay as they are; the benchmark's heap limit is added by the JVM itself.
            pb.environment().put("JAVA_TOOL_OPTIONS", "-Xmx" + xmx);
        }
        return timed(pb, "labexport export " + format);
    }

    private double duckOnce(Path csv, String format) throws IOException, InterruptedException {
        Path target = dir.resolve("whole-duckdb." + format);
        Files.deleteIfExists(target);
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), DuckDbCopyOnce.class.getName(),
                csv.toAbsolutePath().toString(), format, target.toAbsolutePath().toString());
        return timed(new ProcessBuilder(cmd).redirectErrorStream(true), "DuckDB copy to " + format);
    }

    private static double timed(ProcessBuilder pb, String what) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(what + " exited with " + exit + ": "
                    + new String(output, StandardCharsets.UTF_8));
        }
        return seconds;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
