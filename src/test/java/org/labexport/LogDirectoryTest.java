package org.labexport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;
import org.labexport.base.LogDirectory;

/** logback.xml finds the log folder the same way AppHome finds the home. */
class LogDirectoryTest {
    @TempDir
    Path dir;

    @AfterEach
    void clear() {
        System.clearProperty("labexport.home");
        System.clearProperty("labexport.logdir");
    }

    @Test
    void logsLiveInTheHomeResolvedLikeAppHome() {
        System.setProperty("labexport.home", dir.toString());
        assertThat(new LogDirectory().getPropertyValue()).isEqualTo(dir.resolve("logs").toString());
        assertThat(AppHome.fromEnvironment().logs()).isEqualTo(dir.resolve("logs"));
    }

    @Test
    void anExplicitLogFolderWins() {
        System.setProperty("labexport.home", dir.toString());
        System.setProperty("labexport.logdir", dir.resolve("elsewhere").toString());
        assertThat(new LogDirectory().getPropertyValue()).isEqualTo(dir.resolve("elsewhere").toString());
    }
}
