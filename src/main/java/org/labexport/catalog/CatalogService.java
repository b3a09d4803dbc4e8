package org.labexport.catalog;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.labexport.base.ValidationException;
import org.labexport.base.IoReasons;
import org.labexport.convert.SourceFormat;
import org.labexport.persistence.Database;
import org.labexport.persistence.DatabaseException;
import org.labexport.persistence.JsonColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog of data files and datasets that export jobs select from, stored through {@link CatalogRows}.
 * Thread-safe; every file or dataset it returns is a copy of its own.
 * Adding a file reads it once to hash it; the same unchanged file (path, size, SHA-256) keeps its id.
 */
public final class CatalogService {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);
    private static final int MAX_NAME = 200;
    /** The metadata key that names the upstream pipeline run of a file (kept in its own field). */
    public static final String PIPELINE_RUN_KEY = "pipeline_run";

    /** Lengths of the data_file columns path and metadata. */
    private static final int MAX_PATH = 4000;
    private static final int MAX_METADATA = 1_000_000;

    private final Database db;
    private final Clock clock;

    public CatalogService(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds a file to the catalog, or returns the existing entry of the same unchanged file (new metadata keys are
     * merged into it). With a dataset name, the file is also put in that dataset (created if needed). The key
     * {@value #PIPELINE_RUN_KEY} is not free metadata: it names the upstream run that produced the file and is
     * kept in the file's pipeline-run field. Values keep their JSON types ({@link MetadataValues}).
     *
     * @throws ValidationException if the path is not a regular readable file (missing, a folder, a device, a FIFO, a
     *                             socket, unreadable; field "file", naming the path and what it is)
     * @throws CatalogException    if reading the file fails midway
     */
    public DataFile addFile(Path file, Map<String, ?> metadata, String datasetNameOrNull) {
        return add(addablePath(file), metadata, datasetNameOrNull);
    }

    /** {@link #addFile} of a path {@link #addablePath} has checked. */
    private DataFile add(Path abs, Map<String, ?> metadata, String datasetNameOrNull) {
        Map<String, Object> meta = metadata == null ? new LinkedHashMap<>() : new LinkedHashMap<>(metadata);
        Object run = meta.remove(PIPELINE_RUN_KEY);
        String pipelineRun = run == null || String.valueOf(run).isBlank() ? null : String.valueOf(run).strip();
        if (pipelineRun != null && pipelineRun.length() > MAX_NAME) {
            throw new ValidationException(PIPELINE_RUN_KEY, "pipeline_run must be at most " + MAX_NAME
                    + " characters, got " + pipelineRun.length() + ".");
        }
        requireStorable(meta);
        FileFacts facts = readFacts(abs);
        DataFile saved = findOrInsert(abs, facts, meta, pipelineRun);
        if (datasetNameOrNull != null && !datasetNameOrNull.isBlank()) {
            Dataset ds = createDataset(datasetNameOrNull, null);
            addToDataset(ds.getId(), List.of(saved.getId()));
        }
        return saved;
    }

    /**
     * Adds a file an export is about to read, as {@link #addFile} adds it without metadata, except that an entry of
     * the same path and size whose digest was taken when the file had its present modification time is taken as it
     * is, without reading the file first (nor finishing its read ahead): the export compares what it reads with that
     * digest and fails the file if they differ, which also forgets the time ({@link #forgetDigestTime}), so that
     * the next export reads the file again (docs/decisions/0065, 0138). Not for a file that is uploaded for another
     * machine to read: only a read of the file itself checks it.
     *
     * @throws ValidationException as {@link #addFile}
     */
    public DataFile addFileToExport(Path file) {
        Path abs = addablePath(file);
        try {
            BasicFileAttributes attrs = Files.readAttributes(abs, BasicFileAttributes.class);
            long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            Optional<DataFile> known = db.withConnection("look up " + abs + " in the catalog",
                    c -> CatalogRows.unchangedFile(c, abs.toString(), attrs.size(), modified));
            if (known.isPresent()) {
                ReadAheadHashes.cancel(abs);
                return known.get();
            }
        } catch (IOException e) {
            // Added (or refused in the catalog's words) below, as any file.
        }
        return add(abs, Map.of(), null);
    }

    /**
     * Forgets the modification time this file's digest vouched for: its content was found to differ from the
     * digest, so the next export must read it before taking this entry.
     */
    public void forgetDigestTime(long fileId) {
        db.inTransaction("forget the digest time of file " + fileId, c -> {
            CatalogRows.setDigestTime(c, fileId, null);
            return null;
        });
    }

    /** The absolute path, once it is known to be a readable regular file with a path the catalog can keep. */
    private static Path addablePath(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        SourcePaths.problem(abs).ifPresent(problem -> {
            throw new ValidationException("file", problem);
        });
        if (abs.toString().length() > MAX_PATH) {
            throw new ValidationException("file", "The path of " + abs.getFileName() + " is "
                    + abs.toString().length() + " characters long; the catalog keeps paths of at most " + MAX_PATH
                    + ".");
        }
        return abs;
    }

    /** What reading a file found; {@code digestModifiedNanos} is null unless its time can vouch for the digest. */
    private record FileFacts(long size, String sha256, SourceFormat format, Long digestModifiedNanos) {
    }

    /** Refuses metadata the catalog's column cannot hold, before the database does so in its own words. */
    private static void requireStorable(Map<String, Object> meta) {
        int length = JsonColumns.jsonMapText(meta).length();
        if (length > MAX_METADATA) {
            throw new ValidationException("metadata", "The metadata of a file may take at most " + MAX_METADATA
                    + " characters; this one takes " + length + ".");
        }
    }

    private static FileFacts readFacts(Path abs) {
        try {
            // Taken while the process started if it was read ahead and is unchanged, else read now (one reading loop).
            ReadAheadHashes.Digest d = ReadAheadHashes.take(abs).orElse(null);
            if (d == null) {
                d = ReadAheadHashes.hash(abs);
            }
            return new FileFacts(d.size(), d.sha256(), SourceFormat.detect(abs), d.settledModifiedNanos());
        } catch (NoSuchFileException e) {
            throw new ValidationException("file", "File not found: " + abs);
        } catch (AccessDeniedException e) {
            throw new ValidationException("file", abs + " cannot be read: permission denied.");
        } catch (IOException e) {
            throw new CatalogException("Cannot read " + abs + ": " + IoReasons.of(e) + ".", e);
        }
    }

    private record Recorded(DataFile file, boolean added) {
    }

    private DataFile findOrInsert(Path abs, FileFacts facts, Map<String, Object> meta, String pipelineRun) {
        for (int attempt = 0; ; attempt++) {
            Recorded recorded;
            try {
                recorded = db.inTransaction("record " + abs + " in the catalog", c -> {
                    Optional<DataFile> existing = CatalogRows.sameFile(c, abs.toString(), facts.size(),
                            facts.sha256());
                    if (existing.isPresent()) {
                        DataFile f = existing.get();
                        Map<String, Object> metaBefore = f.getMetadata();
                        String runBefore = f.getPipelineRun();
                        if (!meta.isEmpty()) {
                            f.mergeMetadata(meta);
                        }
                        if (pipelineRun != null) {
                            f.setPipelineRun(pipelineRun);
                        }
                        if (!f.getMetadata().equals(metaBefore) || !Objects.equals(f.getPipelineRun(), runBefore)) {
                            CatalogRows.updateFileDescription(c, f);
                        }
                        if (facts.digestModifiedNanos() != null) {
                            CatalogRows.setDigestTime(c, f.getId(), facts.digestModifiedNanos());
                        }
                        return new Recorded(f, false);
                    }
                    DataFile f = new DataFile(abs.toString(), abs.getFileName().toString(), facts.size(),
                            facts.sha256(), facts.format(), now(), meta, pipelineRun);
                    CatalogRows.insertFile(c, f, facts.digestModifiedNanos());
                    return new Recorded(f, true);
                });
            } catch (DatabaseException e) {
                // Another process added the same file at the same moment: the unique key refused ours; read theirs.
                if (!Database.isUniqueViolation(e) || attempt >= 2) {
                    // The database's own message quotes its SQL statement: the log has it, the user gets a sentence.
                    throw new CatalogException("The catalog could not record " + abs + "; the details are in the log.",
                            e);
                }
                LOG.debug("Retrying catalog insert of {}", abs, e);
                continue;
            }
            if (recorded.added()) {
                LOG.info("Added {} to the catalog as file {}", abs, recorded.file().getId());
            }
            return recorded.file();
        }
    }

    /** Records where a file was uploaded for the lab's workers ({@code s3://...}); returns the file as saved. */
    public DataFile setStoredAt(long fileId, String storedAt) {
        return db.inTransaction("record where file " + fileId + " was uploaded", c -> {
            if (!CatalogRows.setStoredAt(c, fileId, storedAt)) {
                throw new ValidationException("file_id", "No file " + fileId + " in the catalog.");
            }
            return CatalogRows.files(c, "WHERE id = ?", fileId).get(0);
        });
    }

    public Optional<DataFile> getFile(long id) {
        return db.withConnection("read catalog file " + id, c -> CatalogRows.files(c, "WHERE id = ?", id)).stream()
                .findFirst();
    }

    /** Every file, oldest first. */
    public List<DataFile> listFiles() {
        return db.withConnection("read the catalog", c -> CatalogRows.files(c, ""));
    }

    /**
     * Creates a dataset, or returns the existing one of that name (its description unchanged).
     *
     * @throws ValidationException if the name is blank or longer than 200 characters
     */
    public Dataset createDataset(String name, String description) {
        if (name == null || name.isBlank()) {
            throw new ValidationException("dataset", "Dataset name is required.");
        }
        String n = name.strip();
        if (n.length() > MAX_NAME) {
            throw new ValidationException("dataset", "Dataset name must be at most " + MAX_NAME
                    + " characters, got " + n.length() + ".");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction("record the dataset '" + n + "'", c -> {
                    Optional<Dataset> existing = CatalogRows.datasets(c, "WHERE name = ?", n).stream().findFirst();
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                    Dataset d = new Dataset(n, description, now());
                    CatalogRows.insertDataset(c, d);
                    return d;
                });
            } catch (DatabaseException e) {
                // Another process made a dataset of this name at the same moment; the next attempt finds it.
                if (!Database.isUniqueViolation(e) || attempt >= 2) {
                    throw new CatalogException("The catalog could not record the dataset '" + n
                            + "'; the details are in the log.", e);
                }
                LOG.debug("Retrying dataset insert of {}", n, e);
            }
        }
    }

    public Optional<Dataset> getDataset(long id) {
        return db.withConnection("read dataset " + id, c -> CatalogRows.datasets(c, "WHERE id = ?", id)).stream()
                .findFirst();
    }

    public Optional<Dataset> getDatasetByName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return db.withConnection("read dataset " + name.strip(),
                c -> CatalogRows.datasets(c, "WHERE name = ?", name.strip())).stream().findFirst();
    }

    /** Every dataset, oldest first. */
    public List<Dataset> listDatasets() {
        return db.withConnection("read the datasets", c -> CatalogRows.datasets(c, ""));
    }

    /**
     * Appends files to a dataset; files already in it are skipped.
     *
     * @throws ValidationException for an unknown dataset id (field "dataset_ids") or file id (field "file_ids")
     */
    public void addToDataset(long datasetId, List<Long> fileIds) {
        db.inTransaction("add files to dataset " + datasetId, c -> {
            // The row lock makes two processes adding to one dataset take turns, so positions never clash.
            Dataset d = CatalogRows.lockDataset(c, datasetId).orElseThrow(() -> new ValidationException(
                    "dataset_ids", "Unknown dataset id: " + datasetId + "."));
            requireFiles(c, fileIds);
            List<Long> before = d.getFileIds();
            for (Long id : fileIds) {
                d.addFile(id);
            }
            List<Long> after = d.getFileIds();
            CatalogRows.appendMembers(c, datasetId, before.size(), after.subList(before.size(), after.size()));
            return null;
        });
    }

    /**
     * The files a selection means: the selected files in the order given, then each dataset's files in order,
     * without duplicates.
     *
     * @throws ValidationException naming every unknown file id (field "file_ids") or dataset id ("dataset_ids")
     */
    public List<DataFile> resolveFiles(List<Long> fileIds, List<Long> datasetIds) {
        List<Long> files = fileIds == null ? List.of() : fileIds;
        List<Long> sets = datasetIds == null ? List.of() : datasetIds;
        return db.withConnection("read the selected files", c -> {
            Map<Long, DataFile> byId = requireFiles(c, files);
            Set<Long> order = new LinkedHashSet<>(files);
            List<Long> missingSets = new ArrayList<>();
            for (Long dsId : sets) {
                Optional<Dataset> d = dsId == null ? Optional.empty()
                        : CatalogRows.datasets(c, "WHERE id = ?", dsId).stream().findFirst();
                if (d.isEmpty()) {
                    missingSets.add(dsId);
                } else {
                    order.addAll(d.get().getFileIds());
                }
            }
            if (!missingSets.isEmpty()) {
                throw new ValidationException("dataset_ids", "Unknown dataset id" + (missingSets.size() > 1 ? "s" : "")
                        + ": " + join(missingSets) + ".");
            }
            List<Long> extra = order.stream().filter(id -> !byId.containsKey(id)).toList();
            byId.putAll(requireFiles(c, extra));
            List<DataFile> out = new ArrayList<>(order.size());
            for (Long id : order) {
                out.add(byId.get(id));
            }
            return out;
        });
    }

    private static Map<Long, DataFile> requireFiles(Connection c, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return new LinkedHashMap<>();
        }
        Map<Long, DataFile> found = CatalogRows.filesById(c, ids);
        List<Long> missing = ids.stream().filter(id -> id == null || !found.containsKey(id)).distinct().toList();
        if (!missing.isEmpty()) {
            throw new ValidationException("file_ids", "Unknown file id" + (missing.size() > 1 ? "s" : "") + ": "
                    + join(missing) + ".");
        }
        return found;
    }

    private static String join(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
