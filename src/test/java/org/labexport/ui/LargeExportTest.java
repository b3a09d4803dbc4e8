package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javafx.animation.AnimationTimer;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.NewExportJob;
import org.labexport.ui.main.JobItem;

/** A large export running while the window is open: cancel from the card, and the FX thread stays responsive. */
class LargeExportTest extends WindowTestSupport {
    private static final int FILES = 4;
    private static final long BYTES_PER_FILE = 48L * 1024 * 1024;

    /** Files of repetitive CSV text, {@code FILES} x {@code BYTES_PER_FILE}, written quickly in blocks. */
    private List<Long> bigFiles() throws IOException {
        StringBuilder block = new StringBuilder("id,name,value,ok,day\n");
        for (int i = 0; block.length() < 64 * 1024; i++) {
            block.append(i).append(",sample-").append(i % 97).append(',').append(i * 0.25).append(',')
                    .append(i % 2 == 0).append(",2024-01-").append(10 + i % 18).append('\n');
        }
        byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
        List<Long> ids = new ArrayList<>();
        for (int f = 0; f < FILES; f++) {
            Path file = data.resolve("big-" + f + ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long written = 0; written < BYTES_PER_FILE; written += bytes.length) {
                    out.write(bytes);
                }
            }
            ids.add(services.catalog().addFile(file, Map.of(), null).getId());
        }
        return ids;
    }

    private ExportJob startBigExport(String name) throws IOException {
        ExportJob job = services.exports().createExportJob(NewExportJob.builder().name(name)
                .format(ExportFormat.ZIP).fileIds(bigFiles()).build());
        runner.submit(job.getId());
        return job;
    }

    @Test
    void cancelFromTheCardStopsARunningExport() throws Exception {
        ExportJob job = startBigExport("Big run to cancel");
        awaitFx(() -> item(job.getId()) != null && item(job.getId()).getStatus() == ExportStatus.PROCESSING);

        fireLater(cardButton(job.getId(), "action-cancel"));

        awaitFx(() -> item(job.getId()).getStatus() == ExportStatus.CANCELLED);
        assertThat(services.exports().getExportJob(job.getId()).orElseThrow().getStatus())
                .isEqualTo(ExportStatus.CANCELLED);
        // the card now offers Retry instead of Cancel
        var cancel = cardButton(job.getId(), "action-cancel");
        var retry = cardButton(job.getId(), "action-retry");
        awaitFx(() -> !cancel.isVisible() && retry.isVisible());
    }

    /**
     * Watches the FX thread while a 192 MB export runs: an AnimationTimer records, between every two frames, the wall
     * time and the CPU time the FX thread used, and a sampler takes the FX thread's stack every few milliseconds.
     * The FX thread must never work more than 100 ms between two frames, and never be seen in database or file I/O.
     * Wall-clock gaps also include time the operating system gave the FX thread to nobody: they are asserted only
     * when the machine is not oversubscribed (load average below the number of cores), and always reported.
     */
    @Test
    void noPulseIsBlockedForMoreThan100msWhileALargeExportRuns() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong lastWall = new AtomicLong();
        AtomicLong lastCpu = new AtomicLong();
        AtomicLong maxWallGap = new AtomicLong();
        AtomicLong maxCpuGap = new AtomicLong();
        AtomicLong frames = new AtomicLong();
        ConcurrentSkipListSet<Double> progressSeen = new ConcurrentSkipListSet<>();
        long[] itemId = {-1};
        AnimationTimer probe = new AnimationTimer() {
            @Override
            public void handle(long pulseTime) {
                long wall = System.nanoTime();
                long cpu = threads.getCurrentThreadCpuTime();
                JobItem item = window.viewModel().allJobs().stream().filter(i -> i.id() == itemId[0])
                        .findFirst().orElse(null);
                // Measure while the export runs; the completion notification afterwards is not part of it.
                if (item == null || item.getStatus() != ExportStatus.PROCESSING) {
                    lastWall.set(0);
                    return;
                }
                long beforeWall = lastWall.getAndSet(wall);
                long beforeCpu = lastCpu.getAndSet(cpu);
                if (beforeWall != 0) {
                    maxWallGap.accumulateAndGet(wall - beforeWall, Math::max);
                    maxCpuGap.accumulateAndGet(cpu - beforeCpu, Math::max);
                }
                frames.incrementAndGet();
                progressSeen.add(item.getProgress());
            }
        };
        ExportJob job = startBigExport("Big run to watch");
        itemId[0] = job.getId();
        Thread fx = onFx(Thread::currentThread);
        List<String> ioOnFx = new CopyOnWriteArrayList<>();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                for (StackTraceElement e : fx.getStackTrace()) {
                    String c = e.getClassName();
                    if (c.startsWith("org.h2.") || c.startsWith("org.hibernate.") || c.startsWith("sun.nio.ch.File")
                            || c.startsWith("java.io.FileInputStream") || c.startsWith("java.io.FileOutputStream")
                            || c.equals("org.labexport.job.DataExportService")
                            || c.equals("org.labexport.catalog.CatalogService")
                            || c.startsWith("org.labexport.persistence.") || c.startsWith("org.labexport.pipeline.")) {
                        ioOnFx.add(c + "." + e.getMethodName());
                        break;
                    }
                }
                LockSupport.parkNanos(3_000_000);
            }
        }, "fx-stack-sampler");
        sampler.setDaemon(true);
        sampler.start();
        awaitFx(() -> item(job.getId()) != null && item(job.getId()).getStatus() == ExportStatus.PROCESSING);
        runFx(probe::start);
        awaitFx(() -> item(job.getId()).getStatus().isFinished());
        runFx(probe::stop);
        sampling.set(false);
        sampler.join();

        assertThat(item(job.getId()).getStatus()).isEqualTo(ExportStatus.COMPLETED);
        long wallMs = maxWallGap.get() / 1_000_000;
        long cpuMs = maxCpuGap.get() / 1_000_000;
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf("FX pulse probe: %d frames, longest gap %d ms wall, %d ms FX-thread CPU; "
                + "%d distinct progress values; load average %.1f on %d cores%n",
                frames.get(), wallMs, cpuMs, progressSeen.size(), load, cores);
        assertThat(frames.get()).as("frames measured").isGreaterThan(30);
        assertThat(ioOnFx).as("database, file or pipeline work seen on the FX thread").isEmpty();
        assertThat(cpuMs).as("longest FX-thread work between two pulses, ms").isLessThan(100);
        if (load >= 0 && load < cores) {
            assertThat(wallMs).as("longest wall-clock gap between two pulses, ms").isLessThan(100);
        }
        assertThat(progressSeen.size()).as("the progress bar moved in steps").isGreaterThan(2);
    }
}
