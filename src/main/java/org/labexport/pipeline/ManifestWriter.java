package org.labexport.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes and reads {@code export_metadata.json} (UTF-8, pretty-printed, snake_case, ISO 8601 UTC times). */
public final class ManifestWriter {
    /** The mapper for manifests and the progress file: snake_case, ISO-8601 instants. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestWriter() {
    }

    /** Writes the manifest into {@code folder} atomically and returns its path. */
    public static Path write(Manifest manifest, Path folder) throws IOException {
        Path target = folder.resolve(Manifest.FILE_NAME);
        writeAtomically(manifest, target);
        return target;
    }

    /** Writes any value as JSON under a temporary name, then renames it into place. */
    static void writeAtomically(Object value, Path target) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            JSON.writeValue(out, value);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static Manifest read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), Manifest.class);
    }
}
