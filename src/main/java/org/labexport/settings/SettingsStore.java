package org.labexport.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.labexport.base.AppHome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link Settings} as JSON in {@code LABEXPORT_HOME/settings.json}. Writes go to a temporary file
 * that is then moved over the old one, so a crash never leaves half a file; on POSIX systems the file is readable
 * by its owner only, because it holds S3 secret keys.
 */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    /** Made when first needed: a home without a settings file (and a CLI that only reads jobs) never pays for it. */
    private ObjectMapper json;

    public SettingsStore(AppHome home) {
        this(home.settingsFile());
    }

    public SettingsStore(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private synchronized ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        }
        return json;
    }

    /**
     * The stored settings, or defaults when there is no file yet.
     *
     * @throws SettingsException if the file exists but is not valid settings JSON
     */
    public Settings load() {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return json().readValue(bytes, Settings.class);
        } catch (NoSuchFileException e) {
            return new Settings();
        } catch (JsonProcessingException e) {
            // Neither the parser's message nor the exception is kept: both quote the text at fault, which may be a
            // secret key, and this message is printed and logged.
            String line = e.getLocation() == null ? "?" : String.valueOf(e.getLocation().getLineNr());
            String where = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? "the value of '" + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : String.valueOf(r.getIndex())).collect(java.util.stream.Collectors.joining(".")) + "' is not valid"
                    : "it is not valid JSON";
            throw new SettingsException("The settings file " + file + " cannot be used: " + where + " (line " + line
                    + "). Fix or remove the file.", null);
        } catch (IOException e) {
            throw new SettingsException("Cannot read the settings file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the settings atomically with owner-only permissions. */
    public void save(Settings settings) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            if (posix()) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            Files.write(tmp, json().writeValueAsBytes(settings));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            if (posix()) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
            LOG.info("Saved settings to {}", file); // never the content: it holds secrets
        } catch (IOException e) {
            throw new SettingsException("Cannot write the settings file " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
