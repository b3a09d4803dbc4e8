package org.labexport.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.labexport.base.ConversionCancelledException;
import org.labexport.base.FileTrees;
import org.labexport.base.Version;
import org.labexport.base.IoReasons;
import org.labexport.catalog.DataFile;
import org.labexport.catalog.Dataset;
import org.labexport.convert.ConversionResult;
import org.labexport.convert.OutputFiles;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OptionException;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableConverter;
import org.labexport.destination.Delivery;
import org.labexport.destination.DeliveryException;
import org.labexport.destination.Destination;
import org.labexport.destination.LocalFolderDestination;
import org.labexport.job.CompletedExport;
import org.labexport.job.DataExportService;
import org.labexport.job.ExportJob;
import org.labexport.job.IllegalJobTransitionException;
import org.labexport.job.JobNotFoundException;
import org.labexport.publish.DigestingOutputStream;
import org.labexport.publish.FileDigests;
import org.labexport.publish.PackageFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one export, run by {@link ExportRunner} on a job thread while it holds the job's {@link JobLock}:
 * check and convert each file (in parallel, per-file failures kept apart), write the manifest, ZIP if asked, deliver,
 * and record the result. Files already finished by an earlier, interrupted run (per the {@link ProgressLedger} and
 * their checksums) are reused, not converted again.
 */
final class ExportJobWork {
    private static final Logger LOG = LoggerFactory.getLogger(ExportJobWork.class);

    private final PipelineServices services;
    private final DataExportService exports;
    private final TableConverter converter;
    private final Destinations destinations;
    private final JobExecution exec;
    private final int convertThreads;
    private final ExportJob job;
    private final boolean resumed;
    private final Path jobDir;
    private final Path outDir;
    private ProgressTracker tracker;
    /** SHA-256 and SHA-512 of each output, taken in the one read that checks it; for a bag's manifests. */
    private final Map<String, FileDigests> outputDigests = new ConcurrentHashMap<>();

    /** What happened to one source file. */
    private record FileOutcome(DataFile file, ProgressLedger.Entry entry, String failure, boolean reused) {
        boolean ok() {
            return entry != null;
        }
    }

    ExportJobWork(PipelineServices services, TableConverter converter, Destinations destinations, JobExecution exec,
                  int convertThreads, ExportJob job, boolean resumed, Path jobDir) {
        this.services = services;
        this.exports = services.exports();
        this.converter = converter;
        this.destinations = destinations;
        this.exec = exec;
        this.convertThreads = convertThreads;
        this.job = job;
        this.resumed = resumed;
        this.jobDir = jobDir;
        this.outDir = jobDir.resolve(job.getJobKey());
    }

    /** Runs the export to its end: completed, failed, or (through {@link ConversionCancelledException}) stopped. */
    void run() throws IOException {
        long id = job.getId();
        List<DataFile> files = services.catalog().resolveFiles(job.getFileIds(), job.getDatasetIds());
        if (files.isEmpty()) {
            exports.markFailed(id, "The export has no files: none of its selected files or datasets is in the catalog"
                    + " any more. Add the files again and create a new export.");
            return;
        }
        ExportFormat format = job.getExportFormat();
        ExportOptions options;
        try {
            options = ExportOptions.parse(format, job.getExportOptions());
        } catch (OptionException e) {
            exports.markFailed(id, e.getMessage());
            return;
        }
        try {
            // Settings a researcher must fix (no S3 endpoint or keys) fail the job before any file is converted.
            destinations.forJob(job);
        } catch (DeliveryException e) {
            exports.markFailed(id, e.getMessage());
            return;
        }
        Instant started = job.getStartedAt() != null ? job.getStartedAt() : Instant.now();
        List<FileOutcome> outcomes = convertAll(files, options);
        exec.check();

        List<FileOutcome> ok = outcomes.stream().filter(FileOutcome::ok).toList();
        List<FileOutcome> bad = outcomes.stream().filter(o -> !o.ok()).toList();
        String failures = bad.stream().map(o -> describe(o.file()) + ": " + o.failure())
                .collect(Collectors.joining("; "));
        if (ok.isEmpty()) {
            exports.markEveryFileFailed(id, (files.size() == 1 ? "The file could not be exported: "
                    : "None of the " + files.size() + " files could be exported: ") + failures,
                    bad.stream().map(o -> o.file().getId()).toList());
            return;
        }
        Manifest manifest = null;
        if (job.isIncludeMetadata() || job.isIncludeLineage() || bagged()) {
            manifest = manifest(outcomes, options, started);
        }
        if (manifest != null && !bagged()) {
            ManifestWriter.write(manifest, outDir);
        }
        exec.check();
        Path finished = bagged() ? packageBag(format, manifest) : packageExport(format);
        exec.check();
        deliver(finished, ok.size(), bad, failures);
    }

