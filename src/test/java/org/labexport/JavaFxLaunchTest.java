package org.labexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's JVM gets JavaFX on the module path when the application was started from the class path. */
class JavaFxLaunchTest {
    @TempDir
    Path dir;

    @Test
    void onlyThisPlatformsJavaFxJarsGoOnTheModulePath() throws Exception {
        for (String n : List.of("javafx-base-21.0.11.jar", "javafx-base-21.0.11-linux.jar",
                "javafx-graphics-21.0.11-linux.jar", "javafx-controls-21.0.11-win.jar", "controlsfx-11.2.1.jar",
                "atlantafx-base-2.0.1.jar")) {
            Files.createFile(dir.resolve(n));
        }
        assertThat(JavaFxLaunch.javaFxJars(dir)).extracting(p -> p.getFileName().toString()).containsExactly(
                "javafx-base-21.0.11-linux.jar", "javafx-controls-21.0.11-win.jar",
                "javafx-graphics-21.0.11-linux.jar");
        assertThat(JavaFxLaunch.javaFxJars(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void testsAndTheSecondJvmAreNeverRelaunched() {
        // Classes come from target/classes here, not from a jar with lib/ beside it.
        assertThat(JavaFxLaunch.relaunchCommand(new String[0])).isEmpty();
    }

    @Test
    void theBuiltJarStartsTheWindowWithJavaFxAsModules() throws Exception {
        Path jar = Path.of("target", "labexport.jar");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(jar)
                && !JavaFxLaunch.javaFxJars(jar.toAbsolutePath().resolveSibling("lib")).isEmpty(),
                "needs the packaged jar and its lib/ (mvn package)");
        // A child JVM from the jar prints the command it would use for the window instead of running it.
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + java.io.File.pathSeparator + Path.of("target", "test-classes"), "org.labexport.JavaFxLaunchProbe").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("--module-path").contains("javafx-graphics-").contains("--add-modules")
                .contains("javafx.controls").contains("-D" + JavaFxLaunch.RELAUNCHED + "=true").contains("-jar");
    }
}
