package org.labexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Starting the window where there is no desktop: one line that points to the command line, exit 2, no stack trace. */
class NoDisplayTest {
    @TempDir
    Path home;

    @Test
    @EnabledOnOs({OS.LINUX, OS.FREEBSD, OS.OPENBSD, OS.SOLARIS})
    void withoutADisplayTheWindowSaysSoInOneLineAndExits2() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.labexport.Main").redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().put("LABEXPORT_HOME", home.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output.lines().toList()).as(output).containsExactly(Main.NO_DESKTOP);
        assertThat(output).contains("desktop session").contains("labexport --help");
    }

    @Test
    void aDisplayIsAssumedOnlyWhenOneIsNamed() {
        boolean desktopOs = System.getProperty("os.name").toLowerCase().matches("(windows|mac).*");
        assertThat(Main.hasDisplay(Map.of())).isEqualTo(desktopOs);
        assertThat(Main.hasDisplay(Map.of("DISPLAY", " "))).isEqualTo(desktopOs);
        assertThat(Main.hasDisplay(Map.of("DISPLAY", ":0"))).isTrue();
        assertThat(Main.hasDisplay(Map.of("WAYLAND_DISPLAY", "wayland-0"))).isTrue();
        assertThat(List.of(Main.NO_DESKTOP)).allSatisfy(m -> assertThat(m).doesNotContain("Exception"));
    }
}
