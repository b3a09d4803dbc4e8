package org.labexport.ui.main;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.ui.common.Formats;

/**
 * The view model of one job card: the latest snapshot of the job and the texts and flags the card binds to. The job
 * list keeps one JobItem per job for the life of the window and updates it in place, so cells never rebuild.
 */
public final class JobItem {
    private final long id;
    private final ReadOnlyObjectWrapper<ExportJob> job = new ReadOnlyObjectWrapper<>(this, "job");
    private final ReadOnlyObjectWrapper<ExportStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper percentText = new ReadOnlyStringWrapper(this, "percentText");
    private final ReadOnlyStringWrapper filesText = new ReadOnlyStringWrapper(this, "filesText");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText");
    private final ReadOnlyStringWrapper detailsText = new ReadOnlyStringWrapper(this, "detailsText");
    private final ReadOnlyStringWrapper destinationText = new ReadOnlyStringWrapper(this, "destinationText");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    private final ReadOnlyBooleanWrapper retryable = new ReadOnlyBooleanWrapper(this, "retryable");
    private final ReadOnlyBooleanWrapper retryFailedPossible = new ReadOnlyBooleanWrapper(this, "retryFailedPossible");
    private final ReadOnlyBooleanWrapper localResult = new ReadOnlyBooleanWrapper(this, "localResult");
    private final ReadOnlyBooleanWrapper remoteResult = new ReadOnlyBooleanWrapper(this, "remoteResult");
    private final ReadOnlyBooleanWrapper hasErrors = new ReadOnlyBooleanWrapper(this, "hasErrors");

    /**
     * Where the throughput is measured from: the first snapshot of this run seen processing. A job resumed after its
     * process died carries its original start and the bytes done before; measuring from there would mix the dead
     * process's work and the time it lay idle into the rate and the time left.
     */
    private Instant rateFrom;
    private long rateFromBytes;

    public JobItem(ExportJob snapshot, Instant now) {
        this.id = snapshot.getId();
        update(snapshot, now);
    }

    public long id() {
        return id;
    }

    /** Takes a newer snapshot of the job; every text and flag follows. */
    public void update(ExportJob snapshot, Instant now) {
        job.set(snapshot);
        ExportStatus s = snapshot.getStatus();
        status.set(s);
        progress.set(progressOf(snapshot));
        name.set(snapshot.getName());
        description.set(snapshot.getDescription() == null ? "" : snapshot.getDescription());
        statusText.set(s.wireName().toUpperCase(Locale.ROOT));
        percentText.set(Math.round(progress.get() * 100) + " %");
        filesText.set(filesText(snapshot));
        markRateStart(snapshot, now);
        speedText.set(speedText(snapshot, now));
        detailsText.set(detailsText(snapshot, now));
        destinationText.set(destination(snapshot));
        cancellable.set(s.isActive());
        retryable.set(s == ExportStatus.FAILED || s == ExportStatus.CANCELLED);
        retryFailedPossible.set(s == ExportStatus.COMPLETED && snapshot.getFailedFileIds() != null
                && !snapshot.getFailedFileIds().isEmpty());
        boolean remote = isRemote(snapshot);
        localResult.set(s == ExportStatus.COMPLETED && !remote && snapshot.getOutputPath() != null);
        remoteResult.set(s == ExportStatus.COMPLETED && remote);
        hasErrors.set(snapshot.getErrorMessage() != null && !snapshot.getErrorMessage().isBlank()
                || snapshot.getFailedFiles() > 0);
    }

    /** Re-renders the texts that depend on the clock ("expires in 2 days", time left). */
    public void refreshTimes(Instant now) {
        ExportJob j = job.get();
        speedText.set(speedText(j, now));
        detailsText.set(detailsText(j, now));
    }

    static double progressOf(ExportJob j) {
        if (j.getStatus() == ExportStatus.COMPLETED) {
            return 1.0;
        }
        return Math.max(0, Math.min(100, j.getProgress())) / 100.0;
    }

