package org.labexport.convert.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.labexport.base.CancelSignal;
import org.labexport.convert.ConversionResult;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ProgressListener;
import org.labexport.convert.engine.StreamingTableConverter;

/**
 * One benchmark conversion in its own JVM (so its heap limit and peak are its own):
 * {@code ConvertOnce <source> <format> <outputDir> <stem> [runs]}. Prints one line per run
 * {@code RESULT run=.. seconds=.. peakHeapMb=.. cpuSeconds=.. rows=.. outputBytes=..}: the first run is a cold start
 * (as the command line converts), later runs reuse the JVM's compiled code (as the long-running window does). The
 * JVM's start, option parsing and logging set-up are not timed (the application's start-up is measured on its own).
 */
public final class ConvertOnce {
    private ConvertOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        ExportFormat format = ExportFormat.fromWireName(args[1]).orElseThrow();
        Path out = Path.of(args[2]);
        String stem = args[3];
        int runs = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        HeapPeakSampler sampler = HeapPeakSampler.start();
        // What the application has done before its first conversion, and DuckDB before its timed statements (its
        // driver loaded, a connection open): options parsed, logging set up. Only the conversion is timed.
        ExportOptions options = ExportOptions.parse(format, Map.of());
        StreamingTableConverter converter = new StreamingTableConverter();
        for (int run = 1; run <= runs; run++) {
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            ConversionResult r = converter.convert(source, options, out, stem, ProgressListener.NONE,
                    CancelSignal.NEVER);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
            long bytes = 0;
            for (ConversionResult.ConvertedTable t : r.outputs()) {
                bytes += Files.size(t.path());
            }
            System.out.printf(java.util.Locale.ROOT, "RESULT run=%d seconds=%.3f peakHeapMb=%.1f cpuSeconds=%.3f rows=%d "
                    + "outputBytes=%d path=%s%n", run, seconds, sampler.peakMb(), cpu,
                    r.outputs().get(0).rows(), bytes, r.outputs().get(0).path());
        }
        sampler.close();
    }
}
