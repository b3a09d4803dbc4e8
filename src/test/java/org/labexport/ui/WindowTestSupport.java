package org.labexport.ui;

import static org.awaitility.Awaitility.await;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.Toolkit;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.event.Event;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.app.LabExportApp;
import org.labexport.job.JobFixtures;
import org.labexport.pipeline.ExportRunner;
import org.labexport.pipeline.RunnerOptions;
import org.labexport.ui.common.FxTaskExecutor;
import org.labexport.ui.main.ExportJobCard;
import org.labexport.ui.main.JobItem;
import org.labexport.ui.main.MainWindow;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on a real home: each test gets its own LABEXPORT_HOME in a temporary folder with a real H2
 * database, a real export runner and the JavaFX toolkit headless (Monocle). Waits are conditions, never sleeps.
 */
abstract class WindowTestSupport {
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    protected AppServices services;
    protected LabExportApp app;
    protected ExportRunner runner;
    protected FxTaskExecutor executor;
    protected MainWindow window;
    protected JobFixtures fixtures;
    protected Path data;
    protected final FxRobot robot = new FxRobot();
    /** URIs the window asked the desktop to open. */
    protected final List<String> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void toolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void openWindow() throws Exception {
        services = TestHome.open(tmp.resolve("home"));
        app = LabExportApp.over(services, RunnerOptions.defaults());
        runner = app.runner();
        executor = new FxTaskExecutor();
        data = Files.createDirectories(tmp.resolve("data"));
        fixtures = new JobFixtures(services, data);
        prepare();
        window = onFx(() -> {
            MainWindow w = new MainWindow(new Stage(), app, executor, opened::add,
                    DesktopServices.connectionTest(), () -> true);
            w.show(List.of());
            return w;
        });
        // Start-up resumes the pending jobs it finds: a test's own pending job made before that has run could be
        // picked up and run by it, so tests begin once the window has loaded.
        awaitFx(() -> !window.viewModel().isLoading());
    }

    /** Jobs to have in the database before the window opens. */
    void prepare() throws Exception {
    }

    @AfterEach
    void closeWindow() throws Exception {
        // Cleanup closes every window as the user would, which asks about running exports or a filled dialog; those
        // questions have their own tests, so here windows close without asking.
        runFx(() -> javafx.stage.Window.getWindows().forEach(w -> w.setOnCloseRequest(null)));
        FxToolkit.cleanupStages();
        WaitForAsyncUtils.waitForFxEvents();
        executor.close();
        app.close();
    }

    static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }

    static void runFx(Runnable work) throws Exception {
        WaitForAsyncUtils.asyncFx(work).get(20, TimeUnit.SECONDS);
    }

    /** Waits until the condition, evaluated on the FX thread, holds. */
    static void awaitFx(Callable<Boolean> condition) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> onFx(condition));
    }

    /** Fires a button later on the FX thread without waiting: for buttons that open a modal dialog. */
    static void fireLater(Button b) {
        Platform.runLater(b::fire);
    }

    JobItem item(long id) throws Exception {
        return onFx(() -> window.viewModel().allJobs().stream().filter(i -> i.id() == id).findFirst().orElse(null));
    }

    /** The card showing a job, if its cell is on screen. */
    ExportJobCard card(long id) {
        return robot.lookup(".job-card").queryAllAs(ExportJobCard.class).stream()
                .filter(c -> c.item() != null && c.item().id() == id && c.isVisible() && c.getParent() != null)
                .findFirst().orElse(null);
    }

    /**
     * The card's button, once it takes clicks: a button that has just appeared after a state change ignores them
     * for a moment (ADR 0100).
     */
    Button cardButton(long id, String styleClass) throws Exception {
        awaitFx(() -> card(id) != null && !card(id).lookup("." + styleClass).isDisabled());
        return onFx(() -> (Button) card(id).lookup("." + styleClass));
    }

    /** Clicks the button of the open alert whose text, without its mnemonic mark, is {@code text}. */
    void confirmDialog(String text) {
        awaitFx(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        Button button = robot.lookup(".dialog-pane").queryAs(DialogPane.class).getButtonTypes().stream()
                .map(t -> (Button) robot.lookup(".dialog-pane").queryAs(DialogPane.class).lookupButton(t))
                .filter(b -> b.getText().replace("_", "").equals(text)).findFirst().orElseThrow();
        fireLater(button);
    }

    /**
     * Drops files on a node as the desktop does: a DRAG_DROPPED event carrying a dragboard with the files. (DRAG_OVER
     * is left out: accepting transfer modes needs a drag source, which a local dragboard does not have.)
     */
    static void dropFiles(Node target, List<Path> files) throws Exception {
        runFx(() -> {
            Dragboard board = DragboardHelper.createDragboard(Toolkit.getToolkit().createLocalClipboard());
            ClipboardContent content = new ClipboardContent();
            content.putFiles(files.stream().map(Path::toFile).map(File::getAbsoluteFile).toList());
            board.setContent(content);
            Event.fireEvent(target, new DragEvent(DragEvent.DRAG_DROPPED, board, 5, 5, 5, 5, TransferMode.COPY,
                    null, target, null));
        });
    }

    /** A CSV file of {@code rows} rows of five columns. */
    static Path csv(Path file, int rows) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,name,value,ok,day\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + ",sample-" + (i % 97) + "," + (i * 0.25) + "," + (i % 2 == 0) + ",2024-01-"
                        + (10 + i % 18) + "\n");
            }
        }
        return file;
    }

}
