package org.labexport.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;
import org.labexport.base.CancelSignal;

/**
 * The stop flags of one running job, handed to every conversion as its {@link CancelSignal}. A cancel (by the user,
 * here or in another process) ends the job cancelled and deletes its work; a stop (the runner closing) only
 * interrupts it, leaving its work folder for {@link ExportRunner#resumeInterrupted()}.
 */
final class JobExecution implements CancelSignal {
    private final long jobId;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile long cancelledAtNanos;

    JobExecution(long jobId) {
        this.jobId = jobId;
    }

    long jobId() {
        return jobId;
    }

    void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            cancelledAtNanos = System.nanoTime();
        }
    }

    void stop() {
        stopping.set(true);
    }

    boolean isUserCancelled() {
        return cancelled.get();
    }

    boolean isStopping() {
        return stopping.get() && !cancelled.get();
    }

    long cancelledAtNanos() {
        return cancelledAtNanos;
    }

    @Override
    public boolean isCancelled() {
        return cancelled.get() || stopping.get();
    }
}
