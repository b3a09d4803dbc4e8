package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;

/** The command line refuses options that would write an unreadable file before a job exists. */
class ExportOptionConflictsTest {
    @TempDir
    Path tmp;

    @Test
    void delimiterEqualToTheQuoteIsBadUsageAndNoJobIsCreated() throws Exception {
        Path a = Files.writeString(Files.createDirectories(tmp.resolve("data")).resolve("a.csv"), "x,y\n1,2\n");
        AppHome home = new AppHome(tmp.resolve("home"));

        CliRun run = CliRun.run(home, "export", a.toString(), "--format", "csv", "--option", "delimiter=\"",
                "--dest", tmp.resolve("out").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains("Options 'delimiter' and 'quote_char' of format csv are both '\"'");
        assertThat(tmp.resolve("out")).doesNotExist();
        CliRun jobs = CliRun.run(home, "jobs", "list", "--json");
        assertThat(jobs.out().replaceAll("\\s", "")).isEqualTo("[]");
    }
}