    static boolean isRemote(ExportJob j) {
        return startsWithS3(j.getDestination()) || startsWithS3(j.getOutputPath());
    }

    private static boolean startsWithS3(String s) {
        return s != null && s.startsWith("s3://");
    }

    private static String filesText(ExportJob j) {
        StringBuilder sb = new StringBuilder();
        sb.append(j.getProcessedFiles()).append(" of ").append(j.getTotalFiles()).append(" files");
        if (j.getFailedFiles() > 0) {
            sb.append(" · ").append(j.getFailedFiles()).append(" failed");
        }
        if (j.getBytesTotal() > 0) {
            sb.append(" · ").append(Formats.bytes(j.getBytesDone())).append(" of ").append(Formats.bytes(j.getBytesTotal()));
        } else if (j.getBytesDone() > 0) {
            sb.append(" · ").append(Formats.bytes(j.getBytesDone()));
        }
        if (j.getStatus() == ExportStatus.COMPLETED && j.getOutputSize() != null) {
            sb.append(" · output ").append(Formats.bytes(j.getOutputSize()));
        }
        return sb.toString();
    }

    private void markRateStart(ExportJob j, Instant now) {
        if (j.getStatus() != ExportStatus.PROCESSING) {
            rateFrom = null;
            return;
        }
        if (rateFrom == null || j.getBytesDone() < rateFromBytes) {
            // From the moment the window first sees this run processing (a fresh job: its start, within an event's
            // delay), never from the original start of a resumed one; bytes going down mean a new run.
            rateFrom = now;
            rateFromBytes = j.getBytesDone();
        }
    }

    /** Throughput of this run as the window saw it and the time left at that rate; empty unless processing. */
    private String speedText(ExportJob j, Instant now) {
        long bytes = j.getBytesDone() - rateFromBytes;
        if (j.getStatus() != ExportStatus.PROCESSING || rateFrom == null || bytes <= 0) {
            return "";
        }
        double seconds = Math.max(0.001, Duration.between(rateFrom, now).toMillis() / 1000.0);
        double rate = bytes / seconds;
        String text = Formats.bytes((long) rate) + "/s";
        long remaining = j.getBytesTotal() - j.getBytesDone();
        if (remaining > 0 && rate > 0) {
            text += " · about " + Formats.duration(Duration.ofSeconds((long) Math.ceil(remaining / rate))) + " left";
        }
        return text;
    }

    private static String detailsText(ExportJob j, Instant now) {
        StringBuilder sb = new StringBuilder(j.getExportFormat().displayName());
        sb.append(" · created ").append(Formats.dateTime(j.getCreatedAt()));
        if (j.getExpiresAt() != null) {
            sb.append(" · expires ").append(Formats.relativeFuture(j.getExpiresAt(), now));
        }
        return sb.toString();
    }

    private static String destination(ExportJob j) {
        if (j.getStatus() == ExportStatus.COMPLETED && j.getOutputPath() != null) {
            return j.getOutputPath();
        }
        return j.getDestination() == null ? "default exports folder" : j.getDestination();
    }

    public ExportJob getJob() {
        return job.get();
    }

    public ReadOnlyObjectProperty<ExportJob> jobProperty() {
        return job.getReadOnlyProperty();
    }

    public ExportStatus getStatus() {
        return status.get();
    }

    public ReadOnlyObjectProperty<ExportStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public double getProgress() {
        return progress.get();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty percentTextProperty() {
        return percentText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty filesTextProperty() {
        return filesText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty speedTextProperty() {
        return speedText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty detailsTextProperty() {
        return detailsText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty destinationTextProperty() {
        return destinationText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cancellableProperty() {
        return cancellable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryableProperty() {
        return retryable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty retryFailedPossibleProperty() {
        return retryFailedPossible.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty localResultProperty() {
        return localResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty remoteResultProperty() {
        return remoteResult.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasErrorsProperty() {
        return hasErrors.getReadOnlyProperty();
    }
}
