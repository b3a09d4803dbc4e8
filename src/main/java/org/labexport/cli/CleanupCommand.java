package org.labexport.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labexport cleanup [--json]}: deletes expired jobs and their managed outputs. */
@Command(name = "cleanup", description = "Delete expired export jobs and their managed outputs (never files in a"
        + " folder you chose).")
final class CleanupCommand extends CliCommand {
    @Option(names = "--json", description = "Print what was done as JSON ({\"count\": N}).")
    boolean json;

    @Override
    protected int execute(CliContext ctx) {
        int n = ctx.app().cleanup();
        if (json) {
            ctx.printJson(Map.of("count", n));
        } else {
            ctx.out().println("Cleaned up " + n + " expired export jobs");
        }
        return CliErrors.OK;
    }
}
