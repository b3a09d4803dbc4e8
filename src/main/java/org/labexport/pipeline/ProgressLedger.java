package org.labexport.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small progress file {@code work/<job_key>/progress.json}: for each source file finished, its outputs with their
 * SHA-256 and the conversion step. Rewritten atomically after each file, so after a crash it names exactly the
 * outputs that were whole; a resumed job reuses an output only if its checksum still matches.
 */
public final class ProgressLedger {
    public static final String FILE_NAME = "progress.json";
    private static final Logger LOG = LoggerFactory.getLogger(ProgressLedger.class);

    /**
     * One finished source file.
     *
     * @param sourceSha256 the source's checksum when it was converted
     * @param outputs      its outputs (names are relative to the export folder)
     * @param step         the conversion, for the manifest
     */
    public record Entry(String sourceSha256, java.util.List<Manifest.OutputEntry> outputs,
                        Manifest.ProcessingStep step) {
    }

    private final Path file;
    private final Map<Long, Entry> entries;

    private ProgressLedger(Path file, Map<Long, Entry> entries) {
        this.file = file;
        this.entries = entries;
    }

    /** Loads the ledger of a job folder; an unreadable one counts as empty (the files are then converted again). */
    public static ProgressLedger open(Path jobDir) {
        Path file = jobDir.resolve(FILE_NAME);
        Map<Long, Entry> entries = new LinkedHashMap<>();
        if (Files.exists(file)) {
            try {
                entries.putAll(ManifestWriter.JSON.readValue(file.toFile(), new TypeReference<Map<Long, Entry>>() {
                }));
            } catch (IOException e) {
                LOG.warn("Ignoring unreadable progress file {}: {}", file, e.toString());
            }
        }
        return new ProgressLedger(file, entries);
    }

    public synchronized Optional<Entry> get(long fileId) {
        return Optional.ofNullable(entries.get(fileId));
    }

    /** Records a finished file and rewrites the ledger atomically. */
    public synchronized void record(long fileId, Entry entry) throws IOException {
        entries.put(fileId, entry);
        ManifestWriter.writeAtomically(entries, file);
    }

    public synchronized void forget(long fileId) throws IOException {
        if (entries.remove(fileId) != null) {
            ManifestWriter.writeAtomically(entries, file);
        }
    }
}
