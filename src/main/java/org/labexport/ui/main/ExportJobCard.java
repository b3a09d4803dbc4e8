package org.labexport.ui.main;

import java.util.List;
import java.util.function.Consumer;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.labexport.job.ExportStatus;

/**
 * One job as a card: name, status badge, description, progress bar with percent, file and byte counts, throughput
 * and time left, format and dates, destination, and the actions that fit the state. The card is reused by the list's
 * cells: {@link #show(JobItem)} rebinds it to another job; updates of the same job reach it through bindings only.
 */
public final class ExportJobCard extends VBox {
    private static final List<PseudoClass> STATUS_CLASSES = List.of(ExportStatus.values()).stream()
            .map(s -> PseudoClass.getPseudoClass(s.wireName())).toList();

    private final Label name = new Label();
    private final Label badge = new Label();
    private final Label description = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final Label percent = new Label();
    private final Label files = new Label();
    private final Label speed = new Label();
    private final Label details = new Label();
    private final Label destination = new Label();
    private final Button cancel = new Button("Cancel");
    private final Button retry = new Button("Retry");
    private final Button retryFailed = new Button("Retry failed files");
    private final Button editRetry = new Button("Edit and retry");
    private final Button openFolder = new Button("Open folder");
    private final Button openLink = new Button("Open link");
    private final Button copyLink = new Button("Copy link");
    private final Button showErrors = new Button("Show errors");
    private final Button delete = new Button("Delete");
    private final ChangeListener<ExportStatus> statusListener = (obs, old, now) -> showStatus(now);

    private JobItem item;

    public ExportJobCard(MainViewModel actions) {
        getStyleClass().add("job-card");
        name.getStyleClass().addAll("job-name", "title-4");
        badge.getStyleClass().add("status-badge");
        description.getStyleClass().addAll("job-description", "text-muted");
        description.setWrapText(false);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add("job-progress");
        HBox.setHgrow(progress, Priority.ALWAYS);
        percent.getStyleClass().add("job-percent");
        percent.setMinWidth(48);
        percent.setAlignment(Pos.CENTER_RIGHT);
        files.getStyleClass().add("job-files");
        speed.getStyleClass().addAll("job-speed", "text-muted");
        details.getStyleClass().addAll("job-details", "text-muted");
        destination.getStyleClass().addAll("job-destination", "text-muted");

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, name, spacer, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox bar = new HBox(10, progress, percent);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox counts = new HBox(16, files, speed);
        HBox buttons = new HBox(6, cancel, retry, editRetry, retryFailed, openFolder, openLink, copyLink, showErrors, delete);
        buttons.getStyleClass().add("job-actions");
        for (var b : buttons.getChildren()) {
            b.getStyleClass().add("small");
            b.managedProperty().bind(b.visibleProperty());
        }
        cancel.getStyleClass().addAll("danger", "action-cancel");
        retry.getStyleClass().add("action-retry");
        retryFailed.getStyleClass().add("action-retry-failed");
        editRetry.getStyleClass().add("action-edit-retry");
        openFolder.getStyleClass().add("action-open-folder");
        openLink.getStyleClass().add("action-open-link");
        copyLink.getStyleClass().add("action-copy-link");
        showErrors.getStyleClass().add("action-show-errors");
        delete.getStyleClass().add("action-delete");
        delete.getStyleClass().addAll("flat", "danger");
        setSpacing(4);
        getChildren().addAll(header, description, bar, counts, details, destination, buttons);

        cancel.setOnAction(e -> run(actions::cancel));
        retry.setOnAction(e -> run(actions::retry));
        retryFailed.setOnAction(e -> run(actions::retryFailedFiles));
        editRetry.setOnAction(e -> run(actions::editAndRetry));
        openFolder.setOnAction(e -> run(actions::openFolder));
        openLink.setOnAction(e -> run(actions::openLink));
        copyLink.setOnAction(e -> run(actions::copyLink));
        showErrors.setOnAction(e -> run(actions::showErrors));
        delete.setOnAction(e -> run(actions::delete));
    }

    private void run(Consumer<JobItem> action) {
        if (item != null) {
            action.accept(item);
        }
    }

    /** Binds the card to a job; a no-op when it already shows that job. */
    public void show(JobItem next) {
        if (next == item) {
            return;
        }
        if (item != null) {
            item.statusProperty().removeListener(statusListener);
        }
        item = next;
        name.textProperty().bind(next.nameProperty());
        badge.textProperty().bind(next.statusTextProperty());
        description.textProperty().bind(next.descriptionProperty());
        description.visibleProperty().bind(next.descriptionProperty().isNotEmpty());
        description.managedProperty().bind(description.visibleProperty());
        progress.progressProperty().bind(next.progressProperty());
        percent.textProperty().bind(next.percentTextProperty());
        files.textProperty().bind(next.filesTextProperty());
        speed.textProperty().bind(next.speedTextProperty());
        details.textProperty().bind(next.detailsTextProperty());
        destination.textProperty().bind(next.destinationTextProperty());
        cancel.visibleProperty().bind(next.cancellableProperty());
        retry.visibleProperty().bind(next.retryableProperty());
        retryFailed.visibleProperty().bind(next.retryFailedPossibleProperty());
        editRetry.visibleProperty().bind(next.retryableProperty());
        openFolder.visibleProperty().bind(next.localResultProperty());
        openLink.visibleProperty().bind(next.remoteResultProperty());
        copyLink.visibleProperty().bind(next.localResultProperty().or(next.remoteResultProperty()));
        showErrors.visibleProperty().bind(next.hasErrorsProperty());
        next.statusProperty().addListener(statusListener);
        showStatus(next.getStatus());
    }

    private void showStatus(ExportStatus status) {
        for (ExportStatus s : ExportStatus.values()) {
            badge.pseudoClassStateChanged(STATUS_CLASSES.get(s.ordinal()), s == status);
            pseudoClassStateChanged(STATUS_CLASSES.get(s.ordinal()), s == status);
        }
    }

    /** The job this card shows, or null. */
    public JobItem item() {
        return item;
    }
}
