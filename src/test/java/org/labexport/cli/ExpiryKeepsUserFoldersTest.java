package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.TestHome.MutableClock;
import org.labexport.app.AppServices;
import org.labexport.base.AppHome;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.ExportRunner;

/**
 * Expiry removes the managed copies (the default exports folder) but never the files delivered into a folder the
 * user chose: real exports through the pipeline, then the real {@code labexport cleanup} once they have expired.
 */
class ExpiryKeepsUserFoldersTest {
    @TempDir
    Path dir;

    @Test
    void cleanupLeavesAUserFolderWholeAndEmptiesTheDefaultExportsFolder() throws Exception {
        AppHome home = new AppHome(dir.resolve("home"));
        Path userFolder = Files.createDirectories(dir.resolve("my-paper-figures"));
        Path input = Files.writeString(dir.resolve("figure1.csv"), "x,y\n1,2.5\n2,3.5\n");
        ExportJob toUser;
        ExportJob toDefault;
        // Made three hours ago with a one-hour expiry: both have expired by now.
        MutableClock past = new MutableClock(Instant.now().minus(Duration.ofHours(3)));
        try (AppServices s = TestHome.open(home.root(), past); ExportRunner runner = new ExportRunner(s)) {
            DataFile f = s.catalog().addFile(input, Map.of(), null);
            toUser = run(s, runner, NewExportJob.builder().name("to my folder").format(ExportFormat.JSON)
                    .fileIds(List.of(f.getId())).ttlHours(1).destination(userFolder.toString()).build());
            toDefault = run(s, runner, NewExportJob.builder().name("to the default folder").format(ExportFormat.JSON)
                    .fileIds(List.of(f.getId())).ttlHours(1).compress(true).build());
        }
        Path userOutput = Path.of(toUser.getOutputPath());
        Path defaultOutput = Path.of(toDefault.getOutputPath());
        assertThat(userOutput).startsWith(userFolder).isDirectory();
        assertThat(defaultOutput).startsWith(home.defaultExports()).isRegularFile();
        List<Path> userFilesBefore;
        try (var files = Files.walk(userFolder)) {
            userFilesBefore = files.sorted().toList();
        }

        CliRun cleanup = CliRun.run(home, "cleanup");

        assertThat(cleanup.exitCode()).isZero();
        assertThat(cleanup.out().strip()).isEqualTo("Cleaned up 2 expired export jobs");
        assertThat(CliRun.run(home, "jobs", "list", "--json").out().strip()).isEqualTo("[ ]");
        assertThat(defaultOutput).doesNotExist();
        try (var files = Files.walk(userFolder)) {
            assertThat(files.sorted().toList()).isEqualTo(userFilesBefore);
        }
        assertThat(userOutput.resolve("file_1_figure1.json")).isRegularFile();
    }

    private static ExportJob run(AppServices s, ExportRunner runner, NewExportJob request) throws Exception {
        ExportJob job = s.exports().createExportJob(request);
        runner.submit(job.getId());
        ExportJob done = runner.completion(job.getId()).get(60, TimeUnit.SECONDS);
        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        return done;
    }
}
