package org.labexport.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Starts the JavaFX application; the only class {@link org.labexport.Main} names on the desktop path. Arguments are
 * paths of files to put in the create-export dialog at start ("Open with LabExport"). */
public final class DesktopLauncher extends Application {

    public static void launch(String[] args) {
        Application.launch(DesktopLauncher.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("LabExport");
        stage.setScene(new Scene(new Label("LabExport"), 900, 600));
        stage.show();
    }
}
