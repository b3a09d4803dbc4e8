package org.labexport.ui.common;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Notifications drawn inside the main window, bottom right, above the job list: themed by the window's stylesheet
 * (light or dark), wrapped to at most {@link #MAX_WIDTH} pixels, and never over a dialog, because every dialog is a
 * window of its own above the main window. At most three show at once; each hides after a few seconds unless the
 * pointer rests on it. See docs/decisions/0101-notifications-inside-the-window.md.
 */
public final class ToastLayer extends StackPane {
    static final double MAX_WIDTH = 380;
    private static final int MAX_SHOWN = 3;
    private static final Duration SHOWN_FOR = Duration.seconds(8);

    private final VBox stack = new VBox(8);

    public ToastLayer() {
        getStyleClass().add("toast-layer");
        setPickOnBounds(false);
        stack.setPickOnBounds(false);
        stack.setAlignment(Pos.BOTTOM_RIGHT);
        stack.setFillWidth(false);
        stack.setPadding(new Insets(16));
        stack.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(stack, Pos.BOTTOM_RIGHT);
        getChildren().add(stack);
    }

    /** Shows a notification; {@code action} runs (and the notification closes) when its link is clicked. */
    public void show(String title, String message, boolean error, String actionLabel, Runnable action) {
        VBox toast = new VBox(4);
        toast.getStyleClass().addAll("toast", "notification-bar", error ? "toast-error" : "toast-info");
        toast.setMaxWidth(MAX_WIDTH);
        toast.setPrefWidth(MAX_WIDTH);
        toast.setMinHeight(Region.USE_PREF_SIZE);
        Label heading = new Label(title);
        heading.getStyleClass().add("toast-title");
        heading.setWrapText(true);
        heading.setMinHeight(Region.USE_PREF_SIZE);
        Button close = new Button("×");
        close.getStyleClass().addAll("flat", "toast-close");
        close.setAccessibleText("Close notification");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, heading, spacer, close);
        top.setAlignment(Pos.TOP_LEFT);
        HBox.setHgrow(heading, Priority.SOMETIMES);
        Label text = new Label(message);
        text.getStyleClass().add("toast-message");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        toast.getChildren().addAll(top, text);
        Runnable dismiss = () -> stack.getChildren().remove(toast);
        close.setOnAction(e -> dismiss.run());
        if (actionLabel != null && action != null) {
            Hyperlink link = new Hyperlink(actionLabel);
            link.getStyleClass().add("toast-action");
            link.setOnAction(e -> {
                dismiss.run();
                action.run();
            });
            toast.getChildren().add(link);
        }
        PauseTransition timer = new PauseTransition(SHOWN_FOR);
        timer.setOnFinished(e -> dismiss.run());
        toast.hoverProperty().addListener((o, was, hovered) -> {
            if (hovered) {
                timer.pause();
            } else {
                timer.playFromStart();
            }
        });
        stack.getChildren().add(toast);
        while (stack.getChildren().size() > MAX_SHOWN) {
            stack.getChildren().remove(0);
        }
        timer.play();
    }

    /** The notifications on screen, oldest first (for tests). */
    public java.util.List<javafx.scene.Node> shown() {
        return java.util.List.copyOf(stack.getChildren());
    }
}
