package org.labexport.cli;

import java.util.List;
import java.util.Map;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labexport jobs list|show|cancel|delete|resume}: export jobs. */
@Command(name = "jobs", description = "List, show, cancel or delete export jobs.",
        subcommands = {
                JobsCommand.ListJobs.class,
                JobsCommand.Show.class,
                JobsCommand.Cancel.class,
                JobsCommand.Delete.class,
                ResumeJobsCommand.class,
        })
public final class JobsCommand extends GroupCommand {

    /** {@code jobs list [--status S] [--format F] [--limit N] [--json]} */
    @Command(name = "list", description = "List export jobs, newest first.")
    static final class ListJobs extends CliCommand {
        @Option(names = "--status", paramLabel = "S",
                description = "Only jobs in this status: pending, processing, completed, failed, cancelled.")
        ExportStatus status;

        @Option(names = "--format", paramLabel = "F",
                description = "Only jobs of this format: csv, tsv, json, excel, parquet, hdf5, zip.")
        ExportFormat format;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most N jobs (default ${DEFAULT-VALUE}; 0 for all).")
        int limit;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Override
        protected int execute(CliContext ctx) {
            if (limit < 0) {
                throw new CliUsageException("--limit must be 0 (all) or more, got " + limit + ".");
            }
            List<ExportJob> jobs = ctx.app().jobs(new JobQuery(status, format, limit, 0));
            if (json) {
                ctx.printJson(jobs.stream().map(JsonViews::job).toList());
                return CliErrors.OK;
            }
            if (jobs.isEmpty()) {
                ctx.out().println("No export jobs.");
                return CliErrors.OK;
            }
            java.time.Instant now = java.time.Instant.now();
            TextTable t = new TextTable("ID", "JOB KEY", "NAME", "FORMAT", "STATUS", "PROGRESS", "FILES", "CREATED");
            for (ExportJob j : jobs) {
                t.row(j.getId(), j.getJobKey(), TextTable.clip(j.getName(), 40), j.getExportFormat().wireName(),
                        statusText(j, now), j.getProgress() + "%", j.getProcessedFiles() + "/" + j.getTotalFiles(),
                        TextTable.time(j.getCreatedAt()));
            }
            t.print(ctx.out());
            return CliErrors.OK;
        }
    }

    /** The status, with "(expired)" for a job whose expiry passed but that cleanup has not removed yet. */
    static String statusText(ExportJob j, java.time.Instant now) {
        return j.getStatus().wireName() + (j.isExpiredAt(now) ? " (expired)" : "");
    }

    /** {@code jobs show ID|JOB_KEY [--json]} */
    @Command(name = "show", description = "Show one export job.")
    static final class Show extends CliCommand {
        @Parameters(paramLabel = "ID|JOB_KEY", description = "The job's id or job key.")
        String idOrKey;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        @Override
        protected int execute(CliContext ctx) {
            ExportJob job = ctx.app().show(idOrKey);
            Map<String, Object> view = JsonViews.job(job);
            Map<String, String> links = ctx.app().fileLinks(job);
            if (json) {
                if (!links.isEmpty()) {
                    view.put("file_links", links);
                }
                ctx.printJson(view);
                return CliErrors.OK;
            }
            int width = view.keySet().stream().mapToInt(String::length).max().orElse(0);
            for (Map.Entry<String, Object> e : view.entrySet()) {
                Object v = e.getValue();
                String text = v == null ? "" : v.toString();
                ctx.out().println(e.getKey() + ":" + " ".repeat(width - e.getKey().length() + 1) + text);
            }
            if (!links.isEmpty()) {
                ctx.out().println("file_links:");
                links.forEach((name, url) -> ctx.out().println("  " + name + "  " + url));
            }
            return CliErrors.OK;
        }
    }

    /** {@code jobs cancel ID [--json]} */
    @Command(name = "cancel", description = "Cancel a pending or processing job (a running export stops).")
    static final class Cancel extends CliCommand {
        @Parameters(paramLabel = "ID", description = "The job's id (or job key).")
        String idOrKey;

        @Option(names = "--json", description = "Print what was done as JSON (job_id, job_key, status).")
        boolean json;

        @Override
        protected int execute(CliContext ctx) {
            ExportJob cancelled = ctx.app().cancel(idOrKey);
            if (json) {
                ctx.printJson(JsonViews.done(cancelled, "cancelled"));
            } else {
                ctx.out().println("Cancelled job " + cancelled.getId() + " (" + cancelled.getJobKey() + ")");
            }
            return CliErrors.OK;
        }
    }

    /** {@code jobs delete ID [--json]} */
    @Command(name = "delete", description = "Delete a job and its output, wherever it is (a running job is"
            + " cancelled first).")
    static final class Delete extends CliCommand {
        @Parameters(paramLabel = "ID", description = "The job's id (or job key).")
        String idOrKey;

        @Option(names = "--json", description = "Print what was done as JSON (job_id, job_key, output_path).")
        boolean json;

        @Override
        protected int execute(CliContext ctx) {
            ExportJob job = ctx.app().delete(idOrKey);
            if (json) {
                ctx.printJson(JsonViews.done(job, "deleted"));
            } else {
                ctx.out().println("Deleted job " + job.getId() + " (" + job.getJobKey() + ")"
                        + (job.getOutputPath() != null ? " and its output " + job.getOutputPath() : ""));
            }
            return CliErrors.OK;
        }
    }
}
