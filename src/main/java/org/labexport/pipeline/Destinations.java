package org.labexport.pipeline;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.labexport.base.AppHome;
import org.labexport.base.FileTrees;
import org.labexport.destination.DeliveryException;
import org.labexport.destination.Destination;
import org.labexport.destination.LocalFolderDestination;
import org.labexport.destination.RetryPolicy;
import org.labexport.destination.S3Config;
import org.labexport.destination.S3Destination;
import org.labexport.destination.S3Location;
import org.labexport.job.ExportJob;
import org.labexport.job.OutputRemover;
import org.labexport.settings.LabServer;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;

/**
 * Chooses the {@link Destination} of a job (its destination folder, {@code s3://bucket/prefix}, the settings'
 * default folder, or {@code LABEXPORT_HOME/exports}) and of an existing output (to re-sign its URL or delete it).
 * S3 connection settings come from the settings' default S3 profile, overridden by the environment.
 */
public final class Destinations {
    private final AppHome home;
    private final Supplier<Settings> settings;
    private final Map<String, String> environment;
    private final RetryPolicy retry;

    public Destinations(AppHome home, Supplier<Settings> settings, Map<String, String> environment, RetryPolicy retry) {
        this.home = home;
        this.settings = settings;
        this.environment = environment;
        this.retry = retry;
    }

    /** The destinations of a process's services, with S3 overrides from the process environment. */
    public static Destinations forServices(PipelineServices services) {
        return new Destinations(services.home(), services::settings, System.getenv(), RetryPolicy.DEFAULT);
    }

    /** Whether an output path is in an S3 bucket rather than on this machine. */
    public boolean isRemote(String outputPath) {
        return S3Location.isS3(outputPath);
    }

