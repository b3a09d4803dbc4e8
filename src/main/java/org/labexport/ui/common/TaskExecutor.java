package org.labexport.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The one way the window runs background work: the work runs on a named daemon thread, and its result or error is
 * handed to a callback on the FX thread. Nothing in the views or view models starts threads of its own.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Runs {@code work} off the FX thread; {@code onSuccess} or {@code onFailure} then runs on the FX thread. */
    <T> void run(String name, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /**
     * As {@link #run(String, Callable, Consumer, Consumer)}, starting the work only after {@code delay}: for work
     * that each keystroke would ask for again, where only the latest request counts. Runs at once by default.
     */
    default <T> void runAfter(String name, Duration delay, Callable<T> work, Consumer<T> onSuccess,
                              Consumer<Throwable> onFailure) {
        run(name, work, onSuccess, onFailure);
    }

    /** Runs {@code work} off the FX thread and ignores its result; a failure is logged. */
    default void run(String name, Runnable work) {
        run(name, () -> {
            work.run();
            return null;
        }, ignored -> {
        }, error -> {
        });
    }

    /** Runs {@code work} off the FX thread every {@code period}, first after {@code initialDelay}; failures are logged
     * and do not stop the schedule. The returned handle stops it. */
    AutoCloseable schedule(String name, Duration initialDelay, Duration period, Runnable work);

    /** Stops the worker threads; running work is interrupted. */
    @Override
    void close();
}
