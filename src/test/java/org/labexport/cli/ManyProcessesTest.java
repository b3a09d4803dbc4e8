package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any number of processes on one LABEXPORT_HOME, started at the same instant, all open the shared database: rounds
 * of eight {@code jobs list} on a fresh home while an export starts and runs (docs/decisions/0070). Before the fix,
 * a quarter of them failed with "Lock file recently modified" or a broken connection.
 */
class ManyProcessesTest {
    /** Rounds of eight processes; -Dlabexport.processRounds=N for a quicker local run. */
    private static final int ROUNDS = Integer.getInteger("labexport.processRounds", 10);
    private static final int AT_ONCE = 8;

    @TempDir
    Path dir;

    @Test
    void eightProcessesStartedTogetherAllSucceedWhileAnExportRuns() throws Exception {
        Path home = dir.resolve("home");
        Path logs = dir.resolve("processes");
        StringBuilder csv = new StringBuilder("sample,value,flag\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append('S').append(i).append(',').append(i * 0.5).append(',').append(i % 2 == 0).append('\n');
        }
        Path input = Files.writeString(dir.resolve("samples.csv"), csv);

        LabExportProcess export = null;
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<LabExportProcess> batch = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                batch.add(LabExportProcess.start(home, logs, "list-" + round + "-" + i, Map.of(), "jobs", "list"));
            }
            if (export == null) {
                // Started with the first round, so that it opens the fresh home together with eight others and then
                // loses the servers it connected to as they exit.
                export = LabExportProcess.start(home, logs, "export", Map.of(), "export", input.toString(),
                        "--format", "json", "--dest", dir.resolve("out").toString());
            }
            for (LabExportProcess p : batch) {
                assertThat(p.process().waitFor(120, TimeUnit.SECONDS)).as("jobs list finished").isTrue();
                if (p.process().exitValue() != 0) {
                    failures.add("round " + round + ": exit " + p.process().exitValue() + ": " + p.stderr());
                }
            }
        }
        assertThat(export.process().waitFor(120, TimeUnit.SECONDS)).as("export finished").isTrue();
        assertThat(failures).isEmpty();
        assertThat(export.process().exitValue()).as(export.stderr()).isZero();
        assertThat(export.stdout()).contains("completed, 1 of 1 files exported");
    }
}
