package org.labexport.cli;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.labexport.job.ExportJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labexport jobs resume}: queues pending jobs again and resumes jobs left processing by a process that died,
 * runs them to the end in this process and prints each. Exit 0 when all completed with every file, else 1.
 */
@Command(name = "resume", description = "Resume interrupted jobs (and queued ones) and run them to the end.")
final class ResumeJobsCommand extends CliCommand {
    @Option(names = "--json", description = "Print the jobs as a JSON array.")
    boolean json;

    @Override
    protected int execute(CliContext ctx) throws InterruptedException {
        List<Long> ids = ctx.app().resume();
        if (ids.isEmpty() && !json) {
            ctx.out().println("No interrupted or pending jobs.");
            return CliErrors.OK;
        }
        ctx.err().println("Resuming " + ids.size() + " job(s)...");
        ctx.err().flush();
        int code = CliErrors.OK;
        List<java.util.Map<String, Object>> views = new java.util.ArrayList<>();
        for (long id : ids) {
            ExportJob done;
            try {
                done = ctx.app().completion(id).get();
            } catch (ExecutionException e) {
                done = ctx.app().job(id);
            }
            if (done == null) {
                continue;
            }
            if (JobOutput.exitCode(done) != CliErrors.OK) {
                code = CliErrors.FAILED;
            }
            if (json) {
                views.add(JsonViews.job(done));
            } else {
                JobOutput.print(ctx, done, false);
            }
        }
        if (json) {
            ctx.printJson(views);
        }
        return code;
    }
}
