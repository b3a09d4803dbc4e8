package org.labexport;

/**
 * Entry point: with no arguments it opens the desktop window; with a subcommand it runs the command line and never
 * touches the display. Kept free of JavaFX so that the CLI path never loads the toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            org.labexport.ui.DesktopLauncher.launch(args);
        } else {
            System.exit(org.labexport.cli.LabExportCli.run(args));
        }
    }
}
