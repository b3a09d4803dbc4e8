package org.labexport.convert.hdf5;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that compress HDF5 chunks, one per core up to {@link #MAX_THREADS}, shared by every HDF5 writer of the
 * process: writers converting in parallel share the cores rather than each starting its own threads. Its tasks
 * never wait for anything, so a writer waiting on them cannot block another.
 */
final class ChunkPool {
    /** More threads than this gain little: the reading stages and the single writing thread need cores too. */
    static final int MAX_THREADS = 4;
    private static final ExecutorService POOL = start();

    private ChunkPool() {
    }

    private static ExecutorService start() {
        int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        AtomicInteger next = new AtomicInteger();
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hdf5-deflate-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static <T> Future<T> submit(Callable<T> task) {
        return POOL.submit(task);
    }
}
