package org.labexport.lab;

import org.labexport.app.AppServices;
import org.labexport.app.LabExportApp;
import org.labexport.base.AppHome;
import org.labexport.base.ConversionCancelledException;
import org.labexport.convert.TableConverter;
import org.labexport.convert.engine.StreamingTableConverter;
import org.labexport.pipeline.RunnerOptions;

/**
 * A worker whose conversions take {@code MILLIS_PER_FILE} each (one file at a time), so a test can act while a job is
 * surely mid-way: {@code SlowWorkerMain MILLIS_PER_FILE}. The wait honours cancel like a real conversion.
 */
public final class SlowWorkerMain {
    private SlowWorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        long millis = Long.parseLong(args[0]);
        TableConverter real = new StreamingTableConverter();
        TableConverter slow = (source, options, outputDir, stem, progress, cancel, provenance) -> {
            long end = System.nanoTime() + millis * 1_000_000;
            while (System.nanoTime() < end) {
                if (cancel.isCancelled()) {
                    throw new ConversionCancelledException();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ConversionCancelledException();
                }
            }
            return real.convert(source, options, outputDir, stem, progress, cancel, provenance);
        };
        AppServices services = AppServices.open(AppHome.fromEnvironment());
        try (LabExportApp app = LabExportApp.over(services,
                RunnerOptions.defaults().withConverter(slow).withConvertThreads(1))) {
            app.worker(1, false, line -> {
                System.out.println(line);
                System.out.flush();
            }).run();
        }
    }
}
