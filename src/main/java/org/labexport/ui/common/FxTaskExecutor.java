package org.labexport.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TaskExecutor} over JavaFX {@link Task}s on a small pool of named daemon threads ("labexport-ui-N"), so
 * success and failure callbacks run on the FX thread as JavaFX guarantees for Task, and the threads never keep the
 * JVM alive after the window closes.
 */
public final class FxTaskExecutor implements TaskExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler;

    public FxTaskExecutor() {
        this.pool = Executors.newFixedThreadPool(4, named("labexport-ui"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(named("labexport-ui-timer"));
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pool.execute(task(name, work, onSuccess, onFailure));
    }

    @Override
    public <T> void runAfter(String name, Duration delay, Callable<T> work, Consumer<T> onSuccess,
                             Consumer<Throwable> onFailure) {
        Task<T> task = task(name, work, onSuccess, onFailure);
        scheduler.schedule(() -> pool.execute(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <T> Task<T> task(String name, Callable<T> work, Consumer<T> onSuccess,
                                    Consumer<Throwable> onFailure) {
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }

            @Override
            protected void succeeded() {
                onSuccess.accept(getValue());
            }

            @Override
            protected void failed() {
                Throwable error = getException();
                LOG.warn("Background task '{}' failed", name, error);
                onFailure.accept(error);
            }
        };
    }

    @Override
    public AutoCloseable schedule(String name, Duration initialDelay, Duration period, Runnable work) {
        ScheduledFuture<?> future = scheduler.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("Scheduled task '{}' failed", name, e);
            }
        }, initialDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        // Let queued work finish (saving the window's bounds on close), then interrupt what is left.
        pool.shutdown();
        try {
            if (!pool.awaitTermination(3, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
