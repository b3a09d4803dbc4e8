package org.labexport.ui.main;

import java.time.Duration;
import java.time.Instant;
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
    private final ReadOnlyObjectWrapper<CardStatus> cardStatus = new ReadOnlyObjectWrapper<>(this, "cardStatus");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper percentText = new ReadOnlyStringWrapper(this, "percentText");
    private final ReadOnlyStringWrapper filesText = new ReadOnlyStringWrapper(this, "filesText");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper(this, "speedText");
    private final ReadOnlyStringWrapper detailsText = new ReadOnlyStringWrapper(this, "detailsText");
    private final ReadOnlyStringWrapper destinationText = new ReadOnlyStringWrapper(this, "destinationText");
    private final ReadOnlyStringWrapper ownerText = new ReadOnlyStringWrapper(this, "ownerText");
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(this, "cancellable");
    private final ReadOnlyBooleanWrapper retryable = new ReadOnlyBooleanWrapper(this, "retryable");
    private final ReadOnlyBooleanWrapper retryFailedPossible = new ReadOnlyBooleanWrapper(this, "retryFailedPossible");
    private final ReadOnlyBooleanWrapper localResult = new ReadOnlyBooleanWrapper(this, "localResult");
    private final ReadOnlyBooleanWrapper remoteResult = new ReadOnlyBooleanWrapper(this, "remoteResult");
    private final ReadOnlyBooleanWrapper hasErrors = new ReadOnlyBooleanWrapper(this, "hasErrors");
    /** Whether expiry removes this job's output (default exports folder or S3), so an expired job has no link. */
    private boolean managedOutput = true;
    /** Why a pending job waits, set by the list from how many jobs run. */
    private String waitingReason = "Queued for a worker";

    /**
     * Where the throughput is measured from: the first snapshot of this run seen processing. A job resumed after its
     * process died carries its original start and the bytes done before; measuring from there would mix the dead
     * process's work and the time it lay idle into the rate and the time left.
     */
    private Instant rateFrom;
    private long rateFromBytes;

    /** A card for a job whose output expiry removes (the safe default: no link once expired). */
    public JobItem(ExportJob snapshot, Instant now) {
        this(snapshot, now, true);
    }

    /** @param managedOutput whether expiry removes the job's output (see {@code LabExportApp#isManagedOutput}) */
    public JobItem(ExportJob snapshot, Instant now, boolean managedOutput) {
        this.id = snapshot.getId();
        this.managedOutput = managedOutput;
        update(snapshot, now);
    }

    public long id() {
        return id;
    }

    /** Takes a newer snapshot of the job; every text and flag follows. */
    public void update(ExportJob snapshot, Instant now, boolean managed) {
        this.managedOutput = managed;
        update(snapshot, now);
    }

    /** Takes a newer snapshot of the job; every text and flag follows. */
    public void update(ExportJob snapshot, Instant now) {
        job.set(snapshot);
        ExportStatus s = snapshot.getStatus();
        status.set(s);
        progress.set(progressOf(snapshot));
        name.set(snapshot.getName());
        description.set(snapshot.getDescription() == null ? "" : snapshot.getDescription());
        percentText.set(percentText(snapshot, progress.get()));
        filesText.set(filesText(snapshot));
        markRateStart(snapshot, now);
        speedText.set(speedText(snapshot, now));
        detailsText.set(detailsText(snapshot, now));
        destinationText.set(destination(snapshot));
        ownerText.set(ownerText(snapshot));
        cancellable.set(s.isActive());
        retryable.set(s == ExportStatus.FAILED || s == ExportStatus.CANCELLED);
        hasErrors.set(snapshot.getErrorMessage() != null && !snapshot.getErrorMessage().isBlank()
                || snapshot.getFailedFiles() > 0);
        refreshTimes(now);
    }

    /**
     * Re-renders what depends on the clock: "expires in 2 days", time left, and whether the job has expired (an
     * expired job offers no link to an output that expiry removes, even before the cleanup has run).
     */
    public void refreshTimes(Instant now) {
        ExportJob j = job.get();
        CardStatus shown = CardStatus.of(j, now);
        cardStatus.set(shown);
        statusText.set(shown.badgeText());
        speedText.set(j.getStatus() == ExportStatus.PENDING ? waitingReason : speedText(j, now));
        detailsText.set(detailsText(j, now));
        ExportStatus s = j.getStatus();
        boolean expired = shown == CardStatus.EXPIRED;
        boolean remote = isRemote(j);
        boolean deadOutput = expired && managedOutput;
        // A failed S3 upload keeps the finished export in the default folder: that local copy can be opened.
        boolean hasLocal = j.getOutputPath() != null && !startsWithS3(j.getOutputPath())
                && (s == ExportStatus.COMPLETED || s == ExportStatus.FAILED);
        localResult.set(hasLocal && !deadOutput);
        remoteResult.set(s == ExportStatus.COMPLETED && remote && !expired);
        retryFailedPossible.set(s == ExportStatus.COMPLETED && j.getFailedFileIds() != null
                && !j.getFailedFileIds().isEmpty());
    }

    /** Says why a pending job has not started; shown on its card in place of the throughput. */
    public void setWaitingReason(String reason) {
        if (reason != null && !reason.equals(waitingReason)) {
            waitingReason = reason;
            if (getStatus() == ExportStatus.PENDING) {
                speedText.set(reason);
            }
        }
    }

    static double progressOf(ExportJob j) {
        // A finished job's bar is full in the colour of its outcome; a failed one does not hang at 99 %.
        if (j.getStatus() == ExportStatus.COMPLETED || j.getStatus() == ExportStatus.FAILED) {
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

    private static String percentText(ExportJob j, double progress) {
        if (j.getStatus() == ExportStatus.FAILED) {
            return "ended";
        }
        return Math.round(progress * 100) + " %";
    }

    private static String filesText(ExportJob j) {
        StringBuilder sb = new StringBuilder();
        sb.append(j.getProcessedFiles()).append(" of ").append(j.getTotalFiles())
                .append(j.getTotalFiles() == 1 ? " file" : " files");
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
            if (j.isExpiredAt(now)) {
                sb.append(" · expired ").append(Formats.dateTime(j.getExpiresAt()));
            } else {
                sb.append(" · expires ").append(Formats.relativeFuture(j.getExpiresAt(), now));
            }
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

    public CardStatus getCardStatus() {
        return cardStatus.get();
    }

    /** The status the card shows (completed with errors, expired), finer than the stored one. */
    public ReadOnlyObjectProperty<CardStatus> cardStatusProperty() {
        return cardStatus.getReadOnlyProperty();
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

    /** Empty for my own jobs; "by USER on HOST" for a colleague's job in a shared lab list. */
    public ReadOnlyStringProperty ownerTextProperty() {
        return ownerText.getReadOnlyProperty();
    }

    static String ownerText(ExportJob j) {
        if (org.labexport.app.LabExportApp.isMine(j)) {
            return "";
        }
        return "by " + j.getUserId() + (j.getCreatedHost() == null ? "" : " on " + j.getCreatedHost());
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
