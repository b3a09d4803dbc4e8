package org.labexport.pipeline;

import java.util.function.Consumer;
import org.labexport.job.JobProgress;

/**
 * Byte-based progress of one job: percent = bytes of source consumed over all files' bytes, so that one big file
 * moves the bar instead of holding it at 0%. Never goes down, stays below 100 until {@link #finish()} (packaging and
 * delivery come after the last byte is read), and reports processed and failed counts as files finish. Thread-safe:
 * the conversion threads of one job all report here.
 */
public final class ProgressTracker {
    /** Least time between two reports that change nothing but bytes, so listeners are not flooded. */
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;

    private final long[] done;
    private final long[] size;
    private final long total;
    private final Consumer<JobProgress> sink;
    private long doneSum;
    private int processed;
    private int failed;
    private int lastPercent;
    private long lastEmit;

    /**
     * @param sizes        each file's size in bytes, in the job's file order
     * @param floorPercent progress already reported by an earlier run of this job (a resumed job never goes back)
     */
    public ProgressTracker(long[] sizes, int floorPercent, Consumer<JobProgress> sink) {
        this.size = sizes.clone();
        this.done = new long[sizes.length];
        long t = 0;
        for (long s : sizes) {
            t += Math.max(0, s);
        }
        this.total = t;
        this.sink = sink;
        this.lastPercent = Math.max(0, Math.min(99, floorPercent));
    }

    /** Bytes of file {@code index} consumed so far, as the converter reports them (scaled to the file's size). */
    public void update(int index, long bytesDone, long bytesTotal) {
        long scaled = bytesTotal > 0 && bytesTotal != size[index]
                ? (long) ((double) bytesDone / bytesTotal * size[index]) : bytesDone;
        synchronized (this) {
            long clamped = Math.max(done[index], Math.min(size[index], scaled));
            doneSum += clamped - done[index];
            done[index] = clamped;
            emit(false);
        }
    }

    /** File {@code index} is finished, exported or not. */
    public synchronized void fileFinished(int index, boolean ok) {
        doneSum += size[index] - done[index];
        done[index] = size[index];
        if (ok) {
            processed++;
        } else {
            failed++;
        }
        emit(true);
    }

    /** The whole job is delivered: 100%. */
    public synchronized void finish() {
        lastPercent = 100;
        sink.accept(new JobProgress(100, processed, failed, total, total));
    }

    public synchronized int processed() {
        return processed;
    }

    public synchronized int failed() {
        return failed;
    }

    public synchronized int percent() {
        return lastPercent;
    }

    private void emit(boolean force) {
        int files = done.length;
        int percent;
        if (total > 0) {
            percent = (int) (doneSum * 100 / total);
        } else {
            percent = files == 0 ? 0 : (processed + failed) * 100 / files;
        }
        percent = Math.max(lastPercent, Math.min(99, percent));
        long now = System.nanoTime();
        if (!force && percent == lastPercent && now - lastEmit < MIN_INTERVAL_NANOS) {
            return;
        }
        lastPercent = percent;
        lastEmit = now;
        sink.accept(new JobProgress(percent, processed, failed, doneSum, total));
    }
}
