package org.labexport.convert.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.engine.FormatRegistry;

/**
 * The conversion benchmark (README, "Benchmark"): generates a differential-expression CSV of {@code bench.rows}
 * rows (default 2,000,000), converts it to every registered format and back, each conversion in a child JVM with
 * {@code -Xmx256m} ({@code bench.xmx}), and times DuckDB doing CSV to Parquet, JSON and TSV on the same file. Each
 * child converts twice: the first run is a cold JVM (the command line's case), the second reuses its compiled code
 * (the window's case, and like DuckDB's best of two). Then {@link WholeProcessBenchmark} times whole
 * {@code labexport export} processes against whole DuckDB processes, start-up included.
 * Runs only with {@code -Dlabexport.bench=true} (the {@code bench} Maven profile), never in the normal test run.
 */
@EnabledIfSystemProperty(named = "labexport.bench", matches = "true")
class ConversionBenchmark {
    private static final long MB = 1024 * 1024;

    private record Step(String name, long inputBytes, Map<String, String> result, Map<String, String> warm) {
        double seconds() {
            return Double.parseDouble(result.get("seconds"));
        }

        double mbPerSecond() {
            return inputBytes / (double) MB / seconds();
        }

        double warmMbPerSecond() {
            return inputBytes / (double) MB / Double.parseDouble(warm.get("seconds"));
        }
    }

