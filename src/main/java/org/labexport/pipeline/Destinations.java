package org.labexport.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.labexport.base.AppHome;
import org.labexport.destination.DeliveryException;
import org.labexport.base.FileTrees;
import org.labexport.destination.Destination;
import org.labexport.destination.LocalFolderDestination;
import org.labexport.destination.RetryPolicy;
import org.labexport.destination.S3Config;
import org.labexport.destination.S3Destination;
import org.labexport.destination.S3Location;
import org.labexport.job.ExportJob;
import org.labexport.job.OutputRemover;
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
            return new LocalFolderDestination(Paths.get(dest));
        }
        return defaultLocal();
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

    /**
     * What keeps an export from being delivered to a destination, in words naming it, or null when nothing does: an
     * S3 destination without a bucket or with an unknown profile; a local folder that is a file, sits under a file,
     * or cannot be written (the nearest existing folder is tried with a throw-away file, so a missing destination is
     * not created by the check). Null or blank means the default folder.
     */
    public String destinationProblem(String destination) {
        if (S3Location.isS3(destination)) {
            if (S3Location.parse(destination).isEmpty()) {
                return "The destination " + destination + " names no bucket: use s3://BUCKET/PREFIX.";
            }
            try {
                s3Config(S3Location.profileOf(destination).orElse(null));
                return null;
            } catch (DeliveryException e) {
                return e.getMessage();
            }
        }
        Path folder;
        try {
            folder = destination == null || destination.isBlank() ? defaultLocal().folder()
                    : Paths.get(destination.strip()).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return "The destination folder '" + destination + "' is not a valid path.";
        }
        Path existing = folder;
        while (existing != null && !java.nio.file.Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return "The destination folder " + folder + " cannot be created: none of its parent folders exists.";
        }
        if (!java.nio.file.Files.isDirectory(existing)) {
            return existing.equals(folder) ? "The destination " + folder + " is a file, not a folder: choose a folder."
                    : "The destination folder " + folder + " cannot be created because " + existing + " is a file.";
        }
        try {
            java.nio.file.Files.delete(java.nio.file.Files.createTempFile(existing, ".labexport-check-", ".tmp"));
            return null;
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            return "LabExport cannot write to the destination folder " + (existing.equals(folder) ? folder
                    : folder + " (in " + existing + ")") + ": choose a folder you may write to.";
        }
    }

    /** The local folder used when no destination is given, and for keeping a copy when an upload fails. */
    public LocalFolderDestination defaultLocal() {
        String configured = settings.get() == null ? null : settings.get().getDefaultDestination();
        if (configured != null && !configured.isBlank() && !S3Location.isS3(configured)) {
            return new LocalFolderDestination(Paths.get(configured));
        }
        return new LocalFolderDestination(home.defaultExports());
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
