package org.labexport.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobEvent;
import org.labexport.job.JobListener;

/**
 * The one place where service events reach the FX thread. Listeners are called on worker threads, often hundreds of
 * times a second per job; this adapter keeps only the latest snapshot of each job in a concurrent map and drains the
 * map with a single {@link Platform#runLater} per pulse, so the FX thread sees at most one update per job per pulse
 * however fast the workers report. See docs/decisions/0040-coalescing-event-adapter.md.
 */
public final class FxEventAdapter implements JobListener {

    private final Map<Long, JobEvent> latest = new ConcurrentHashMap<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Consumer<List<JobEvent>> sink;

    /** @param sink receives the coalesced events on the FX thread, at most one per job per drain */
    public FxEventAdapter(Consumer<List<JobEvent>> sink) {
        this.sink = sink;
    }

    @Override
    public void onJobEvent(JobEvent event) {
        latest.merge(event.jobId(), event, FxEventAdapter::newer);
        if (drainScheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    /**
     * Which of two events about one job to keep. Events from different threads can arrive out of order (a late
     * progress report after the cancel), so a snapshot never moves a job back from finished to active, and a
     * deletion always wins.
     */
    static JobEvent newer(JobEvent old, JobEvent incoming) {
        if (old.type() == JobEvent.Type.DELETED) {
            return old;
        }
        if (incoming.type() == JobEvent.Type.DELETED) {
            return incoming;
        }
        return supersedes(old.job(), incoming.job()) ? incoming : old;
    }

    /**
     * Whether {@code incoming} is at least as far along as {@code current}: a later life-cycle stage, or the same
     * stage with no less progress. A database snapshot read by the 2 s poll may lag the in-memory progress events
     * (progress is written at most every 500 ms), and must not make a progress bar jump back.
     */
    public static boolean supersedes(ExportJob current, ExportJob incoming) {
        int a = rank(current);
        int b = rank(incoming);
        if (a != b) {
            return b > a;
        }
        if (incoming.getStatus() == ExportStatus.PROCESSING && current.getStatus() == ExportStatus.PROCESSING) {
            return incoming.getProgress() >= current.getProgress()
                    && incoming.getProcessedFiles() + incoming.getFailedFiles()
                    >= current.getProcessedFiles() + current.getFailedFiles();
        }
        return true;
    }

    /** The position of a job in its life cycle: pending, processing, finished. */
    public static int rank(ExportJob job) {
        if (job == null) {
            return 0;
        }
        ExportStatus s = job.getStatus();
        if (s.isFinished()) {
            return 2;
        }
        return s == ExportStatus.PROCESSING ? 1 : 0;
    }

    private void drain() {
        // Clear the flag first: an event arriving while we drain schedules another drain instead of being lost.
        drainScheduled.set(false);
        List<JobEvent> batch = new ArrayList<>(latest.size());
        for (Long id : List.copyOf(latest.keySet())) {
            JobEvent e = latest.remove(id);
            if (e != null) {
                batch.add(e);
            }
        }
        if (!batch.isEmpty()) {
            sink.accept(batch);
        }
    }
}
