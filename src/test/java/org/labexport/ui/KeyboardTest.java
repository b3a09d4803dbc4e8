package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.labexport.job.ExportJob;

/** The main window by keyboard: Ctrl+N, Ctrl+F, Delete on a selected card, and labels that name their fields. */
class KeyboardTest extends WindowTestSupport {
    private ExportJob failed;

    @Override
    void prepare() {
        failed = fixtures.aFailedJob();
    }

    private Scene scene() {
        return window.stage().getScene();
    }

    /**
     * Presses a key as the keyboard does: on the focused node (or the scene's root), through the scene. Fired later
     * without waiting, since a key may open a modal dialog.
     */
    private void press(KeyCode code, boolean control) {
        Platform.runLater(() -> {
            Node target = scene().getFocusOwner() != null ? scene().getFocusOwner() : scene().getRoot();
            Event.fireEvent(target, new KeyEvent(KeyEvent.KEY_PRESSED, "", "", code, false, control, false, false));
        });
    }

    @Test
    void ctrlNOpensTheNewExportDialog() throws Exception {
        press(KeyCode.N, true);
        awaitFx(() -> robot.lookup("#dropZone").tryQuery().isPresent());
    }

    @Test
    void ctrlFPutsTheCursorInTheSearchField() throws Exception {
        TextField search = window.view().search();
        assertThat(onFx(() -> scene().getFocusOwner() == search)).isFalse();
        press(KeyCode.F, true);
        awaitFx(() -> scene().getFocusOwner() == search);
    }

    @Test
    void deleteOnASelectedCardAsksToDeleteThatJob() throws Exception {
        awaitFx(() -> window.view().list().getItems().size() == 1);
        runFx(() -> {
            window.view().list().getSelectionModel().select(0);
            window.view().list().requestFocus();
        });
        press(KeyCode.DELETE, false);
        awaitFx(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String question = onFx(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
                .getContentText());
        assertThat(question).contains(failed.getName());
        confirmDialog("Delete");
        awaitFx(() -> item(failed.getId()) == null);
        assertThat(services.exports().getExportJob(failed.getId())).isEmpty();
    }

    @Test
    void theFilterBarsLabelsNameTheirControls() throws Exception {
        for (String id : new String[] {"statusFilter", "formatFilter", "dateFilter", "sort"}) {
            Node control = robot.lookup("#" + id).query();
            boolean labelled = onFx(() -> robot.lookup(".label").queryAllAs(Label.class).stream()
                    .anyMatch(l -> l.getLabelFor() == control));
            assertThat(labelled).as("a label for #%s", id).isTrue();
        }
    }
}