    /**
     * A fresh pre-signed link to each file of a completed S3 export, by its path inside the export; empty for local
     * outputs, other states, or a store that cannot be reached (logged).
     */
    public Map<String, String> fileLinks(ExportJob job) {
        if (job.getStatus() != org.labexport.job.ExportStatus.COMPLETED || !S3Location.isS3(job.getOutputPath())) {
            return Map.of();
        }
        try {
            if (forOutput(job.getOutputPath()) instanceof S3Destination s3) {
                return s3.fileLinks(job.getOutputPath(), job.getExpiresAt());
            }
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Destinations.class).warn("Cannot list the files of {}: {}",
                    job.getJobKey(), e.getMessage());
        }
        return Map.of();
    }

    /**
     * Checks where an export would go before any work is done, without touching the network: a folder must exist
     * or be creatable and take a new file; an {@code s3://} destination must name a bucket, and its profile (or the
     * default one with the environment) must have an endpoint without credentials in it and both keys. Null or blank
     * means the settings' default folder, else {@code LABEXPORT_HOME/exports}. The command line calls it before
     * creating a job; the window's dialog can call the same rule.
     *
     * @throws DeliveryException naming the destination and what is wrong with it
     */
    public void check(String destination) throws DeliveryException {
        if (S3Location.isS3(destination)) {
            S3Location loc = S3Location.parse(destination).orElseThrow(() -> new DeliveryException("The destination '"
                    + destination.trim() + "' names no bucket: use s3://BUCKET/PREFIX."));
            s3Config(S3Location.profileOf(destination).orElse(null)).withLocation(loc).requireComplete();
            return;
        }
        if (destination == null || destination.isBlank()) {
            LocalFolderDestination local = defaultLocal();
            try {
                local.check();
            } catch (DeliveryException e) {
                throw local.folder().equals(home.defaultExports().toAbsolutePath().normalize()) ? e
                        : new DeliveryException(e.getMessage() + " It is the default export folder of the settings:"
                        + " change it there, or give a destination.", e);
            }
            return;
        }
        refuseOtherUrls(destination);
        Path folder;
        try {
            folder = Paths.get(destination.trim());
        } catch (InvalidPathException e) {
            throw new DeliveryException("The destination '" + destination.trim() + "' is not a valid folder path.");
        }
        new LocalFolderDestination(folder).check();
    }

    /** Where a job's export goes. */
    public Destination forJob(ExportJob job) throws DeliveryException {
        String dest = job.getDestination();
        if (S3Location.isS3(dest)) {
            S3Location loc = S3Location.parse(dest).orElseThrow(() ->
                    new DeliveryException("The destination '" + dest + "' names no bucket: use s3://BUCKET/PREFIX."));
            String profile = S3Location.profileOf(dest).orElse(null);
            return new S3Destination(s3Config(profile).withLocation(loc), retry, profile);
        }
        if (dest != null && !dest.isBlank()) {
            refuseOtherUrls(dest);
            return new LocalFolderDestination(Paths.get(dest));
        }
        return defaultLocal();
    }

    /** A destination like http://... is a mistake, not a folder named "http:"; its message drops any credentials. */
    private static void refuseOtherUrls(String destination) throws DeliveryException {
        if (destination.trim().matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            throw new DeliveryException("The destination '" + S3Config.withoutUserInfo(destination)
                    + "' is neither a folder nor s3://[PROFILE@]BUCKET/PREFIX.");
        }
    }

    /**
     * The lab bucket where {@code files add --upload} puts files for the workers ({@code LABEXPORT_LAB_FILES}, else
     * the settings' lab server).
     *
     * @throws DeliveryException if none is configured or it is not an {@code s3://} location
     */
    public S3Destination labFiles() throws DeliveryException {
        LabServer lab = settings.get() == null ? null : settings.get().getLabServer();
        String files = firstSet(environment.get(LabServer.ENV_FILES), lab == null ? null : lab.files());
        if (files == null || !S3Location.isS3(files)) {
            throw new DeliveryException("No lab bucket for uploaded files: set " + LabServer.ENV_FILES
                    + " (or the lab server's files location in the settings) to s3://BUCKET/PREFIX.");
        }
        return (S3Destination) forJobDestination(files);
    }

    /**
     * Where a job with no destination goes in shared lab mode ({@code LABEXPORT_LAB_OUTPUT}, else the settings' lab
     * server): somewhere every workstation can reach, not the worker's own folder; null when none is configured.
     */
    public String labOutput() {
        LabServer lab = settings.get() == null ? null : settings.get().getLabServer();
        return firstSet(environment.get(LabServer.ENV_OUTPUT), lab == null ? null : lab.output());
    }

    /**
     * A local copy of a catalog file that this machine cannot see at its path but that was uploaded to the lab
     * bucket when added: downloaded into {@code inputs} (reused if already there whole).
     */
    public Path fetchStoredFile(String storedAt, String fileName, long size, Path inputs,
                                org.labexport.base.CancelSignal cancel) throws IOException {
        Path target = inputs.resolve(SafeFileNames.sanitizeFileName(fileName));
        if (java.nio.file.Files.isRegularFile(target) && java.nio.file.Files.size(target) == size) {
            return target;
        }
        String profile = S3Location.profileOf(storedAt).orElse(null);
        S3Location loc = S3Location.parse(storedAt).orElseThrow(() ->
                new DeliveryException("Not an S3 location: " + storedAt));
        new S3Destination(s3Config(profile).withLocation(new S3Location(loc.bucket(), "")), retry, profile)
                .fetchFile(storedAt, target, cancel);
        return target;
    }

    private Destination forJobDestination(String dest) throws DeliveryException {
        S3Location loc = S3Location.parse(dest).orElseThrow(() ->
                new DeliveryException("The location '" + dest + "' names no bucket: use s3://BUCKET/PREFIX."));
        String profile = S3Location.profileOf(dest).orElse(null);
        return new S3Destination(s3Config(profile).withLocation(loc), retry, profile);
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null || b.isBlank() ? null : b.strip();
    }

    /** The destination that holds an existing output path. */
    public Destination forOutput(String outputPath) throws DeliveryException {
        if (S3Location.isS3(outputPath)) {
            S3Location loc = S3Location.parse(outputPath).orElseThrow(() ->
                    new DeliveryException("Not an S3 output: " + outputPath));
            String profile = S3Location.profileOf(outputPath).orElse(null);
            return new S3Destination(s3Config(profile).withLocation(new S3Location(loc.bucket(), "")), retry, profile);
        }
        Path parent = Paths.get(outputPath).toAbsolutePath().getParent();
        return new LocalFolderDestination(parent == null ? Paths.get(outputPath) : parent);
    }


    /** The local folder used when no destination is given, and for keeping a copy when an upload fails. */
    public LocalFolderDestination defaultLocal() {
        String configured = settings.get() == null ? null : settings.get().getDefaultDestination();
        if (configured != null && !configured.isBlank() && !S3Location.isS3(configured)) {
            return new LocalFolderDestination(Paths.get(configured));
        }
        return new LocalFolderDestination(home.defaultExports());
    }

    /**
     * The local folders a finished export can be kept in when its destination refused it, in order: the default
     * folder of the settings, then {@code LABEXPORT_HOME/exports}, without the folder that just failed.
     */
    public List<LocalFolderDestination> fallbackFolders(Destination failed) {
        List<LocalFolderDestination> folders = new java.util.ArrayList<>();
        for (LocalFolderDestination d : List.of(defaultLocal(), new LocalFolderDestination(home.defaultExports()))) {
            boolean isFailed = failed instanceof LocalFolderDestination f && f.folder().equals(d.folder());
            if (!isFailed && folders.stream().noneMatch(x -> x.folder().equals(d.folder()))) {
                folders.add(d);
            }
        }
        return folders;
    }

    /** A fresh download URL for a finished job's output: re-signed for S3, the file: URI for local outputs. */
    public String freshDownloadUrl(ExportJob job) throws IOException {
        String output = job.getOutputPath();
        if (output == null || output.isBlank()) {
            return job.getDownloadUrl();
        }
        return forOutput(output).downloadUrl(output, job.getExpiresAt());
    }

    /**
     * Deletes local and S3 outputs and work files, for job deletion and expiry; expiry spares files delivered into a
     * folder the user chose ({@link #isManagedOutput}).
     */
    public OutputRemover outputRemover() {
        return new OutputRemover() {
            @Override
            public void removeOutput(ExportJob job) throws IOException {
                String output = job.getOutputPath();
                if (output != null && !output.isBlank()) {
                    forOutput(output).remove(output);
                }
                removeWork(job);
            }

            @Override
            public boolean isManaged(ExportJob job) {
                return isManagedOutput(job.getOutputPath());
            }

            @Override
            public void removeExpired(ExportJob job) throws IOException {
                if (isManaged(job)) {
                    removeOutput(job);
                } else {
                    removeWork(job);
                }
            }
        };
    }

    private void removeWork(ExportJob job) throws IOException {
        if (job.getJobKey() != null && !job.getJobKey().isBlank() && !job.getStatus().isActive()) {
            FileTrees.deleteRecursively(home.work().resolve(job.getJobKey()));
        }
    }

    /**
     * Whether an output is LabExport's to remove at expiry: S3 objects and anything inside LABEXPORT_HOME (its
     * default exports folder). Files delivered into any other folder, the settings' default folder included, were
     * put where the user chose and belong to the user. No output at all counts as managed (nothing to spare).
     */
    public boolean isManagedOutput(String outputPath) {
        if (outputPath == null || outputPath.isBlank() || S3Location.isS3(outputPath)) {
            return true;
        }
        try {
            return isInside(Paths.get(outputPath), home.root());
        } catch (RuntimeException e) {
            return false; // a path we cannot read is not ours to delete
        }
    }

    /**
     * What expiry will do with an export sent to a destination (null or blank: the default folder), in words for
     * the create-export dialog and the CLI.
     */
    public String expiryNotice(String destination) {
        if (S3Location.isS3(destination)) {
            return "When the export expires, its objects are deleted from the bucket.";
        }
        Path folder = destination == null || destination.isBlank() ? defaultLocal().folder() : Paths.get(destination);
        if (isInside(folder.resolve("x"), home.root())) {
            return "When the export expires, it is deleted from " + folder + ".";
        }
        return "When the export expires, only its record is removed: the files in " + folder
                + " are yours and stay until you delete them.";
    }

    private static boolean isInside(Path path, Path root) {
        return canonical(path).startsWith(canonical(root));
    }

    /** The real path of the deepest existing ancestor, with the rest appended: symbolic links cannot fool it. */
    private static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /**
     * The S3 settings of a named profile (from {@code s3://PROFILE@bucket/prefix}), used as saved; null means the
     * default profile with the environment's overrides.
     *
     * @throws DeliveryException when no profile of that name is in the settings
     */
    public S3Config s3Config(String profile) throws DeliveryException {
        if (profile == null) {
            return s3Config();
        }
        Settings s = settings.get();
        List<S3Profile> profiles = s == null || s.getS3Profiles() == null ? List.of() : s.getS3Profiles();
        for (S3Profile p : profiles) {
            if (p.name().equals(profile)) {
                return new S3Config(p.endpoint(), p.accessKey(), p.secretKey(), p.region(), p.bucket(), p.prefix());
            }
        }
        throw new DeliveryException("The S3/MinIO profile '" + profile + "' is not in the settings; profiles: "
                + (profiles.isEmpty() ? "none" : String.join(", ", profiles.stream().map(S3Profile::name).toList()))
                + ".");
    }

    /** The S3 settings: the default profile (or the only one), then the environment. */
    public S3Config s3Config() {
        S3Config base = S3Config.empty();
        Settings s = settings.get();
        if (s != null && s.getS3Profiles() != null && !s.getS3Profiles().isEmpty()) {
            S3Profile chosen = s.defaultS3ProfileOrOnly().orElse(s.getS3Profiles().get(0));
            base = new S3Config(chosen.endpoint(), chosen.accessKey(), chosen.secretKey(), chosen.region(),
                    chosen.bucket(), chosen.prefix());
        }
        return base.withEnvironment(environment);
    }
}
