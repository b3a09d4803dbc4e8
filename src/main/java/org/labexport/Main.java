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
        boolean window = args.length == 0 || allExistingFiles(args);
        // Before the first logger exists: the window may show warnings on the console, the CLI never prints
        // log lines (its errors are short messages on stderr; details go to the log file).
        setIfAbsent(CONSOLE_LEVEL, window ? "WARN" : "OFF");
        setIfAbsent("org.jboss.logging.provider", "slf4j");
        // Configuring logging takes a cold JVM a few hundred ms; do it on the other core while the command line is
        // parsed and the database opened. Loggers asked for meanwhile are SLF4J's stand-ins until it is ready.
        setIfAbsent("slf4j.internal.verbosity", "ERROR"); // no note on stderr about calls replayed after that
        Thread logging = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "labexport-logging-init");
        logging.setDaemon(true);
        logging.start();
        if (window) {
            org.labexport.ui.DesktopLauncher.launch(args);
        } else {
            System.exit(org.labexport.cli.LabExportCli.run(args));
        }
    }

    /** System property read by logback.xml: the lowest level printed on the console (OFF for the CLI). */
    public static final String CONSOLE_LEVEL = "labexport.console.level";

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
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
