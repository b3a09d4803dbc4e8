package org.labexport.convert.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.labexport.convert.CancelSignal;
import org.labexport.convert.ConversionResult;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ProgressListener;
import org.labexport.convert.StreamingTableConverter;

/**
 * One benchmark conversion in its own JVM (so its heap limit and peak are its own):
 * {@code ConvertOnce <source> <format> <outputDir> <stem>}. Prints one line
 * {@code RESULT seconds=.. peakHeapMb=.. cpuSeconds=.. rows=.. outputBytes=..}.
 */
public final class ConvertOnce {
    private ConvertOnce() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        ExportFormat format = ExportFormat.fromWireName(args[1]).orElseThrow();
        Path out = Path.of(args[2]);
        String stem = args[3];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        ConversionResult r = new StreamingTableConverter().convert(source, ExportOptions.parse(format, Map.of()), out,
                stem, ProgressListener.NONE, CancelSignal.NEVER);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long bytes = 0;
        for (ConversionResult.ConvertedTable t : r.outputs()) {
            bytes += Files.size(t.path());
        }
        System.out.printf("RESULT seconds=%.3f peakHeapMb=%.1f cpuSeconds=%.3f rows=%d outputBytes=%d path=%s%n",
                seconds, peak / 1048576.0, cpu, r.outputs().get(0).rows(), bytes, r.outputs().get(0).path());
    }
}
