package org.labexport.convert;

import org.labexport.convert.engine.StreamingTableConverter;
import org.labexport.base.CancelSignal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run in a child JVM with a small heap by {@link WideAndSparseTablesMemoryTest}: converts each
 * {@code source|format[|key=value...]} argument into {@code outputDir} (the first argument), one after another in the
 * same process, and prints one line per conversion: {@code OK <rows> <output file>} or {@code FAILED <message>}.
 * Anything else thrown (an OutOfMemoryError) ends the process with exit code 3.
 */
public final class SmallHeapConversions {
    private SmallHeapConversions() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        StreamingTableConverter converter = new StreamingTableConverter();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split("\\|");
            Path source = Path.of(parts[0]);
            ExportFormat format = ExportFormat.fromWireName(parts[1]).orElseThrow();
            Map<String, String> raw = new LinkedHashMap<>();
            for (int k = 2; k < parts.length; k++) {
                int eq = parts[k].indexOf('=');
                raw.put(parts[k].substring(0, eq), parts[k].substring(eq + 1));
            }
            try {
                ConversionResult r = converter.convert(source, ExportOptions.parse(format, raw), out,
                        "out" + i, ProgressListener.NONE, CancelSignal.NEVER);
                System.out.println("OK " + r.outputs().get(0).rows() + " " + r.outputs().get(0).path());
            } catch (ConversionException e) {
                System.out.println("FAILED " + e.getMessage());
            } catch (Throwable t) {
                System.out.println("CRASHED " + t);
                System.out.flush();
                System.exit(3);
            }
        }
    }
}
