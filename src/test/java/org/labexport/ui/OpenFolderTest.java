package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import org.junit.jupiter.api.Test;
import org.labexport.ui.common.FxDialogService;
import org.labexport.ui.common.ToastLayer;

/** Open folder on a desktop without a file manager says where the export is instead of doing nothing. */
class OpenFolderTest extends WindowTestSupport {

    @Test
    void withoutAFileManagerOpenFolderNamesTheFolder() throws Exception {
        Path folder = tmp.resolve("exports").resolve("export_1");
        FxDialogService noFileManager = onFx(() -> new FxDialogService(window.stage(), opened::add, new ToastLayer(),
                () -> false));
        Platform.runLater(() -> noFileManager.openFolder(folder));

        awaitFx(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        String text = onFx(() -> robot.lookup(".dialog-pane").queryAs(DialogPane.class).getContentText());
        assertThat(text).contains(folder.toString()).contains("no program registered to open folders");
        assertThat(opened).isEmpty();
        confirmDialog("OK");
    }

    @Test
    void withAFileManagerOpenFolderHandsTheFolderToTheDesktop() throws Exception {
        Path folder = tmp.resolve("exports").resolve("export_2");
        FxDialogService desktop = onFx(() -> new FxDialogService(window.stage(), opened::add, new ToastLayer(),
                () -> true));
        runFx(() -> desktop.openFolder(folder));
        assertThat(opened).containsExactly(folder.toUri().toString());
    }
}
