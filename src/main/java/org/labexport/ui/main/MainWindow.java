package org.labexport.ui.main;

import java.io.File;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.scene.input.TransferMode;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.labexport.app.LabExportApp;
import org.labexport.job.ExportJob;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;
import org.labexport.ui.common.DialogService;
import org.labexport.ui.common.FileManagerCheck;
import org.labexport.ui.common.FxDialogService;
import org.labexport.ui.common.TaskExecutor;
import org.labexport.ui.common.Theme;
import org.labexport.ui.common.ToastLayer;
import org.labexport.ui.common.WindowBounds;
import org.labexport.ui.create.CreateExportView;
import org.labexport.ui.create.CreateExportViewModel;
import org.labexport.ui.settings.SettingsView;
import org.labexport.ui.settings.SettingsViewModel;
import org.labexport.ui.stats.StatisticsView;
import org.labexport.ui.stats.StatisticsViewModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the window: builds the main view and its view model on a stage, wires the toolbar to the
 * create-export, statistics and settings windows, remembers the window's bounds and applies the theme.
 */
public final class MainWindow {
    private static final Logger LOG = LoggerFactory.getLogger(MainWindow.class);
    static final String ICON = "/org/labexport/ui/icon.png";
    private static final PseudoClass DROP_TARGET = PseudoClass.getPseudoClass("drop-target");

    private final Stage stage;
    private final LabExportApp app;
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final Function<S3Profile, String> connectionTest;
    private final MainViewModel vm;
    private final MainView view;
    private final ToastLayer toasts = new ToastLayer();
    private final Timeline clock;
    private final CloseGuard closeGuard;
    private Consumer<CompletableFuture<Void>> onExit = plan -> { };

    /**
     * @param documentOpener opens URIs on the desktop (HostServices::showDocument)
     * @param connectionTest checks an S3 profile off the FX thread (returns a message or throws)
     */
    public MainWindow(Stage stage, LabExportApp app, TaskExecutor executor,
                      Consumer<String> documentOpener, Function<S3Profile, String> connectionTest) {
        this(stage, app, executor, documentOpener, connectionTest, new FileManagerCheck());
    }

    /** @param fileManager whether the desktop can open folders (asked before Open folder) */
    public MainWindow(Stage stage, LabExportApp app, TaskExecutor executor, Consumer<String> documentOpener,
                      Function<S3Profile, String> connectionTest, BooleanSupplier fileManager) {
        this.stage = stage;
        this.app = app;
        this.executor = executor;
        this.connectionTest = connectionTest;
        this.dialogs = new FxDialogService(stage, documentOpener, toasts, fileManager);
        this.vm = new MainViewModel(app, executor, dialogs, Clock.systemUTC());
        this.closeGuard = new CloseGuard(app, dialogs);
        vm.setEditor(this::openEditAndRetry);
        Settings settings = app.settings();
        Theme theme = Theme.fromSetting(settings.getTheme());
        theme.apply();
        this.view = new MainView(vm, new MainView.Navigator() {
            @Override
            public void newExport() {
                openCreateExport(List.of());
            }

            @Override
            public void statistics() {
                openStatistics();
            }

            @Override
            public void settings() {
                openSettings();
            }

            @Override
            public void toggleTheme(boolean dark) {
                switchTheme(dark ? Theme.DARK : Theme.LIGHT);
            }
        }, theme == Theme.DARK);
        this.clock = new Timeline(new KeyFrame(Duration.seconds(30), e -> vm.tick()));
        clock.setCycleCount(Animation.INDEFINITE);
    }

