package org.labexport.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.labexport.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.catalog.SourcePaths;
import org.labexport.convert.ExportFormat;
import org.labexport.destination.DeliveryException;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;
import org.labexport.job.ValidationException;
import org.labexport.pipeline.Destinations;
import org.labexport.pipeline.ExportRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code labexport export FILE... --format F ...}: adds the files to the catalog, creates the job and runs it in this
 * process with progress on stderr, then prints the job. Exit 0 when every file was exported, 1 when the job failed or
 * some files failed, 2 for bad usage. Ctrl-C cancels the job and waits until its temporary files are gone.
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
            // Checked before anything is opened: a folder, a device or a FIFO would make the export hang or fail late.
            SourcePaths.problem(f).ifPresent(problem -> {
                throw new CliUsageException(problem);
            });
        }
        AppServices services = ctx.services();
        try {
            Destinations.forServices(services).check(dest);
        } catch (DeliveryException e) {
            throw new ValidationException("destination", e.getMessage());
        }
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
        ExportJob job = services.exports().createExportJob(NewExportJob.builder().name(effectiveName())
                .description(description).format(fmt).includeMetadata(metadata).includeLineage(lineage)
                .compress(compress).fileIds(ids).datasetIds(datasetIds).exportOptions(options)
                .ttlHours(ttlHours).destination(dest).build());
        ExportJob done = runInProcess(ctx, services, job);
        JobOutput.print(ctx, done, json);
        return JobOutput.exitCode(done);
    }

    private ExportJob runInProcess(CliContext ctx, AppServices services, ExportJob job) throws InterruptedException {
        ProgressBar bar = new ProgressBar(job.getId(), ctx.err(), System.console() != null);
        services.exports().addListener(bar);
        CountDownLatch printed = new CountDownLatch(1);
        try (ExportRunner runner = new ExportRunner(services)) {
            // Ctrl-C: cancel the job (deleting its temporary files) and let this thread print it before the JVM ends.
            Thread hook = new Thread(() -> {
                ctx.err().println();
                ctx.err().println("Cancelling " + job.getJobKey() + "...");
                ctx.err().flush();
                runner.cancel(job.getId());
                try {
                    runner.completion(job.getId()).get(10, TimeUnit.SECONDS);
                    printed.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException | ExecutionException | TimeoutException e) {
                    LOG.warn("Cancel of {} did not finish cleanly: {}", job.getJobKey(), e.toString());
                }
            }, "labexport-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                runner.submit(job.getId());
                return runner.completion(job.getId()).get();
            } catch (ExecutionException e) {
                LOG.error("Export {} stopped on an unexpected error", job.getJobKey(), e.getCause());
                return services.exports().getExportJob(job.getId()).orElse(job);
            } finally {
                bar.done();
                services.exports().removeListener(bar);
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is shutting down (Ctrl-C): the hook is running and waits for the job to be printed
                }
            }
        } finally {
            printed.countDown();
        }
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
