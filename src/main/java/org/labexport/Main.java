package org.labexport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: with no arguments it opens the desktop window; with only paths of existing files (as a file manager's
 * "Open with" passes them) it opens the window with those files in the create-export dialog; with a subcommand it
 * runs the command line and never touches the display. Kept free of JavaFX so the CLI path never loads the toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || allExistingFiles(args)) {
            org.labexport.ui.DesktopLauncher.launch(args);
        } else {
            System.exit(org.labexport.cli.LabExportCli.run(args));
        }
    }

    static boolean allExistingFiles(String[] args) {
        for (String a : args) {
            if (a.startsWith("-")) {
                return false;
            }
            try {
                if (!Files.isRegularFile(Path.of(a))) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }
}