    @Test
    void benchmark() throws Exception {
        long rows = Long.getLong("bench.rows", 2_000_000L);
        String xmx = System.getProperty("bench.xmx", "256m");
        Path dir = Path.of(System.getProperty("bench.dir", "target/bench"));
        Files.createDirectories(dir);
        Path csv = dir.resolve("de_table.csv");
        long t0 = System.nanoTime();
        DeTableGenerator.write(csv, rows);
        long csvBytes = Files.size(csv);
        System.out.printf(Locale.ROOT, "Generated %,d rows, %.1f MB in %.1f s: %s%n", rows, csvBytes / (double) MB,
                (System.nanoTime() - t0) / 1e9, csv);

        Map<ExportFormat, Double> duck = duckDb(csv, dir);

        List<Step> steps = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        // -Dbench.formats=csv,parquet limits the targets; -Dbench.back=false skips the conversions back to CSV.
        List<String> only = List.of(System.getProperty("bench.formats", "").split(",")).stream()
                .map(String::trim).filter(x -> !x.isEmpty()).toList();
        boolean andBack = !"false".equals(System.getProperty("bench.back"));
        for (ExportFormat f : ExportFormat.values()) {
            if (!f.converts() || FormatRegistry.writer(f).isEmpty()
                    || (!only.isEmpty() && !only.contains(f.wireName()))) {
                continue;
            }
            Path out = Files.createDirectories(dir.resolve("out-" + f.wireName()));
            String there = "CSV -> " + f.displayName();
            // HDF5 may hold whole columns where the native library is unavailable: a heap of its own can be given.
            String heap = f == ExportFormat.HDF5 ? System.getProperty("bench.xmx.hdf5", xmx) : xmx;
            Step to = run(there, csv, f.wireName(), out, "de_table", heap, failures);
            if (to == null) {
                continue;
            }
            steps.add(to);
            if (andBack && f != ExportFormat.CSV) {
                Path produced = Path.of(to.result().get("path"));
                Path back = Files.createDirectories(dir.resolve("back-" + f.wireName()));
                Step b = run(f.displayName() + " -> CSV", produced, "csv", back, "de_table", heap, failures);
                if (b != null) {
                    steps.add(b);
                }
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "Conversion benchmark: %,d rows, CSV %.1f MB, %d cores, child JVMs -Xmx%s%n",
                rows, csvBytes / (double) MB, Runtime.getRuntime().availableProcessors(), xmx);
        System.out.printf(Locale.ROOT, "%-18s %9s %8s %9s %10s %6s %9s %5s %10s %7s %9s %6s%n", "conversion",
                "input MB", "seconds", "input MB/s", "rows/s", "cores", "peak heap", "Xmx", "DuckDB MB/s", "ratio",
                "warm MB/s", "ratio");
        for (Step s : steps) {
            double cpu = Double.parseDouble(s.result().get("cpuSeconds"));
            String duckCol = "";
            String ratio = "";
            String warmRatio = "";
            if (s.name().startsWith("CSV -> ")) {
                ExportFormat target = ExportFormat.valueOf(s.name().substring(7).toUpperCase(Locale.ROOT));
                Double d = duck.get(target);
                if (d != null) {
                    duckCol = String.format(Locale.ROOT, "%.1f", d);
                    ratio = String.format(Locale.ROOT, "%.2fx", s.mbPerSecond() / d);
                    warmRatio = String.format(Locale.ROOT, "%.2fx", s.warmMbPerSecond() / d);
                }
            }
            System.out.printf(Locale.ROOT, "%-18s %9.1f %8.2f %9.1f %,10.0f %6.2f %7.0fMB %5s %10s %7s %9.1f %6s%n",
                    s.name(), s.inputBytes() / (double) MB, s.seconds(), s.mbPerSecond(), rows / s.seconds(),
                    cpu / s.seconds(), Double.parseDouble(s.warm().get("peakHeapMb")), s.result().get("xmx"), duckCol,
                    ratio, s.warmMbPerSecond(), warmRatio);
        }
        for (Map.Entry<ExportFormat, Double> e : duck.entrySet()) {
            System.out.printf(Locale.ROOT, "DuckDB CSV -> %-8s %.1f MB/s (%.2f s)%n", e.getKey().displayName(),
                    e.getValue(), csvBytes / (double) MB / e.getValue());
        }
        // Whole processes, as a user runs them (-Dbench.whole=false skips them).
        if (!"false".equals(System.getProperty("bench.whole"))) {
            List<String> whole = List.of("csv", "tsv", "json", "parquet").stream()
                    .filter(f -> only.isEmpty() || only.contains(f)).toList();
            WholeProcessBenchmark wp = new WholeProcessBenchmark(dir, xmx);
            Map<String, WholeProcessBenchmark.Timing> timings = wp.run(csv, whole);
            System.out.println();
            System.out.printf(Locale.ROOT, "Whole process (JVM start to exit, best of 2): %s export CSV --format F "
                    + "--dest DIR against a JVM running DuckDB's COPY%n", wp.describeCommand());
            System.out.printf(Locale.ROOT, "%-18s %10s %10s %7s%n", "conversion", "labexport", "DuckDB", "ratio");
            for (WholeProcessBenchmark.Timing t : timings.values()) {
                System.out.printf(Locale.ROOT, "%-18s %9.2fs %9.2fs %6.2fx%n", "CSV -> " + t.format(), t.labexport(),
                        t.duckDb(), t.ratio());
            }
        }
        for (String f : failures) {
            System.out.println("FAILED " + f);
        }
        assertThat(steps).isNotEmpty();
    }

    private static Step run(String name, Path source, String format, Path outDir, String stem, String xmx,
                            List<String> failures) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Logging at WARN in the child: without a configuration logback logs DEBUG, which slows Parquet down.
        Path logConfig = outDir.resolveSibling("bench-logback.xml");
        Files.writeString(logConfig, "<configuration><appender name=\"E\" class=\"ch.qos.logback.core.ConsoleAppender\">"
                + "<encoder><pattern>%level %logger %msg%n</pattern></encoder></appender>"
                + "<root level=\"WARN\"><appender-ref ref=\"E\"/></root></configuration>");
        List<String> cmd = List.of(java, "-Xmx" + xmx, "-Dlogback.configurationFile=" + logConfig.toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"),
                ConvertOnce.class.getName(), source.toString(), format, outDir.toString(), stem, "2");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, String> result = null;
        Map<String, String> warm = null;
        StringBuilder log = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    for (String kv : line.substring(7).split(" ")) {
                        int eq = kv.indexOf('=');
                        fields.put(kv.substring(0, eq), kv.substring(eq + 1));
                    }
                    if ("1".equals(fields.get("run"))) {
                        result = fields;
                    } else {
                        warm = fields;
                    }
                } else if (!line.contains(" DEBUG ")) {
                    log.append(line).append('\n');
                }
            }
        }
        int exit = p.waitFor();
        if (exit != 0 || result == null || warm == null) {
            String tail = log.length() > 600 ? log.substring(log.length() - 600) : log.toString();
            failures.add(name + " (exit " + exit + "): " + tail.replace('\n', ' '));
            return null;
        }
        result.put("xmx", xmx);
        Step s = new Step(name, Files.size(source), result, warm);
        System.out.printf(Locale.ROOT, "%-18s %.2f s, %.1f MB/s cold, %.1f MB/s warm, peak heap %s MB%n", name,
                s.seconds(), s.mbPerSecond(), s.warmMbPerSecond(), warm.get("peakHeapMb"));
        return s;
    }

    /** DuckDB's own CSV to Parquet, JSON and TSV on the same file, best of two runs each (MB of CSV per second). */
    private static Map<ExportFormat, Double> duckDb(Path csv, Path dir) throws Exception {
        Map<ExportFormat, Double> out = new LinkedHashMap<>();
        String src = "read_csv('" + csv.toAbsolutePath() + "', header=true)";
        Map<ExportFormat, String> copies = new LinkedHashMap<>();
        copies.put(ExportFormat.PARQUET, "(FORMAT parquet, COMPRESSION snappy)");
        copies.put(ExportFormat.JSON, "(FORMAT json, ARRAY true)");
        copies.put(ExportFormat.TSV, "(FORMAT csv, DELIMITER '\t', HEADER true)");
        copies.put(ExportFormat.CSV, "(FORMAT csv, HEADER true)");
        double mb = Files.size(csv) / (double) MB;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            for (Map.Entry<ExportFormat, String> e : copies.entrySet()) {
                Path target = dir.resolve("duckdb." + e.getKey().extension());
                double best = Double.MAX_VALUE;
                for (int i = 0; i < 2; i++) {
                    long t0 = System.nanoTime();
                    st.execute("COPY (SELECT * FROM " + src + ") TO '" + target.toAbsolutePath() + "' " + e.getValue());
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                out.put(e.getKey(), mb / best);
            }
        }
        return out;
    }
}
