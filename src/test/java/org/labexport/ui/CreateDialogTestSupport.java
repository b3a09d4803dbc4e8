package org.labexport.ui;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.labexport.convert.ExportFormat;
import org.labexport.ui.create.SelectedFile;

/** The create-export dialog opened from the real window, with lookups of its controls by id. */
abstract class CreateDialogTestSupport extends WindowTestSupport {

    Node openDialog() throws Exception {
        runFx(() -> robot.lookup("#newExport").queryButton().fire());
        awaitFx(() -> robot.lookup("#dropZone").tryQuery().isPresent());
        return robot.lookup("#dropZone").query();
    }

    @SuppressWarnings("unchecked")
    TableView<SelectedFile> table() {
        return robot.lookup("#files").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    void chooseFormat(ExportFormat format) throws Exception {
        ComboBox<ExportFormat> combo = robot.lookup("#format").queryAs(ComboBox.class);
        runFx(() -> combo.setValue(format));
    }

    Button create() {
        return robot.lookup("#create").queryButton();
    }

    /** The dialog's problem line, read on the FX thread. */
    String problem() throws Exception {
        return onFx(this::problemNow);
    }

    /** The problem line, for conditions that already run on the FX thread. */
    String problemNow() {
        return robot.lookup("#problem").queryAs(Label.class).getText();
    }
}
