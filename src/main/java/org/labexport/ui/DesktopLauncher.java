package org.labexport.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.labexport.app.LabExportApp;
import org.labexport.base.AppHome;
import org.labexport.ui.common.FxTaskExecutor;
import org.labexport.ui.common.TaskExecutor;
import org.labexport.ui.common.Theme;
import org.labexport.ui.main.MainWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the JavaFX application; the only class {@link org.labexport.Main} names on the desktop path. Arguments are
 * paths of files to put in the create-export dialog at start ("Open with LabExport"). */
public final class DesktopLauncher extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(DesktopLauncher.class);

    private TaskExecutor executor;
    private volatile LabExportApp app;

    public static void launch(String... args) {
        Application.launch(DesktopLauncher.class, args);
    }

    @Override
    public void start(Stage stage) {
        List<Path> files = new ArrayList<>();
        for (String a : getParameters().getUnnamed()) {
            files.add(Path.of(a).toAbsolutePath());
        }
        Theme.LIGHT.apply();
        // The process may outlive the window (exports kept running in the background): it exits when the window's
        // close plan says so, not when the last window closes.
        Platform.setImplicitExit(false);
        stage.setOnCloseRequest(e -> Platform.exit());
        // Opening the database may migrate it or wait for another process serving it: show the window at once
        // and do that off the FX thread.
        ProgressIndicator spinner = new ProgressIndicator();
        Label starting = new Label("Starting LabExport...");
        VBox splash = new VBox(12, spinner, starting);
        splash.setAlignment(Pos.CENTER);
        stage.setTitle("LabExport");
        stage.setScene(new Scene(splash, 1100, 760));
        stage.show();
        executor = new FxTaskExecutor();
        executor.run("open-services", () -> {
            AppHome home = AppHome.fromEnvironment().ensureExists();
            app = LabExportApp.open(home);
            // Deletes expired jobs now and hourly, on its own thread.
            app.startExpiryCleaner();
            return app;
        }, opened -> {
            MainWindow window = new MainWindow(stage, opened, executor,
                    uri -> getHostServices().showDocument(uri),
                    DesktopServices.connectionTest());
            // Platform.exit may be called from any thread; run apart from the close event, so the window hides (and
            // starts saving its bounds) first, also when nothing was running.
            window.setOnExit(plan -> plan.whenCompleteAsync((done, error) -> Platform.exit()));
            window.show(files);
        }, error -> {
            LOG.error("LabExport could not start", error);
            starting.setText("LabExport could not start: " + error.getMessage()
                    + "\nSee the log in LABEXPORT_HOME/logs.");
            spinner.setVisible(false);
        });
    }

    @Override
    public void stop() {
        // Stop the workers and close the database; the window is already gone, so waiting here blocks nobody.
        Thread closer = new Thread(() -> {
            if (app != null) {
                app.close();
            }
        }, "labexport-shutdown");
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (executor != null) {
            executor.close();
        }
        Platform.exit();
    }
}
