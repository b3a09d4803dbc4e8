package org.labexport.convert.parquet;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.labexport.convert.bench.DeTableGenerator;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;

/**
 * Times {@link ParquetTableWriter} alone, in its own JVM, on rows shaped like the benchmark's differential-expression
 * table: {@code ParquetWriteHarness <rows> <output.parquet> [options as key=value ...]}. A pool of 200,000 typed rows
 * is built first (not timed) and cycled, so row building costs nothing in the figure. Prints one line
 * {@code RESULT seconds=.. cpuSeconds=.. writingThreadCpuSeconds=.. peakHeapMb=.. bytes=..}.
 */
public final class ParquetWriteHarness {
    static final TableSchema SCHEMA = org.labexport.convert.bench.DeTableGenerator.SCHEMA;
    private static final int POOL = 200_000;

    private ParquetWriteHarness() {
    }

    /** Rows with the benchmark generator's distributions: unique ids, 50,000 names, random doubles, 10% null padj. */
    static Object[][] pool(int n) {
        SplittableRandom random = new SplittableRandom(20241125L);
        Object[][] rows = new Object[n][];
        for (int i = 0; i < n; i++) {
            DeTableGenerator.Stats st = DeTableGenerator.Stats.next(random);
            rows[i] = new Object[] {String.format(Locale.ROOT, "ENSG%011d", i), "GENE" + (i % 50_000), st.baseMean(),
                st.lfc(), st.lfcSe(), st.stat(), st.pvalue(), st.filtered() ? null : st.padj(), st.significant()};
        }
        return rows;
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            opts.put(kv[0], kv[1]);
        }
        Object[][] pool = pool(POOL);
        ExportOptions options = ExportOptions.parse(ExportFormat.PARQUET, opts);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long base = rt.totalMemory() - rt.freeMemory();
        org.labexport.convert.bench.HeapPeakSampler sampler = org.labexport.convert.bench.HeapPeakSampler.start();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long threadCpu0 = threads.getCurrentThreadCpuTime();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int encoders = Integer.getInteger("pq.encoders", ParquetTableWriter.DEFAULT_ENCODERS);
        try (TableWriter w = ParquetTableWriter.open(out, SCHEMA, options, encoders)) {
            Object[] row = new Object[SCHEMA.size()];
            for (long i = 0; i < rows; i++) {
                System.arraycopy(pool[(int) (i % POOL)], 0, row, 0, row.length);
                w.write(row);
            }
            w.finish();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double threadCpu = (threads.getCurrentThreadCpuTime() - threadCpu0) / 1e9;
        sampler.close();
        System.out.printf(Locale.ROOT, "RESULT seconds=%.3f cpuSeconds=%.3f writingThreadCpuSeconds=%.3f peakHeapMb=%.1f"
                        + " poolMb=%.1f bytes=%d%n", seconds, cpu, threadCpu, sampler.peakMb(), base / 1048576.0, Files.size(out));
        if (Boolean.getBoolean("pq.footer")) {
            try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                    new org.apache.parquet.io.LocalInputFile(out))) {
                var blocks = r.getFooter().getBlocks();
                System.out.println("row groups " + blocks.size() + ", first has " + blocks.get(0).getRowCount());
                for (var c : blocks.get(0).getColumns()) {
                    System.out.println("  " + c.getPath() + " " + c.getEncodings() + " " + c.getTotalSize());
                }
            }
        }
    }
}