    private List<FileOutcome> convertAll(List<DataFile> files, ExportOptions options) throws IOException {
        Files.createDirectories(outDir);
        ProgressLedger ledger = ProgressLedger.open(jobDir);
        UniqueNames names = new UniqueNames();
        String[] stems = new String[files.size()];
        long[] sizes = new long[files.size()];
        ProgressLedger.Entry[] reusable = new ProgressLedger.Entry[files.size()];
        Set<String> keep = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            DataFile f = files.get(i);
            stems[i] = names.claimStem(SafeFileNames.outputStem(f.getId(), f.getFileName()));
            sizes[i] = f.getSizeBytes();
            ProgressLedger.Entry e = ledger.get(f.getId()).orElse(null);
            if (e != null && Objects.equals(e.sourceSha256(), f.getSha256()) && outputsIntact(e)) {
                reusable[i] = e;
                for (Manifest.OutputEntry o : e.outputs()) {
                    names.claim(o.name());
                    keep.add(o.name());
                }
            } else if (e != null) {
                ledger.forget(f.getId());
            }
        }
        // Whatever else is in the folder is the partial work of a run that died: start those files afresh.
        for (Path p : FileTrees.filesIn(outDir)) {
            if (!keep.contains(p.getFileName().toString())) {
                Files.deleteIfExists(p);
            }
        }
        tracker = new ProgressTracker(sizes, resumed ? job.getProgress() : 0,
                p -> exports.updateJobProgress(job.getId(), p));
        int threads = Math.max(1, Math.min(convertThreads, files.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                new NamedThreads("labexport-convert-" + job.getJobKey()));
        try {
            List<Future<FileOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> convertOne(index, files.get(index), stems[index], reusable[index],
                        options, names, ledger, tracker)));
            }
            List<FileOutcome> outcomes = new ArrayList<>();
            for (Future<FileOutcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof ConversionCancelledException c) {
                        throw c;
                    }
                    throw new IOException("Conversion failed unexpectedly", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exec.stop();
                    throw new ConversionCancelledException();
                }
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private boolean bagged() {
        return job.getPackageFormat() == PackageFormat.BAGIT;
    }

    private boolean outputsIntact(ProgressLedger.Entry e) {
        try {
            for (Manifest.OutputEntry o : e.outputs()) {
                Path p = outDir.resolve(o.name());
                if (!Files.isRegularFile(p) || Files.size(p) != o.size()
                        || !digest(p, o.name()).equals(o.sha256())) {
                    return false;
                }
            }
            return !e.outputs().isEmpty();
        } catch (IOException ex) {
            return false;
        }
    }

    private FileOutcome convertOne(int index, DataFile file, String stem, ProgressLedger.Entry reusable,
                                   ExportOptions options, UniqueNames names, ProgressLedger ledger,
                                   ProgressTracker tracker) throws IOException {
        if (reusable != null) {
            LOG.info("Job {}: reusing {} converted before the interruption", job.getJobKey(), describe(file));
            tracker.fileFinished(index, true);
            return new FileOutcome(file, reusable, null, true);
        }
        exec.check();
        try {
            Path src = sourceOf(file);
            String problem = SourceIntegrity.beforeReading(file, src);
            if (problem != null && !Files.exists(src) && services.exports().isSharedQueue()) {
                problem += " as seen from " + org.labexport.base.ProcessIdentity.host() + " (add it from a shared"
                        + " folder, or with files add --upload)";
            }
            if (problem != null) {
                tracker.fileFinished(index, false);
                return new FileOutcome(file, null, problem, false);
            }
            Instant started = Instant.now();
            List<Manifest.OutputEntry> outputs = job.getExportFormat().converts()
                    ? convert(index, file, src, stem, options, FileProvenance.of(job, file, options, started), names,
                    tracker)
                    : List.of(copyOriginal(index, file, src, stem, names, tracker));
            Manifest.ProcessingStep step = new Manifest.ProcessingStep(
                    job.getExportFormat().converts() ? "convert" : "copy", file.getId(), file.getPath(),
                    file.getDetectedFormat() == null ? "unknown" : file.getDetectedFormat().wireName(),
                    job.getExportFormat().wireName(), "LabExport " + Version.get(), options.effectiveTyped(),
                    started, Instant.now(), outputs.stream().map(Manifest.OutputEntry::name).toList());
            ProgressLedger.Entry entry = new ProgressLedger.Entry(file.getSha256(), outputs, step);
            ledger.record(file.getId(), entry);
            tracker.fileFinished(index, true);
            return new FileOutcome(file, entry, null, false);
        } catch (ConversionCancelledException e) {
            throw e;
        } catch (IOException e) {
            if (exec.isCancelled()) {
                throw new ConversionCancelledException();
            }
            if (e instanceof SourceChangedException) {
                // Its time may have vouched for a digest its content no longer has: the next export reads it first.
                try {
                    services.catalog().forgetDigestTime(file.getId());
                } catch (RuntimeException forget) {
                    LOG.warn("Job {}: could not forget the digest time of {}", job.getJobKey(), describe(file),
                            forget);
                }
            }
            LOG.warn("Job {}: {} failed: {}", job.getJobKey(), describe(file), e.toString());
            tracker.fileFinished(index, false);
            return new FileOutcome(file, null, reason(e), false);
        } catch (RuntimeException e) {
            LOG.error("Job {}: unexpected error converting {}", job.getJobKey(), describe(file), e);
            tracker.fileFinished(index, false);
            return new FileOutcome(file, null, "the export stopped on an unexpected internal error; the details"
                    + " are in LabExport's log.", false);
        } catch (OutOfMemoryError e) {
            // The converter turns its own running out of memory into a ConversionException; this is what is left
            // (copying, checksums). What the file's work held is unreachable now, so the other files can go on.
            LOG.error("Job {}: out of memory exporting {}", job.getJobKey(), describe(file), e);
            tracker.fileFinished(index, false);
            return new FileOutcome(file, null, "exporting it needed more than the "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB of memory LabExport may use.", false);
        }
    }

    /**
     * Where this process reads a catalog file: at its path when this machine sees it there (the same machine, or a
     * shared folder mounted at the same path), else the copy uploaded to the lab bucket when it was added, fetched
     * into the job's work folder (shared lab mode).
     */
    private Path sourceOf(DataFile file) throws IOException {
        Path original = Path.of(file.getPath());
        if (Files.isRegularFile(original) || file.getStoredAt() == null) {
            return original;
        }
        try {
            return destinations.fetchStoredFile(file.getStoredAt(), file.getFileName(), file.getSizeBytes(),
                    jobDir.resolve("inputs").resolve(String.valueOf(file.getId())), exec);
        } catch (DeliveryException e) {
            throw new IOException("reading its uploaded copy " + file.getStoredAt() + " failed: " + e.getMessage(),
                    e);
        }
    }

    private List<Manifest.OutputEntry> convert(int index, DataFile file, Path src, String stem, ExportOptions options,
                                               OutputProvenance provenance, UniqueNames names, ProgressTracker tracker)
            throws IOException {
        ConversionResult result;
        try (SourceIntegrity.Watch watch = SourceIntegrity.watch(file, src)) {
            result = converter.convert(src, options, outDir, stem,
                    (done, total) -> tracker.update(index, done, total), exec, provenance);
            String changed = watch.afterReading(exec);
            if (changed != null) {
                for (ConversionResult.ConvertedTable t : result.outputs()) {
                    Files.deleteIfExists(t.path());
                }
                throw new SourceChangedException(changed);
            }
        }
        List<Manifest.OutputEntry> outputs = new ArrayList<>();
        for (ConversionResult.ConvertedTable t : result.outputs()) {
            Path p = t.path();
            // The writer hashed what it wrote (0133); a bag also needs SHA-512, which only a read of the file gives.
            Optional<String> written = bagged() ? Optional.empty() : OutputFiles.takeSha256(p);
            String name = names.claim(SafeFileNames.sanitizeFileName(p.getFileName().toString()));
            if (!name.equals(p.getFileName().toString())) {
                Path renamed = outDir.resolve(name);
                Files.move(p, renamed, StandardCopyOption.ATOMIC_MOVE);
                p = renamed;
            }
            List<Manifest.ColumnEntry> columns = t.schema() == null ? List.of() : t.schema().columns().stream()
                    .map(c -> new Manifest.ColumnEntry(c.name(), c.type().wireName())).toList();
            String sha256 = written.isPresent() ? written.get() : digest(p, name);
            outputs.add(new Manifest.OutputEntry(name, Files.size(p), sha256, file.getId(),
                    t.tableName(), t.rows(), columns.size(), columns,
                    t.summary() == null ? List.of() : t.summary().sheets(),
                    t.summary() == null ? List.of() : t.summary().notes()));
        }
        return outputs;
    }

    /** SHA-256 of an output; for a bag also its SHA-512, taken in the same read and kept for the bag's manifests. */
    private String digest(Path p, String name) throws IOException {
        if (!bagged()) {
            return Checksums.sha256(p, exec);
        }
        FileDigests d = Checksums.digests(p, exec);
        outputDigests.put(name, d);
        return d.sha256();
    }

    /** Format zip: the original bytes, under a safe unique name, with byte progress. */
    private Manifest.OutputEntry copyOriginal(int index, DataFile file, Path src, String stem, UniqueNames names,
                                              ProgressTracker tracker) throws IOException {
        String ext = SafeFileNames.extension(file.getFileName());
        String name = names.claim(ext.isEmpty() ? stem : stem + "." + SafeFileNames.sanitize(ext));
        Path target = outDir.resolve(name);
        Path temp = outDir.resolve("." + name + ".part");
        FileDigests digests;
        long done = 0;
        FileTime modifiedBefore = Files.getLastModifiedTime(src);
        try (InputStream in = Files.newInputStream(src);
             OutputStream raw = Files.newOutputStream(temp, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING);
             DigestingOutputStream out = new DigestingOutputStream(raw)) {
            byte[] buf = new byte[FileTrees.BUFFER];
            int n;
            while ((n = in.read(buf)) > 0) {
                exec.check();
                out.write(buf, 0, n);
                done += n;
                tracker.update(index, done, file.getSizeBytes());
            }
            digests = out.digests();
            // The copy's digest is the source's: what was read is checked against the catalog without a second read.
            String changed = SourceIntegrity.compareRead(file, done, digests.sha256(),
                    SourceIntegrity.modifiedSince(src, modifiedBefore));
            if (changed != null) {
                throw new SourceChangedException(changed);
            }
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        outputDigests.put(name, digests);
        return new Manifest.OutputEntry(name, Files.size(target), digests.sha256(),
                file.getId(), null, null, null, null, List.of(), List.of());
    }

    private Path packageExport(ExportFormat format) throws IOException {
        if (job.isCompress() || !format.converts()) {
            Path zip = jobDir.resolve(job.getJobKey() + ".zip");
            try {
                ZipPackager.zip(outDir, zip, exec);
            } catch (ConversionCancelledException e) {
                throw e;
            } catch (IOException e) {
                throw new IOException("the ZIP of the export could not be written: " + reason(e), e);
            }
            return zip;
        }
        return outDir;
    }

    private Path packageBag(ExportFormat format, Manifest manifest) throws IOException {
        boolean zip = job.isCompress() || !format.converts();
        try {
            return BagPackaging.build(job, manifest, outputDigests, outDir, jobDir, zip,
                    BagPackaging.publicationInfo(job, services.settings(), Instant.now()), exec);
        } catch (ConversionCancelledException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("making the BagIt package: " + reason(e), e);
        }
    }

    private void deliver(Path finished, int processed, List<FileOutcome> bad, String failures) throws IOException {
        long id = job.getId();
        Destination destination = null;
        Delivery delivery;
        try {
            destination = destinations.forJob(job);
            delivery = destination.deliver(finished, job.getJobKey(), job.getExpiresAt(), exec);
        } catch (DeliveryException e) {
            exec.check();
            Delivery kept = keepLocalCopy(finished, destination);
            if (kept == null) {
                exports.markFailed(id, e.getMessage() + " No local folder could take the finished export either;"
                        + " the details are in the log.");
            } else {
                exports.markFailed(id, e.getMessage() + " The finished export was kept at " + kept.outputPath() + ".",
                        kept.outputPath(), kept.outputSize());
            }
            return;
        }
        if (exec.isCancelled()) {
            destination.remove(delivery.outputPath());
            throw new ConversionCancelledException();
        }
        String message = bad.isEmpty() ? null
                : bad.size() + " of " + (processed + bad.size()) + " files could not be exported: " + failures;
        List<Long> failedIds = bad.stream().map(o -> o.file().getId()).toList();
        tracker.finish();
        try {
            exports.markCompleted(id, new CompletedExport(delivery.outputPath(), delivery.outputSize(),
                    delivery.downloadUrl(), processed, bad.size(), message, failedIds));
        } catch (IllegalJobTransitionException | JobNotFoundException e) {
            // Cancelled (or deleted) by someone else while delivering: take the export back.
            destination.remove(delivery.outputPath());
            throw new ConversionCancelledException();
        }
    }

    /**
     * Keeps a finished export that its destination refused in the first local folder that takes it: the settings'
     * default folder, else {@code LABEXPORT_HOME/exports} (when the default folder is what failed, or fails too).
     */
    private Delivery keepLocalCopy(Path finished, Destination failed) {
        for (LocalFolderDestination local : destinations.fallbackFolders(failed)) {
            try {
                return local.deliver(finished, job.getJobKey(), job.getExpiresAt(),
                        org.labexport.base.CancelSignal.NEVER);
            } catch (IOException ex) {
                LOG.error("Job {}: could not keep a local copy in {}", job.getJobKey(), local.folder(), ex);
            }
        }
        return null;
    }

    private Manifest manifest(List<FileOutcome> outcomes, ExportOptions options, Instant started) {
        Manifest.ExportInfo info = new Manifest.ExportInfo(Manifest.SCHEMA_VERSION, job.getJobKey(), job.getName(),
                job.getDescription(), job.getProjectId(), job.getCreatedAt(), Instant.now(),
                job.getExportFormat().wireName(), job.getPackageFormat().wireName(), Version.get(),
                options.effectiveTyped(), job.isIncludeMetadata(), job.isIncludeLineage(), job.isCompress(),
                job.getExpiresAt());
        List<Manifest.FileEntry> files = new ArrayList<>();
        List<Manifest.OutputEntry> outputs = new ArrayList<>();
        List<Manifest.FailedFile> failed = new ArrayList<>();
        List<Manifest.ProcessingStep> steps = new ArrayList<>();
        for (FileOutcome o : outcomes) {
            DataFile f = o.file();
            files.add(new Manifest.FileEntry(f.getId(), f.getFileName(), f.getPath(), f.getSizeBytes(), f.getSha256(),
                    f.getAddedAt(), f.getDetectedFormat() == null ? null : f.getDetectedFormat().wireName(),
                    f.getMetadata(), f.getPipelineRun(), o.ok()));
            if (o.ok()) {
                outputs.addAll(o.entry().outputs());
                steps.add(o.entry().step());
            } else {
                failed.add(new Manifest.FailedFile(f.getId(), f.getFileName(), o.failure()));
            }
        }
        Manifest.Lineage lineage = null;
        if (job.isIncludeLineage() || bagged()) {
            List<DataFile> exported = outcomes.stream().filter(FileOutcome::ok).map(FileOutcome::file).toList();
            List<Manifest.SourceDataset> datasets = new ArrayList<>();
            for (Dataset d : LineageSources.datasetsOf(services.catalog(), job.getDatasetIds(), exported)) {
                datasets.add(new Manifest.SourceDataset(d.getId(), d.getName(), d.getDescription(),
                        d.getCreatedAt(), d.getFileIds()));
            }
            List<Manifest.PipelineRun> runs = new ArrayList<>(LineageSources.upstreamRuns(exported));
            runs.add(new Manifest.PipelineRun(job.getJobKey(), Manifest.PipelineRun.EXPORT,
                    "LabExport " + Version.get(), started, Instant.now(), hostName(),
                    outputs.isEmpty() ? 0 : steps.size(), failed.size(), null));
            lineage = new Manifest.Lineage(datasets, runs, steps);
        }
        return new Manifest(info, files, outputs, failed, steps, lineage);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String describe(DataFile f) {
        return f.getFileName() + " (id " + f.getId() + ")";
    }

    /** A reason without stack traces, class names or temporary file names, naming a full disk plainly. */
    static String reason(IOException e) {
        return IoReasons.of(e);
    }

    /** The source file is not the catalogued one any more; the message says how and what to do. */
    private static final class SourceChangedException extends IOException {
        private static final long serialVersionUID = 1L;

        SourceChangedException(String message) {
            super(message);
        }
    }
}
