package org.labexport.convert.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.labexport.base.CancelSignal;
import org.labexport.convert.ConversionResult;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ProgressListener;
import org.labexport.convert.engine.StreamingTableConverter;

/**
 * Times Excel to CSV alone, for quick comparisons while working on the Excel reader:
 * {@code ExcelReadTiming <dir> [rows] [runs]}. Makes {@code dir/de.csv} ({@link DeTableGenerator}) and
 * {@code dir/de.xlsx} (our own writer) once, then converts the workbook to CSV {@code runs} times (default 3) in this
 * JVM and prints each run and the best: MB/s of workbook, MB/s of CSV written, rows/s. Not a test: run it with
 * {@code java -cp target/classes:target/test-classes:<dependencies> org.labexport.convert.bench.ExcelReadTiming}.
 */
public final class ExcelReadTiming {
    private ExcelReadTiming() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        long rows = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        StreamingTableConverter converter = new StreamingTableConverter();
        Path csv = dir.resolve("de.csv");
        Path xlsx = dir.resolve("de.xlsx");
        if (!Files.exists(xlsx)) {
            DeTableGenerator.write(csv, rows);
            converter.convert(csv, ExportOptions.parse(ExportFormat.EXCEL, Map.of()), dir, "de",
                    ProgressListener.NONE, CancelSignal.NEVER);
        }
        Path out = Files.createDirectories(dir.resolve("back"));
        ExportOptions toCsv = ExportOptions.parse(ExportFormat.CSV, Map.of());
        double xlsxMb = Files.size(xlsx) / 1e6;
        double best = Double.MAX_VALUE;
        long bestRows = 0;
        double csvMb = 0;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double bestCpu = Double.MAX_VALUE;
        for (int run = 1; run <= runs; run++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ConversionResult r = converter.convert(xlsx, toCsv, out, "de", ProgressListener.NONE, CancelSignal.NEVER);
            double s = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            bestCpu = Math.min(bestCpu, cpu);
            long n = r.outputs().get(0).rows();
            csvMb = Files.size(r.outputs().get(0).path()) / 1e6;
            System.out.printf(Locale.ROOT, "run %d: %.3f s (%.3f CPU s), %.1f MB/s xlsx, %.1f MB/s csv, %.0f rows/s%n",
                    run, s, cpu, xlsxMb / s, csvMb / s, n / s);
            if (s < best) {
                best = s;
                bestRows = n;
            }
        }
        System.out.printf(Locale.ROOT, "BEST %.3f s (least CPU %.3f s), %.1f MB/s xlsx (%.1f MB), %.1f MB/s csv"
                + " (%.1f MB), %.0f rows/s%n", best, bestCpu, xlsxMb / best, xlsxMb, csvMb / best, csvMb,
                bestRows / best);
    }
}
