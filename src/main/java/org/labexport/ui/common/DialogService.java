package org.labexport.ui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything that asks the user something or hands something to the desktop: confirmations, messages, file choosers,
 * notifications, opening folders and links. View models talk to this interface only, so they never build a JavaFX
 * dialog themselves and can be driven in tests.
 */
public interface DialogService {

    /** Asks a yes/no question; true when the user confirmed with {@code confirmLabel}. */
    boolean confirm(String title, String message, String confirmLabel);

    /**
     * Asks a question with several answers, given as button labels; empty when the user dismissed it. The default asks
     * a yes/no question whose yes is the first answer.
     */
    default Optional<String> choose(String title, String message, List<String> answers) {
        return confirm(title, message, answers.get(0)) ? Optional.of(answers.get(0)) : Optional.empty();
    }

    /** Shows an error a researcher can act on (never a stack trace). */
    void showError(String title, String message);

    /** Shows a longer text, such as the per-file failures of a job, in a scrollable read-only area. */
    void showDetails(String title, String header, String details);

    /** As {@link #showDetails(String, String, String)}, with an error icon when {@code error}. */
    default void showDetails(String title, String header, String details, boolean error) {
        showDetails(title, header, details);
    }

    /** Opens a folder with the desktop's file manager, or says where it is when the desktop has none. */
    default void openFolder(Path folder) {
        openExternal(folder.toUri().toString());
    }

    /** Lets the user pick files; empty when cancelled. */
    List<Path> chooseFiles(String title);

    /** Lets the user pick a folder; empty when cancelled. */
    Optional<Path> chooseFolder(String title, Path initial);

    /** A notification naming what happened, with an optional action (null for none). */
    void notify(String title, String message, boolean error, String actionLabel, Runnable action);

    /** Opens a folder, file or link with the desktop's default application. */
    void openExternal(String uri);

    /** Puts text on the system clipboard. */
    void copyToClipboard(String text);
}
