package org.labexport.job;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a job's progress goes to the database: at most once per interval per job. A report arriving inside
 * the interval is kept (only the newest) and written by a trailing flush on one daemon thread, or taken by the next
 * status change so that it is stored together with it.
 */
final class ProgressThrottle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressThrottle.class);

    private final long intervalNanos;
    private final BiConsumer<Long, JobProgress> writer;
    private final Map<Long, State> states = new ConcurrentHashMap<>();
    private volatile ScheduledExecutorService flusher;

    private static final class State {
        JobProgress pending;
        long lastWriteNanos;
        ScheduledFuture<?> flush;

        State(long lastWriteNanos) {
            this.lastWriteNanos = lastWriteNanos;
        }
    }

    /** @param writer stores one job's progress; called on the reporting thread or the flush thread */
    ProgressThrottle(long intervalMillis, BiConsumer<Long, JobProgress> writer) {
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.writer = writer;
    }

    /** Writes the report now if the job's interval has passed, else keeps it for the trailing flush. */
    void offer(long id, JobProgress p) {
        State st = states.computeIfAbsent(id, k -> new State(System.nanoTime() - intervalNanos));
        boolean writeNow;
        synchronized (st) {
            long now = System.nanoTime();
            long due = st.lastWriteNanos + intervalNanos;
            writeNow = now - due >= 0;
            if (writeNow) {
                st.pending = null;
                st.lastWriteNanos = now;
                cancelFlush(st);
            } else {
                st.pending = p;
                if (st.flush == null) {
                    st.flush = flusher().schedule(() -> flush(id), due - now, TimeUnit.NANOSECONDS);
                }
            }
        }
        if (writeNow) {
            writer.accept(id, p);
        }
    }

    /** Takes the report not yet written, if any, so that a status change stores it; its flush is cancelled. */
    JobProgress takePending(long id) {
        State st = states.get(id);
        if (st == null) {
            return null;
        }
        synchronized (st) {
            JobProgress p = st.pending;
            st.pending = null;
            cancelFlush(st);
            return p;
        }
    }

    /** Drops everything about a job (finished or deleted). */
    void forget(long id) {
        State st = states.remove(id);
        if (st != null) {
            synchronized (st) {
                st.pending = null;
                cancelFlush(st);
            }
        }
    }

    private void flush(long id) {
        State st = states.get(id);
        if (st == null) {
            return;
        }
        JobProgress p;
        synchronized (st) {
            st.flush = null;
            p = st.pending;
            st.pending = null;
            if (p == null) {
                return;
            }
            st.lastWriteNanos = System.nanoTime();
        }
        try {
            writer.accept(id, p);
        } catch (RuntimeException e) {
            LOG.warn("Could not store progress of job {}: {}", id, e.getMessage(), e);
        }
    }

    private static void cancelFlush(State st) {
        if (st.flush != null) {
            st.flush.cancel(false);
            st.flush = null;
        }
    }

    private ScheduledExecutorService flusher() {
        ScheduledExecutorService f = flusher;
        if (f == null) {
            synchronized (this) {
                f = flusher;
                if (f == null) {
                    f = Executors.newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "labexport-progress-writer");
                        t.setDaemon(true);
                        return t;
                    });
                    flusher = f;
                }
            }
        }
        return f;
    }

    /** Writes every pending report now and stops the flush thread. */
    @Override
    public void close() {
        for (Long id : new ArrayList<>(states.keySet())) {
            flush(id);
        }
        ScheduledExecutorService f = flusher;
        if (f != null) {
            f.shutdownNow();
        }
    }
}
