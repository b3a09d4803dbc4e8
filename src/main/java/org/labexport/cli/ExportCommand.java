package org.labexport.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.labexport.AppHome;
import org.labexport.AppServices;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.NewExportJob;
import org.labexport.job.ValidationException;
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
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export files to a format, into a folder or an S3 bucket, and wait for the result.")
public final class ExportCommand implements java.util.concurrent.Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ExportCommand.class);

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Data files to export (added to the catalog).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--format", required = true, paramLabel = "F",
            description = "csv, tsv, json, excel, parquet, hdf5 or zip.")
    String format;

    @Option(names = "--name", paramLabel = "N", description = "Name of the export (default: from the first file).")
    String name;

    @Option(names = "--description", paramLabel = "D")
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

    @Option(names = "--dest", paramLabel = "DIR|s3://BUCKET/PREFIX", description = "Where the export goes.")
    String dest;

    @Option(names = "--json", description = "Print the job as JSON.")
    boolean json;

    @Override
    public Integer call() {
        ExportFormat fmt = ExportFormat.fromWireName(format).orElse(null);
        if (fmt == null) {
            return usage("Unknown format '" + format + "': use one of " + ExportFormat.wireNames() + ".");
        }
        if (files.isEmpty() && fileIds.isEmpty() && datasets.isEmpty()) {
            return usage("Give at least one FILE, --file-id or --dataset.");
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                return usage("File not found: " + f);
            }
        }
        try (AppServices services = AppServices.open(AppHome.fromEnvironment())) {
            List<Long> ids = new ArrayList<>(fileIds);
            for (Path f : files) {
                DataFile added = services.catalog().addFile(f.toAbsolutePath(), Map.of(), null);
                ids.add(added.getId());
            }
            List<Long> datasetIds = new ArrayList<>();
            for (String d : datasets) {
                Dataset ds = (d.matches("\\d+") ? services.catalog().getDataset(Long.parseLong(d))
                        : services.catalog().getDatasetByName(d)).orElse(null);
                if (ds == null) {
                    return usage("No dataset '" + d + "' in the catalog.");
                }
                datasetIds.add(ds.getId());
            }
            ExportJob job;
            try {
                job = services.exports().createExportJob(NewExportJob.builder().name(effectiveName())
                        .description(description).format(fmt).includeMetadata(metadata).includeLineage(lineage)
                        .compress(compress).fileIds(ids).datasetIds(datasetIds).exportOptions(options)
                        .ttlHours(ttlHours).destination(dest).build());
            } catch (ValidationException e) {
                return usage(e.getMessage());
            }
            return runInProcess(services, job);
        }
    }

    private int runInProcess(AppServices services, ExportJob job) {
        ProgressBar bar = new ProgressBar(job.getId(), System.err, System.console() != null);
        services.exports().addListener(bar);
        CountDownLatch finished = new CountDownLatch(1);
        try (ExportRunner runner = new ExportRunner(services)) {
            Thread hook = new Thread(() -> {
                if (finished.getCount() > 0) {
                    System.err.println();
                    System.err.println("Cancelling " + job.getJobKey() + "...");
                    runner.cancel(job.getId());
                    try {
                        runner.completion(job.getId()).get(10, TimeUnit.SECONDS);
                        finished.await(5, TimeUnit.SECONDS);
                    } catch (InterruptedException | ExecutionException | TimeoutException e) {
                        LOG.warn("Cancel of {} did not finish cleanly: {}", job.getJobKey(), e.toString());
                    }
                }
            }, "labexport-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
            ExportJob done;
            try {
                runner.submit(job.getId());
                done = runner.completion(job.getId()).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (ExecutionException e) {
                LOG.error("Export {} failed", job.getJobKey(), e.getCause());
                System.err.println("The export failed: " + e.getCause().getMessage());
                return 1;
            } finally {
                bar.done();
                services.exports().removeListener(bar);
            }
            JobOutput.print(done, json, System.out);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C): the hook is running and waits for us
            }
            return JobOutput.exitCode(done);
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

    private static int usage(String message) {
        System.err.println(message);
        return 2;
    }
}
