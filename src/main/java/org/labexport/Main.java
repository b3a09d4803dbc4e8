package org.labexport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Entry point: with no arguments it opens the desktop window; with only paths of existing files (as a file manager's
 * "Open with" passes them) it opens the window with those files in the create-export dialog; with a subcommand it
 * runs the command line and never touches the display. Kept free of JavaFX so the CLI path never loads the toolkit,
 * and so that JavaFX is started by {@code Application.launch} from a class that is not the Application itself.
 * Without a display it says so in one line and exits 2.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        boolean window = args.length == 0 || allExistingFiles(args);
        // Before the first logger exists: the window may show warnings on the console, the CLI never prints
        // log lines (its errors are short messages on stderr; details go to the log file).
        setIfAbsent(CONSOLE_LEVEL, window ? "WARN" : "OFF");
        // Configuring logging takes a cold JVM a few hundred ms; do it on the other core while the command line is
        // parsed and the database opened. Loggers asked for meanwhile are SLF4J's stand-ins until it is ready.
        setIfAbsent("slf4j.internal.verbosity", "ERROR"); // no note on stderr about calls replayed after that
        Thread logging = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "labexport-logging-init");
        logging.setDaemon(true);
        logging.start();
        int code = window ? openWindow(args) : org.labexport.cli.LabExportCli.run(args);
        awaitLogging(logging);
        System.exit(code);
    }

    /** How long a finished command waits for logging to be configured before it exits anyway. */
    static final long LOGGING_WAIT_MILLIS = 5_000;

    /**
     * Lines logged while logging is still being configured are held and written once it is; a quick command (one
     * that fails at once, say) could exit before that and lose them, an error's details among them. So the process
     * waits for it, boundedly: a log folder that hangs must not hang the command.
     */
    private static void awaitLogging(Thread logging) {
        try {
            logging.join(LOGGING_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a person sees when the window cannot open: one line, no stack trace. */
    static final String NO_DESKTOP = "LabExport's window needs a desktop session (no display is available here);"
            + " the command line works without one: labexport --help";

    /** Exit code when the window cannot open for want of a display: the same as bad usage. */
    static final int NO_DESKTOP_EXIT = 2;

    /** Opens the window and returns when it closes: 0, or {@link #NO_DESKTOP_EXIT} without a display. */
    private static int openWindow(String[] args) {
        if (!hasDisplay(System.getenv())) {
            System.err.println(NO_DESKTOP);
            return NO_DESKTOP_EXIT;
        }
        try {
            java.util.Optional<java.util.List<String>> relaunch = JavaFxLaunch.relaunchCommand(args);
            if (relaunch.isPresent()) {
                return JavaFxLaunch.run(relaunch.get());
            }
            org.labexport.ui.DesktopLauncher.launch(args);
            return 0;
        } catch (java.io.IOException e) {
            org.slf4j.LoggerFactory.getLogger(Main.class).error("The window's JVM could not start", e);
            System.err.println("LabExport's window could not start: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException | Error e) {
            // A display that is named but cannot be opened (a closed SSH forwarding, a stopped X server): JavaFX
            // fails to start its toolkit. The details go to the log.
            org.slf4j.LoggerFactory.getLogger(Main.class).error("The window could not start", e);
            System.err.println(NO_DESKTOP);
            return NO_DESKTOP_EXIT;
        }
    }

    /**
     * False on Linux and other X11/Wayland systems when neither DISPLAY nor WAYLAND_DISPLAY is set (an SSH session,
     * a server, CI); Windows and macOS always have their desktop.
     */
    static boolean hasDisplay(java.util.Map<String, String> env) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
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
