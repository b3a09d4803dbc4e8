package org.labexport.cli;

import picocli.CommandLine.Command;

/** {@code labexport cleanup}: deletes expired jobs and their outputs. */
@Command(name = "cleanup", description = "Delete expired export jobs and their outputs.")
final class CleanupCommand extends CliCommand {
    @Override
    protected int execute(CliContext ctx) {
        int n = ctx.services().exports().cleanupExpiredJobs();
        ctx.out().println("Cleaned up " + n + " expired export jobs");
        return CliErrors.OK;
    }
}
