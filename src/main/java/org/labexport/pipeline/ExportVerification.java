package org.labexport.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labexport.destination.Destination;
import org.labexport.destination.S3Destination;
import org.labexport.destination.S3Location;
import org.labexport.publish.ExportVerifier;
import org.labexport.publish.FolderSource;
import org.labexport.publish.PackageSource;
import org.labexport.publish.PackageUnreadableException;
import org.labexport.publish.S3Source;
import org.labexport.publish.VerifyReport;
import org.labexport.publish.ZipSource;

/**
 * Verifies an export wherever it is: a local folder or ZIP, or {@code s3://[PROFILE@]bucket/prefix/...} (a folder
 * export's prefix or a ZIP's key), reached with the same S3 settings as exports. Used by {@code labexport verify}
 * and the window's "Verify".
 */
public final class ExportVerification {
    private ExportVerification() {
    }

    /**
     * Checks the export at {@code location}.
     *
     * @throws IllegalArgumentException when there is nothing at a local location (bad usage), naming it
     * @throws IOException              when the bucket cannot be reached or refuses the keys
     */
    public static VerifyReport verify(Destinations destinations, String location) throws IOException {
        try (PackageSource source = open(destinations, location)) {
            return ExportVerifier.verify(source);
        } catch (PackageUnreadableException e) {
            return new VerifyReport(location, "unknown", 0, 0,
                    List.of(new VerifyReport.Problem("unreadable", null, e.getMessage())));
        }
    }

    private static PackageSource open(Destinations destinations, String location) throws IOException {
        if (S3Location.isS3(location)) {
            S3Location loc = S3Location.parse(location).orElseThrow(() -> new IllegalArgumentException(
                    "'" + location + "' names no bucket: use s3://BUCKET/PREFIX."));
            Destination d = destinations.forOutput(location);
            S3Destination store = (S3Destination) d;
            if (loc.key().toLowerCase(java.util.Locale.ROOT).endsWith(".zip")) {
                return S3Source.zipObject(store, loc.key(), location);
            }
            return new S3Source(store, loc.key(), location);
        }
        Path p = Path.of(location);
        if (Files.isDirectory(p)) {
            return new FolderSource(p);
        }
        if (Files.isRegularFile(p)) {
            return new ZipSource(p, p.toAbsolutePath().toString());
        }
        throw new IllegalArgumentException("Nothing to verify at " + p.toAbsolutePath() + ": no such folder or file.");
    }
}
