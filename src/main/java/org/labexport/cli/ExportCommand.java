package org.labexport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.labexport.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;
import org.labexport.pipeline.ExportRunner;
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

    @Option(names = "--name", paramLabel = "N", description = "Name of the export (default: from the first file).")
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

    @Option(names = "--ttl-hours", paramLabel = "H", description = "Hours until the export expires (1-168, default 48).")
    Integer ttlHours;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A format option (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--dest", paramLabel = "DIR|s3://[PROFILE@]BUCKET/PREFIX",
            description = "Where the export goes; PROFILE names a saved S3/MinIO profile (default: the default one).")
    String dest;

    @Option(names = "--json", description = "Print the job as JSON.")
    boolean json;

    @Override
    protected int execute(CliContext ctx) throws Exception {
        ExportFormat fmt = ExportFormat.fromWireName(format).orElseThrow(() -> new CliUsageException(
                "Unknown format '" + format + "': use one of " + ExportFormat.wireNames() + "."));
        if (files.isEmpty() && fileIds.isEmpty() && datasets.isEmpty()) {
            throw new CliUsageException("Give at least one FILE, --file-id or --dataset.");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new CliUsageException("File not found: " + f);
            }
        }
        // From here on Ctrl-C or SIGTERM cancels: the job if it exists, else the command before it creates one.
        AtomicReference<Runnable> cancel = new AtomicReference<>(() -> say(ctx, "Cancelling..."));
        try (CancelOnSignal signals = CancelOnSignal.install(() -> cancel.get().run())) {
            AppServices services = ctx.services();
            services.settings(); // the runner needs them: an unreadable settings file fails before a job exists
            ExportJob job = createJob(services, fmt);
            if (signals.received()) {
                services.exports().cancelExportJob(job.getId());
                ExportJob cancelled = services.exports().getExportJob(job.getId()).orElse(job);
                JobOutput.print(ctx, cancelled, json);
                return signals.exitCode(JobOutput.exitCode(cancelled));
            }
            ExportJob done = runInProcess(ctx, services, job, cancel, signals);
            JobOutput.print(ctx, done, json);
            return signals.exitCode(JobOutput.exitCode(done));
        }
    }

    private ExportJob createJob(AppServices services, ExportFormat fmt) {
        List<Long> ids = new ArrayList<>(fileIds);
        for (Path f : files) {
            DataFile added = services.catalog().addFile(f.toAbsolutePath(), Map.of(), null);
            ids.add(added.getId());
        }
        List<Long> datasetIds = new ArrayList<>();
        for (String d : datasets) {
            Dataset ds = (d.matches("\\d+") ? services.catalog().getDataset(Long.parseLong(d))
                    : services.catalog().getDatasetByName(d))
                    .orElseThrow(() -> new CliUsageException("No dataset '" + d + "' in the catalog."));
            datasetIds.add(ds.getId());
        }
        return services.exports().createExportJob(NewExportJob.builder().name(effectiveName())
                .description(description).format(fmt).includeMetadata(metadata).includeLineage(lineage)
                .compress(compress).fileIds(ids).datasetIds(datasetIds).exportOptions(options)
                .ttlHours(ttlHours).destination(dest).build());
    }

    /**
     * Runs the job here and waits for it. A signal cancels it through the runner, which stops the work within a
     * second and deletes its temporary files and partial output before the job's completion is reported; only then
     * does this method return and the process exit.
     */
    private ExportJob runInProcess(CliContext ctx, AppServices services, ExportJob job,
                                   AtomicReference<Runnable> cancel, CancelOnSignal signals)
            throws InterruptedException {
        ProgressBar bar = new ProgressBar(job.getId(), ctx.err(), System.console() != null);
        services.exports().addListener(bar);
        try (ExportRunner runner = new ExportRunner(services)) {
            cancel.set(() -> {
                say(ctx, "Cancelling " + job.getJobKey() + "...");
                runner.cancel(job.getId());
            });
            runner.submit(job.getId());
            if (signals.received()) {
                runner.cancel(job.getId()); // the signal came between creating the job and the line above
            }
            return runner.completion(job.getId()).get();
        } catch (ExecutionException e) {
            LOG.error("Export {} stopped on an unexpected error", job.getJobKey(), e.getCause());
            return services.exports().getExportJob(job.getId()).orElse(job);
        } finally {
            cancel.set(() -> { });
            bar.done();
            services.exports().removeListener(bar);
        }
    }

    private static void say(CliContext ctx, String message) {
        ctx.err().println();
        ctx.err().println(message);
        ctx.err().flush();
    }

    private String effectiveName() {
        if (name != null && !name.isBlank()) {
            return name;
        }
        if (!files.isEmpty()) {
            return "Export of " + files.get(0).getFileName() + (files.size() > 1 ? " and " + (files.size() - 1)
                    + " more" : "");
        }
        return "CLI export";
    }
}
