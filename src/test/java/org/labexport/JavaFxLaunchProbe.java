package org.labexport;

/** Prints the command the window would be started with when the application runs from its jar (a test's child JVM). */
final class JavaFxLaunchProbe {
    private JavaFxLaunchProbe() {
    }

    public static void main(String[] args) {
        System.out.println(JavaFxLaunch.relaunchCommand(args).map(c -> String.join(" ", c)).orElse("no relaunch"));
    }
}