    /** Shows the window and starts loading jobs; with files, opens the create dialog prefilled with them. */
    public void show(List<Path> files) {
        StackPane root = new StackPane(view, dropHint(), toasts);
        Scene scene = new Scene(root, 1100, 760);
        Theme.style(scene);
        // Files dropped anywhere on the main window start a new export with them; while files are dragged over
        // it, the window says so.
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                view.pseudoClassStateChanged(DROP_TARGET, true);
            }
        });
        scene.setOnDragExited(e -> view.pseudoClassStateChanged(DROP_TARGET, false));
        scene.setOnDragDropped(e -> {
            view.pseudoClassStateChanged(DROP_TARGET, false);
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                openCreateExport(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
        installShortcuts(scene);
        stage.setTitle("LabExport");
        stage.setScene(scene);
        stage.setMinWidth(720);
        stage.setMinHeight(480);
        loadIcon();
        restoreBounds(app.settings());
        stage.setOnHidden(e -> close());
        // Closing with exports running asks whether they go on without the window or are cancelled.
        stage.setOnCloseRequest(e -> closeGuard.closeRequested().ifPresentOrElse(onExit, e::consume));
        stage.show();
        vm.start();
        clock.play();
        if (!files.isEmpty()) {
            openCreateExport(files);
        }
    }

    /** The "drop files here" overlay shown while files are dragged over the window. */
    private Label dropHint() {
        Label hint = new Label("Drop the files to start a new export with them");
        hint.setId("dropHint");
        hint.getStyleClass().add("drop-hint");
        hint.setMouseTransparent(true);
        hint.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        hint.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> view.getPseudoClassStates().contains(DROP_TARGET), view.getPseudoClassStates()));
        return hint;
    }

    /** Ctrl+N new export, Ctrl+F search, Ctrl+, settings (Cmd on macOS). */
    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN),
                () -> openCreateExport(List.of()));
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
                view::focusSearch);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN),
                this::openSettings);
    }

    private void loadIcon() {
        try (InputStream in = MainWindow.class.getResourceAsStream(ICON)) {
            if (in != null) {
                stage.getIcons().setAll(new Image(in));
            }
        } catch (Exception e) {
            LOG.debug("No window icon", e);
        }
    }

    /**
     * Restores the saved bounds, made to fit the screen they are on now: bounds saved on a larger monitor shrink,
     * and a position off every screen (a laptop that lost its monitor) moves back onto the primary one.
     */
    private void restoreBounds(Settings s) {
        Double w = s.getWindowWidth();
        Double h = s.getWindowHeight();
        Double x = s.getWindowX();
        Double y = s.getWindowY();
        double width = w != null && w >= stage.getMinWidth() ? w : 1100;
        double height = h != null && h >= stage.getMinHeight() ? h : 760;
        Rectangle2D screen = WindowBounds.screenFor(x, y, width, height);
        boolean onScreen = x != null && y != null
                && !Screen.getScreensForRectangle(new Rectangle2D(x, y, 100, 100)).isEmpty();
        Rectangle2D fit = WindowBounds.clamp(onScreen ? x : null, onScreen ? y : null, width, height, screen);
        stage.setWidth(fit.getWidth());
        stage.setHeight(fit.getHeight());
        stage.setX(fit.getMinX());
        stage.setY(fit.getMinY());
    }

    /** Stops listening and remembers the window's bounds; called when the window closes. */
    public void close() {
        clock.stop();
        vm.stop();
        Settings s = app.settings();
        double x = stage.getX();
        double y = stage.getY();
        double w = stage.getWidth();
        double h = stage.getHeight();
        executor.run("save-window-bounds", () -> {
            synchronized (s) {
                s.setWindowX(x);
                s.setWindowY(y);
                s.setWindowWidth(w);
                s.setWindowHeight(h);
                app.settingsStore().save(s);
            }
        });
    }

    private void switchTheme(Theme theme) {
        theme.apply();
        Settings s = app.settings();
        executor.run("save-theme", () -> {
            synchronized (s) {
                s.setTheme(theme.settingValue());
                app.settingsStore().save(s);
            }
        });
    }

    /**
     * What the process does once the window has closed: {@code plan} completes when it may exit (at once, or when
     * the exports kept running have ended, or when the cancelled ones have stopped). The launcher exits then.
     */
    public void setOnExit(Consumer<CompletableFuture<Void>> handler) {
        this.onExit = handler;
    }

    /** Opens the create-export dialog, prefilled with {@code files}. */
    public Stage openCreateExport(List<Path> files) {
        CreateExportViewModel createVm = newCreateViewModel();
        if (!files.isEmpty()) {
            createVm.addPaths(files, () -> { });
        }
        return CreateExportView.open(stage, createVm, dialogs, this::jobCreated);
    }

    /** Opens the create-export dialog filled with a finished job's settings and files ("Edit and retry"). */
    public Stage openEditAndRetry(ExportJob job) {
        CreateExportViewModel createVm = newCreateViewModel();
        createVm.loadFrom(job);
        return CreateExportView.open(stage, createVm, dialogs, this::jobCreated);
    }

    private CreateExportViewModel newCreateViewModel() {
        return new CreateExportViewModel(app, executor, app.settings(), app.home().defaultExports());
    }

    /** Shows a job the dialog created and scrolls it into view, selected. */
    private void jobCreated(ExportJob job) {
        vm.jobCreated(job);
        view.list().getItems().stream().filter(i -> i.id() == job.getId()).findFirst().ifPresent(item -> {
            view.list().scrollTo(item);
            view.list().getSelectionModel().select(item);
        });
    }

    public Stage openStatistics() {
        return StatisticsView.open(stage, new StatisticsViewModel(app, executor));
    }

    public Stage openSettings() {
        SettingsViewModel settingsVm = new SettingsViewModel(app.settings(), app.settingsStore(), executor,
                connectionTest, saved -> {
                    Theme chosen = Theme.fromSetting(saved.getTheme());
                    chosen.apply();
                    view.showDark(chosen == Theme.DARK);
                    executor.run("apply-concurrency", () -> app.setMaxConcurrentJobs(saved.getMaxConcurrentJobs()));
                });
        return SettingsView.open(stage, settingsVm, dialogs);
    }

    public MainViewModel viewModel() {
        return vm;
    }

    /** The notifications shown in the window. */
    public ToastLayer toasts() {
        return toasts;
    }

    public MainView view() {
        return view;
    }

    public Stage stage() {
        return stage;
    }
}
