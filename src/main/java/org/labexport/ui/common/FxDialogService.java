package org.labexport.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DialogService} with JavaFX alerts and choosers, in-window notifications and the application's host services. */
public final class FxDialogService implements DialogService {
    private static final Logger LOG = LoggerFactory.getLogger(FxDialogService.class);

    private final Window owner;
    private final Consumer<String> documentOpener;
    private final ToastLayer toasts;
    private final BooleanSupplier fileManager;

    /**
     * @param owner          the main window, owner of every dialog
     * @param documentOpener opens a URI on the desktop (the application's {@code HostServices::showDocument})
     * @param toasts         where notifications show, inside the main window
     * @param fileManager    whether the desktop can open folders ({@link FileManagerCheck})
     */
    public FxDialogService(Window owner, Consumer<String> documentOpener, ToastLayer toasts,
                           BooleanSupplier fileManager) {
        this.owner = owner;
        this.documentOpener = documentOpener;
        this.toasts = toasts;
        this.fileManager = fileManager;
    }

    /** The same service with its dialogs owned by another window (a dialog's questions stay over that dialog). */
    public FxDialogService ownedBy(Window window) {
        return new FxDialogService(window, documentOpener, toasts, fileManager);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        ButtonType yes = new ButtonType(mnemonic(confirmLabel), ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType("_Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, yes, no);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().filter(yes::equals).isPresent();
    }

    @Override
    public Optional<String> choose(String title, String message, List<String> answers) {
        List<ButtonType> buttons = new java.util.ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            buttons.add(new ButtonType(answers.get(i), i == 0 ? ButtonBar.ButtonData.OK_DONE
                    : i == answers.size() - 1 ? ButtonBar.ButtonData.CANCEL_CLOSE : ButtonBar.ButtonData.OTHER));
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, buttons.toArray(ButtonType[]::new));
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        return alert.showAndWait().map(ButtonType::getText);
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.show();
    }

    /** "Delete" becomes "_Delete": Alt+D presses it. */
    static String mnemonic(String label) {
        return label.contains("_") ? label : "_" + label;
    }

    @Override
    public void showDetails(String title, String header, String details) {
        showDetails(title, header, details, false);
    }

    @Override
    public void showDetails(String title, String header, String details, boolean error) {
        Alert alert = new Alert(error ? Alert.AlertType.ERROR : Alert.AlertType.INFORMATION, null,
                new ButtonType("_Close", ButtonBar.ButtonData.CANCEL_CLOSE));
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(header);
        TextArea text = new TextArea(details);
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefRowCount(14);
        text.setPrefColumnCount(70);
        alert.getDialogPane().setContent(text);
        alert.setResizable(true);
        alert.show();
    }

    @Override
    public List<Path> chooseFiles(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        List<File> files = chooser.showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        if (initial != null && Files.isDirectory(initial)) {
            chooser.setInitialDirectory(initial.toFile());
        }
        return Optional.ofNullable(chooser.showDialog(owner)).map(File::toPath);
    }

    @Override
    public void notify(String title, String message, boolean error, String actionLabel, Runnable action) {
        toasts.show(title, message, error, actionLabel, action);
    }

    @Override
    public void openExternal(String uri) {
        try {
            documentOpener.accept(uri);
        } catch (RuntimeException e) {
            LOG.warn("Could not open {}", uri, e);
            showError("Could not open", "The desktop could not open " + uri + ".");
        }
    }

    @Override
    public void openFolder(Path folder) {
        if (!fileManager.getAsBoolean()) {
            copyToClipboard(folder.toString());
            showError("No file manager to open the folder", "This desktop has no program registered to open "
                    + "folders, so LabExport cannot show it. The export is in:\n" + folder
                    + "\n\nThe path is on the clipboard.");
            return;
        }
        openExternal(folder.toUri().toString());
    }

    @Override
    public void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
