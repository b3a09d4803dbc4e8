package org.labexport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Starts the window with JavaFX as named modules, the only configuration JavaFX supports. The packaged launcher's
 * runtime has them already; {@code java -jar labexport.jar} puts every jar on the class path, where JavaFX warns
 * "Unsupported JavaFX configuration". In that case the window runs in a second JVM started with the JavaFX jars of
 * {@code lib/} on the module path (docs/decisions/0037-window-with-javafx-on-the-module-path.md).
 */
final class JavaFxLaunch {
    /** Set on the second JVM so that it never starts a third. */
    static final String RELAUNCHED = "labexport.javafx.relaunched";

    /** Internal JavaFX packages the ControlsFX notifications reach into from the class path. */
    private static final List<String> EXPORTS = List.of(
            "javafx.base/com.sun.javafx.event", "javafx.controls/com.sun.javafx.scene.control",
            "javafx.controls/com.sun.javafx.scene.control.behavior", "javafx.graphics/com.sun.javafx.scene",
            "javafx.graphics/com.sun.javafx.scene.traversal", "javafx.graphics/com.sun.javafx.css");

    private JavaFxLaunch() {
    }

    /**
     * The command that starts this application again with JavaFX on the module path, or empty when JavaFX is a named
     * module already (the packaged runtime), this is the second JVM, or there is no {@code lib/} with the JavaFX
     * jars beside the application's jar (tests, an IDE).
     */
    static Optional<List<String>> relaunchCommand(String[] args) {
        if (ModuleLayer.boot().findModule("javafx.graphics").isPresent() || System.getProperty(RELAUNCHED) != null) {
            return Optional.empty();
        }
        Optional<Path> jar = applicationJar();
        if (jar.isEmpty()) {
            return Optional.empty();
        }
        List<Path> javafx = javaFxJars(jar.get().resolveSibling("lib"));
        if (javafx.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.add("-D" + RELAUNCHED + "=true");
        cmd.add("--module-path");
        cmd.add(String.join(java.io.File.pathSeparator, javafx.stream().map(Path::toString).toList()));
        cmd.add("--add-modules");
        cmd.add("javafx.controls");
        for (String e : EXPORTS) {
            cmd.add("--add-exports");
            cmd.add(e + "=ALL-UNNAMED");
        }
        cmd.add("-jar");
        cmd.add(jar.get().toString());
        cmd.addAll(List.of(args));
        return Optional.of(cmd);
    }

    /**
     * Runs the command with this process's terminal and returns its exit code. Stopping this process (SIGTERM, a
     * desktop's quit) stops the window's JVM too, so that it never outlives its launcher.
     */
    static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        Thread stopWindow = new Thread(p::destroy, "labexport-stop-window");
        Runtime.getRuntime().addShutdownHook(stopWindow);
        int code = p.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stopWindow);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running
        }
        return code;
    }

    private static Optional<Path> applicationJar() {
        try {
            var source = JavaFxLaunch.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p)
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** This platform's JavaFX jars (the ones with a platform classifier; the plain ones are empty stand-ins). */
    static List<Path> javaFxJars(Path lib) {
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith("javafx-") && n.endsWith(".jar")
                        && n.matches("javafx-[a-z]+-[0-9.]+-(linux|win|mac)[-a-z0-9_]*\\.jar");
            }).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
