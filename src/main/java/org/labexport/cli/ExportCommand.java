package org.labexport.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.labexport.app.ExportRequest;
import org.labexport.app.LabExportApp;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExpiryLimits;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;
import org.labexport.publish.PackageFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code labexport export FILE... --format F ...}: adds the files to the catalog, creates the job and runs it in this
 * process with progress on stderr, then prints the job. Exit 0 when every file was exported, 1 when the job failed or
 * some files failed, 2 for bad usage. Ctrl-C (or SIGTERM) cancels the job, waits until its temporary files and
 * partial output are gone, and exits 130 (143).
 */
@Command(name = "export", description = "Export files to a format, into a folder or an S3 bucket, and wait for it.")
final class ExportCommand extends CliCommand {
    private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Data files to export (added to the catalog).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", required = true, paramLabel = "F",
            description = "csv, tsv, json, excel, parquet, hdf5 or zip.")
    String format;

    @Option(names = "--name", paramLabel = "N", description = "Name of the export (default: from the first file,"
            + " as the window names it).")
    String name;

    @Option(names = "--description", paramLabel = "D", description = "What the export is for.")
    String description;

    @Option(names = "--file-id", paramLabel = "ID", description = "A catalog file to include (repeatable).")
    List<Long> fileIds = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "ID", description = "A dataset id or name to include (repeatable).")
    List<String> datasets = new ArrayList<>();

    @Option(names = "--metadata", description = "Add export_metadata.json.")
    boolean metadata;

    @Option(names = "--lineage", description = "Add lineage (datasets, run, processing steps) to the manifest.")
    boolean lineage;

    @Option(names = "--compress", description = "Deliver one ZIP instead of a folder.")
    boolean compress;

    @Option(names = "--ttl-hours", paramLabel = "H", description = "Hours until the export expires ("
            + ExpiryLimits.MIN_HOURS + "-" + ExpiryLimits.MAX_HOURS + ", default " + ExpiryLimits.DEFAULT_HOURS + ").")
    Integer ttlHours;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A format option (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--dest", paramLabel = "DIR|s3://[PROFILE@]BUCKET/PREFIX",
            description = "Where the export goes; PROFILE names a saved S3/MinIO profile (default: the default one).")
    String dest;

    @Option(names = "--json", description = "Print the job as JSON.")
    boolean json;

    @Option(names = "--upload", description = "Shared lab mode: also put the files in the lab bucket"
            + " (LABEXPORT_LAB_FILES), so a worker on another machine can read them.")
    boolean upload;

    @Option(names = "--queue", description = "Create the job and return at once; the window or"
            + " 'labexport jobs resume' runs it.")
    boolean queue;

    @Option(names = "--package", paramLabel = "P", description = "none (default) or bagit: a BagIt bag with an"
            + " RO-Crate (ro-crate-metadata.json) describing every file.")
    String packageFormat;

    @Option(names = "--project", paramLabel = "ID", description = "Project the export belongs to (in the manifest"
            + " and the crate).")
    String project;

    @Option(names = "--license", paramLabel = "L", description = "Licence for the crate: an SPDX id (CC-BY-4.0) or"
            + " a URL (default: from the settings).")
    String license;

    @Option(names = "--author", paramLabel = "A", description = "Author for the crate: a name or an ORCID URL"
            + " (default: from the settings).")
    String author;

    @Override
    protected int execute(CliContext ctx) throws Exception {
        ExportFormat fmt = ExportFormat.fromWireName(format).orElseThrow(() -> new CliUsageException(
                "Unknown format '" + format + "': use one of " + ExportFormat.wireNames() + "."));
        PackageFormat pkg = packageFormat == null ? PackageFormat.NONE : PackageFormat.fromWireName(packageFormat)
                .orElseThrow(() -> new CliUsageException("Unknown package '" + packageFormat + "': use one of "
                        + PackageFormat.wireNames() + "."));
        if (files.isEmpty() && fileIds.isEmpty() && datasets.isEmpty()) {
            throw new CliUsageException("Give at least one FILE, --file-id or --dataset.");
        }
        LabExportApp.readAhead(files); // hashed while the home opens
        LabExportApp app = ctx.app();
        ExportRequest request = new ExportRequest(files, datasets, NewExportJob.builder().name(name)
                .description(description).format(fmt).includeMetadata(metadata).includeLineage(lineage)
                .compress(compress).fileIds(fileIds).exportOptions(options).ttlHours(ttlHours).destination(dest)
                .packageFormat(pkg).projectId(project).license(license).author(author).build()).withUpload(upload);
        if (queue) {
            ExportJob queued = app.queueExport(request);
            JobOutput.print(ctx, queued, json);
            return CliErrors.OK;
        }
        // From here on Ctrl-C or SIGTERM cancels: the job if it exists, else the command before it creates one.
        AtomicReference<Runnable> cancel = new AtomicReference<>(() -> say(ctx, "Cancelling..."));
        try (CancelOnSignal signals = CancelOnSignal.install(() -> cancel.get().run())) {
            app.settings(); // the runner needs them: an unreadable settings file fails before a job exists
            ExportJob job = app.queueExport(request);
            if (signals.received()) {
                ExportJob cancelled = app.cancel(job.getId());
                JobOutput.print(ctx, cancelled, json);
                return signals.exitCode(JobOutput.exitCode(cancelled));
            }
            ExportJob done = runInProcess(ctx, app, job, cancel, signals);
            JobOutput.print(ctx, done, json);
            return signals.exitCode(JobOutput.exitCode(done));
        }
    }

    /**
     * Runs the job here and waits for it. A signal cancels it through the application, which stops the work within a
     * second and deletes its temporary files and partial output before the job's completion is reported; only then
     * does this method return and the process exit.
     */
    private ExportJob runInProcess(CliContext ctx, LabExportApp app, ExportJob job,
                                   AtomicReference<Runnable> cancel, CancelOnSignal signals)
            throws InterruptedException {
        ProgressBar bar = new ProgressBar(job.getId(), ctx.err(), System.console() != null);
        app.addListener(bar);
        try {
            cancel.set(() -> {
                say(ctx, "Cancelling " + job.getJobKey() + "...");
                cancelQuietly(app, job.getId());
            });
            app.run(job.getId());
            if (signals.received()) {
                cancelQuietly(app, job.getId()); // the signal came between creating the job and the line above
            }
            return app.completion(job.getId()).get();
        } catch (ExecutionException e) {
            LOG.error("Export {} stopped on an unexpected error", job.getJobKey(), e.getCause());
            return app.job(job.getId());
        } finally {
            cancel.set(() -> { });
            bar.done();
            app.removeListener(bar);
        }
    }

    private static void cancelQuietly(LabExportApp app, long jobId) {
        try {
            app.cancel(jobId);
        } catch (RuntimeException e) {
            LOG.info("Job {} not cancelled: {}", jobId, e.getMessage()); // it finished at the same moment
        }
    }

    private static void say(CliContext ctx, String message) {
        ctx.err().println();
        ctx.err().println(message);
        ctx.err().flush();
    }
}
