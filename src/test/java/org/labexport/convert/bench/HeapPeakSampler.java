package org.labexport.convert.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Heap in use, sampled every 20 ms on a daemon thread, for the benchmark's child JVMs: the memory pools' own peaks
 * add up eden and old generation at different moments, so they overstate it. Uncollected garbage counts.
 */
public final class HeapPeakSampler implements AutoCloseable {
    private final AtomicLong peak = new AtomicLong();
    private final Thread thread;

    private HeapPeakSampler() {
        Runtime rt = Runtime.getRuntime();
        thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(rt.totalMemory() - rt.freeMemory(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        thread.setDaemon(true);
    }

    /** A sampler already running. */
    public static HeapPeakSampler start() {
        HeapPeakSampler s = new HeapPeakSampler();
        s.thread.start();
        return s;
    }

    /** The highest heap in use seen so far, in MiB. */
    public double peakMb() {
        return peak.get() / 1048576.0;
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
