package org.labexport.ui.main;

import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.value.ChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * One job as a compact card: name and status badge, description, progress bar with percent, file and byte counts
 * with throughput or why it waits, format, dates and destination, and the actions that fit the state. Every text is
 * one line cut with an ellipsis (the full text in a tooltip), so a card is never wider than the list.
 *
 * <p>The card is reused by the list's cells: {@link #show(JobItem)} rebinds it to another job; updates of the same
 * job reach it through bindings only. An action that appears because the job changed state (Retry after Cancel,
 * Open folder when the job finishes) ignores clicks for {@link #SWAP_GUARD}, so a double-click or a click aimed at
 * the button that was there does not land on it. See docs/decisions/0100-card-actions-after-a-state-change.md.
 */
public final class ExportJobCard extends VBox {
    /** How long an action that has just appeared stays disabled. */
    static final Duration SWAP_GUARD = Duration.millis(700);
    private static final List<PseudoClass> STATUS_CLASSES = List.of(CardStatus.values()).stream()
            .map(s -> PseudoClass.getPseudoClass(s.styleName())).toList();

    private final Label name = line("job-name", "title-4");
    private final Label badge = new Label();
    private final Label description = line("job-description", "text-muted");
    private final ProgressBar progress = new ProgressBar();
    private final Label percent = new Label();
    private final Label counts = line("job-files");
    private final Label details = line("job-details", "text-muted");
    private final Label owner = line("job-owner", "text-muted");
    private final Button cancel = new Button("Cancel");
    private final Button retry = new Button("Retry");
    private final Button retryFailed = new Button("Retry failed files");
    private final Button editRetry = new Button("Edit and retry");
    private final Button openFolder = new Button("Open folder");
    private final Button openLink = new Button("Open link");
    private final Button copyLink = new Button("Copy link");
    private final Button showErrors = new Button("Show errors");
    private final Button verify = new Button("Verify");
    private final Button delete = new Button("Delete");
    private final ChangeListener<CardStatus> statusListener = (obs, old, now) -> showStatus(now);

    private JobItem item;
    /** True while {@link #show} binds another job: actions appearing then are not a state change. */
    private boolean rebinding;

    public ExportJobCard(MainViewModel actions) {
        getStyleClass().add("job-card");
        badge.getStyleClass().add("status-badge");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.getStyleClass().add("job-progress");
        HBox.setHgrow(progress, Priority.ALWAYS);
        percent.getStyleClass().add("job-percent");
        percent.setMinWidth(Region.USE_PREF_SIZE);
        percent.setPrefWidth(52);
        percent.setAlignment(Pos.CENTER_RIGHT);

        HBox.setHgrow(name, Priority.ALWAYS);
        owner.managedProperty().bind(owner.visibleProperty());
        HBox header = new HBox(10, name, owner, badge);
        header.setAlignment(Pos.CENTER_LEFT);
        HBox bar = new HBox(10, progress, percent);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(4, cancel, retry, editRetry, retryFailed, openFolder, openLink, copyLink, verify, showErrors,
                delete);
        buttons.getStyleClass().add("job-actions");
        buttons.setMinWidth(Region.USE_PREF_SIZE);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        for (var node : buttons.getChildren()) {
            Button b = (Button) node;
            b.getStyleClass().add("small");
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.managedProperty().bind(b.visibleProperty());
            b.visibleProperty().addListener((o, was, shown) -> {
                if (shown && !rebinding) {
                    holdOff(b);
                }
            });
        }
        cancel.getStyleClass().addAll("danger", "action-cancel");
        retry.getStyleClass().add("action-retry");
        retryFailed.getStyleClass().add("action-retry-failed");
        editRetry.getStyleClass().add("action-edit-retry");
        openFolder.getStyleClass().add("action-open-folder");
        openLink.getStyleClass().add("action-open-link");
        copyLink.getStyleClass().add("action-copy-link");
        showErrors.getStyleClass().add("action-show-errors");
        verify.getStyleClass().add("action-verify");
        delete.getStyleClass().addAll("action-delete", "flat", "danger");
        delete.setAccessibleText("Delete this export");
        HBox.setHgrow(details, Priority.ALWAYS);
        HBox footer = new HBox(8, details, buttons);
        footer.setAlignment(Pos.CENTER_LEFT);
        setSpacing(3);
        setMinWidth(0);
        getChildren().addAll(header, description, bar, counts, footer);

        cancel.setOnAction(e -> run(actions::cancel));
        retry.setOnAction(e -> run(actions::retry));
        retryFailed.setOnAction(e -> run(actions::retryFailedFiles));
        editRetry.setOnAction(e -> run(actions::editAndRetry));
        openFolder.setOnAction(e -> run(actions::openFolder));
        openLink.setOnAction(e -> run(actions::openLink));
        copyLink.setOnAction(e -> run(actions::copyLink));
        showErrors.setOnAction(e -> run(actions::showErrors));
        verify.setOnAction(e -> run(actions::verify));
        delete.setOnAction(e -> run(actions::delete));
    }

    /** A one-line label that gives up width before the card grows, cut with an ellipsis, full text in a tooltip. */
    private static Label line(String... styleClasses) {
        Label l = new Label();
        l.getStyleClass().addAll(styleClasses);
        l.setWrapText(false);
        l.setTextOverrun(OverrunStyle.ELLIPSIS);
        l.setMinWidth(0);
        l.setMaxWidth(Double.MAX_VALUE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(l.textProperty());
        tip.setWrapText(true);
        tip.setMaxWidth(600);
        l.setTooltip(tip);
        return l;
    }

    /** Disables an action that has just appeared for a moment, so a click meant for its predecessor misses it. */
    private static void holdOff(Button b) {
        b.setDisable(true);
        PauseTransition wait = new PauseTransition(SWAP_GUARD);
        wait.setOnFinished(e -> b.setDisable(false));
        wait.play();
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
            item.cardStatusProperty().removeListener(statusListener);
        }
        item = next;
        rebinding = true;
        try {
            name.textProperty().bind(next.nameProperty());
            badge.textProperty().bind(next.statusTextProperty());
            description.textProperty().bind(next.descriptionProperty());
            description.visibleProperty().bind(next.descriptionProperty().isNotEmpty());
            description.managedProperty().bind(description.visibleProperty());
            progress.progressProperty().bind(next.progressProperty());
            percent.textProperty().bind(next.percentTextProperty());
            counts.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> join(next.filesTextProperty().get(), next.speedTextProperty().get()),
                    next.filesTextProperty(), next.speedTextProperty()));
            details.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> join(next.detailsTextProperty().get(), "to " + next.destinationTextProperty().get()),
                    next.detailsTextProperty(), next.destinationTextProperty()));
            cancel.visibleProperty().bind(next.cancellableProperty());
            retry.visibleProperty().bind(next.retryableProperty());
            retryFailed.visibleProperty().bind(next.retryFailedPossibleProperty());
            editRetry.visibleProperty().bind(next.retryableProperty());
            openFolder.visibleProperty().bind(next.localResultProperty());
            openLink.visibleProperty().bind(next.remoteResultProperty());
            copyLink.visibleProperty().bind(next.localResultProperty()
                    .and(next.statusProperty().isEqualTo(org.labexport.job.ExportStatus.COMPLETED))
                    .or(next.remoteResultProperty()));
            showErrors.visibleProperty().bind(next.hasErrorsProperty());
            verify.visibleProperty().bind(next.localResultProperty().or(next.remoteResultProperty()));
            owner.textProperty().bind(next.ownerTextProperty());
            owner.visibleProperty().bind(next.ownerTextProperty().isNotEmpty());
            for (Button b : List.of(cancel, retry, editRetry, retryFailed, openFolder, openLink, copyLink, verify, showErrors,
                    delete)) {
                b.setDisable(false);
            }
        } finally {
            rebinding = false;
        }
        next.cardStatusProperty().addListener(statusListener);
        showStatus(next.getCardStatus());
    }

    private static String join(String a, String b) {
        if (b == null || b.isBlank()) {
            return a;
        }
        return a == null || a.isBlank() ? b : a + " · " + b;
    }

    private void showStatus(CardStatus status) {
        for (CardStatus s : CardStatus.values()) {
            badge.pseudoClassStateChanged(STATUS_CLASSES.get(s.ordinal()), s == status);
            pseudoClassStateChanged(STATUS_CLASSES.get(s.ordinal()), s == status);
        }
    }

    /** The job this card shows, or null. */
    public JobItem item() {
        return item;
    }
}
