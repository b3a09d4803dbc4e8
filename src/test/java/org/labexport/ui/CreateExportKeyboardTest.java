package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/** The create-export dialog from the keyboard: Tab moves on from the description, Escape asks before discarding. */
class CreateExportKeyboardTest extends CreateDialogTestSupport {

    @Test
    void tabInTheDescriptionMovesFocusToTheFormatAndShiftTabBackToTheName() throws Exception {
        openDialog();
        TextArea description = robot.lookup("#description").queryAs(TextArea.class);
        ComboBox<?> format = robot.lookup("#format").queryAs(ComboBox.class);
        TextField name = robot.lookup("#name").queryAs(TextField.class);

        robot.clickOn(description).write("For the paper");
        awaitFx(description::isFocused);
        robot.type(KeyCode.TAB);

        awaitFx(format::isFocused);
        assertThat(onFx(() -> description.getText())).isEqualTo("For the paper"); // no tab typed into it

        robot.clickOn(description);
        awaitFx(description::isFocused);
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        awaitFx(name::isFocused);
    }

    @Test
    void fieldsHaveLinkedLabelsAndTheButtonsMnemonics() throws Exception {
        openDialog();
        List<Label> labels = onFx(() -> robot.lookup(".create-export .label").queryAllAs(Label.class).stream()
                .filter(l -> l.getLabelFor() != null).toList());
        assertThat(onFx(() -> labels.stream().map(l -> l.getLabelFor().getId()).toList()))
                .contains("name", "description", "format", "expiry", "destLocal");
        assertThat(onFx(() -> create().isMnemonicParsing() && create().getText().equals("_Create export"))).isTrue();
        assertThat(onFx(() -> robot.lookup("#addFolder").queryButton().getText())).isEqualTo("Add f_older...");
    }

    @Test
    void escapeOnAFilledDialogAsksAndKeepsItUnlessTheUserDiscards() throws Exception {
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(csv(data.resolve("a.csv"), 10)));
        awaitFx(() -> table().getItems().size() == 1);
        TextField name = robot.lookup("#name").queryAs(TextField.class);
        robot.clickOn(name);
        awaitFx(name::isFocused);

        robot.type(KeyCode.ESCAPE);

        confirmDialog("Cancel");
        awaitFx(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(onFx(() -> robot.lookup("#dropZone").tryQuery().isPresent())).as("dialog still open").isTrue();
        assertThat(onFx(() -> table().getItems().size())).isEqualTo(1);

        robot.clickOn(name);
        awaitFx(name::isFocused);
        robot.type(KeyCode.ESCAPE);
        confirmDialog("Discard");
        awaitFx(() -> robot.lookup("#dropZone").tryQuery().isEmpty());
    }

    @Test
    void escapeOnAnEmptyDialogClosesItWithoutAsking() throws Exception {
        openDialog();
        TextField name = robot.lookup("#name").queryAs(TextField.class);
        robot.clickOn(name);
        awaitFx(name::isFocused);

        robot.type(KeyCode.ESCAPE);

        awaitFx(() -> robot.lookup("#dropZone").tryQuery().isEmpty());
        assertThat(robot.lookup(".dialog-pane").tryQuery()).isEmpty();
    }
}
