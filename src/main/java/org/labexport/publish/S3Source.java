package org.labexport.publish;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labexport.destination.S3Destination;

/**
 * A folder export in a bucket: the objects under {@code prefix/}, read one by one. (A ZIP in a bucket is fetched to a
 * temporary file and read as a {@link ZipSource}; see {@link #zipObject}.)
 */
public final class S3Source implements PackageSource {
    private final S3Destination store;
    private final String prefix;
    private final String label;

    public S3Source(S3Destination store, String folderPrefix, String label) {
        this.store = store;
        this.prefix = folderPrefix.endsWith("/") ? folderPrefix : folderPrefix + "/";
        this.label = label;
    }

    @Override
    public List<Entry> files() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (S3Destination.StoredObject o : store.listObjects(prefix)) {
            out.add(new Entry(o.relativeKey(), o.size()));
        }
        if (out.isEmpty()) {
            throw new PackageUnreadableException("Nothing is stored under " + label + ".");
        }
        return out;
    }

    @Override
    public InputStream open(String path) throws IOException {
        return store.openObject(prefix + path);
    }

    @Override
    public String describe() {
        return label;
    }

    /** Downloads a ZIP object to a temporary file and opens it; the file is deleted when the source is closed. */
    public static PackageSource zipObject(S3Destination store, String key, String label) throws IOException {
        Path temp = Files.createTempFile("labexport-verify-", ".zip");
        try (InputStream in = store.openObject(key)) {
            Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ZipSource zip = new ZipSource(temp, label);
            return new PackageSource() {
                @Override
                public List<Entry> files() throws IOException {
                    return zip.files();
                }

                @Override
                public InputStream open(String path) throws IOException {
                    return zip.open(path);
                }

                @Override
                public String describe() {
                    return label;
                }

                @Override
                public void close() throws IOException {
                    try {
                        zip.close();
                    } finally {
                        Files.deleteIfExists(temp);
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
