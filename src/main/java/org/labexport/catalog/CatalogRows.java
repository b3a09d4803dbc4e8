package org.labexport.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.labexport.convert.SourceFormat;
import org.labexport.persistence.JsonColumns;

/**
 * The catalog's tables ({@code data_file}, {@code dataset}, {@code dataset_file}) in plain JDBC: reading rows into
 * {@link DataFile}s and {@link Dataset}s and writing them (docs/decisions/0072, 0127). Detected formats are stored by
 * wire name, metadata as JSON text with its types ({@link JsonColumns#jsonMapText}), timestamps as
 * {@code TIMESTAMP WITH TIME ZONE} in UTC; a dataset's members keep their order in {@code position}, from 0.
 */
final class CatalogRows {
    private static final String FILE_COLUMNS = "id, path, file_name, size_bytes, sha256, detected_format, added_at,"
            + " metadata, pipeline_run, stored_at";
    /** Ids per {@code IN (...)} list: far below any driver's limit on parameters. */
    private static final int IDS_PER_QUERY = 500;

    private CatalogRows() {
    }

    /** Files whose WHERE clause (may be empty) and parameters are given, by id. */
    static List<DataFile> files(Connection c, String where, Object... params) throws SQLException {
        List<DataFile> files = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT " + FILE_COLUMNS + " FROM data_file " + where + " ORDER BY id",
                params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                DataFile f = new DataFile(rs.getString("path"), rs.getString("file_name"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), format(rs.getString("detected_format")), instant(rs, "added_at"),
                        JsonColumns.jsonMapFrom(rs.getString("metadata")), rs.getString("pipeline_run"));
                f.setId(rs.getLong("id"));
                f.setStoredAt(rs.getString("stored_at"));
                files.add(f);
            }
        }
        return files;
    }

    /** The files with these ids that exist, by id (the ids may repeat; nulls are ignored). */
    static Map<Long, DataFile> filesById(Connection c, List<Long> ids) throws SQLException {
        List<Long> distinct = ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
        Map<Long, DataFile> found = new LinkedHashMap<>();
        for (int from = 0; from < distinct.size(); from += IDS_PER_QUERY) {
            List<Long> chunk = distinct.subList(from, Math.min(distinct.size(), from + IDS_PER_QUERY));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            for (DataFile f : files(c, "WHERE id IN (" + marks + ")", chunk.toArray())) {
                found.put(f.getId(), f);
            }
        }
        return found;
    }

    /** The entry of this exact file (path, size and hash), if the catalog has one. */
    static Optional<DataFile> sameFile(Connection c, String path, long size, String sha256) throws SQLException {
        return files(c, "WHERE path = ? AND size_bytes = ? AND sha256 = ?", path, size, sha256).stream().findFirst();
    }

    /**
     * The newest entry of this path and size whose digest was taken when the file had this modification time
     * (nanoseconds since 1970), if any: see {@code V4__digest_times.sql}.
     */
    static Optional<DataFile> unchangedFile(Connection c, String path, long size, long modifiedNanos)
            throws SQLException {
        List<DataFile> found = files(c, "WHERE path = ? AND size_bytes = ? AND digest_mtime_ns = ?", path, size,
                modifiedNanos);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** Records the modification time a file's digest vouches for, or none (null). */
    static void setDigestTime(Connection c, long fileId, Long modifiedNanos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE data_file SET digest_mtime_ns = ? WHERE id = ?")) {
            ps.setObject(1, modifiedNanos, java.sql.Types.BIGINT);
            ps.setLong(2, fileId);
            ps.executeUpdate();
        }
    }

    /**
     * Inserts a new file, with the modification time its digest vouches for (or null), and gives it the id the
     * database assigned. Another process inserting the same file at the same moment makes this fail with a
     * unique-key violation (SQLState 23505).
     */
    static void insertFile(Connection c, DataFile f, Long digestModifiedNanos) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_file (path, file_name, size_bytes, sha256,"
                + " detected_format, added_at, metadata, pipeline_run, stored_at, digest_mtime_ns)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, f.getPath());
            ps.setString(2, f.getFileName());
            ps.setLong(3, f.getSizeBytes());
            ps.setString(4, f.getSha256());
            ps.setString(5, f.getDetectedFormat().wireName());
            ps.setObject(6, utc(f.getAddedAt()));
            ps.setString(7, JsonColumns.jsonMapText(f.getMetadata()));
            setText(ps, 8, f.getPipelineRun());
            setText(ps, 9, f.getStoredAt());
            ps.setObject(10, digestModifiedNanos, java.sql.Types.BIGINT);
            ps.executeUpdate();
            f.setId(generatedId(ps));
        }
    }

    /** Stores a file's metadata and pipeline run (what adding the same file again may change). */
    static void updateFileDescription(Connection c, DataFile f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE data_file SET metadata = ?, pipeline_run = ? WHERE id = ?")) {
            ps.setString(1, JsonColumns.jsonMapText(f.getMetadata()));
            setText(ps, 2, f.getPipelineRun());
            ps.setLong(3, f.getId());
            ps.executeUpdate();
        }
    }

    /** Sets where a file was uploaded; false if there is no such file. */
    static boolean setStoredAt(Connection c, long fileId, String storedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE data_file SET stored_at = ? WHERE id = ?")) {
            setText(ps, 1, storedAt);
            ps.setLong(2, fileId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Datasets whose WHERE clause (may be empty) and parameters are given, by id, with their files in order. */
    static List<Dataset> datasets(Connection c, String where, Object... params) throws SQLException {
        Map<Long, Dataset> byId = new LinkedHashMap<>();
        try (PreparedStatement ps = prepare(c, "SELECT id, name, description, created_at FROM dataset " + where
                + " ORDER BY id", params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Dataset d = new Dataset(rs.getString("name"), rs.getString("description"), instant(rs, "created_at"));
                d.setId(rs.getLong("id"));
                byId.put(d.getId(), d);
            }
        }
        if (byId.isEmpty()) {
            return List.of();
        }
        // One dataset (the usual WHERE id = ? or name = ?) reads only its own members.
        String members = byId.size() == 1 ? " WHERE dataset_id = " + byId.keySet().iterator().next() : "";
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dataset_id, file_id FROM dataset_file" + members + " ORDER BY dataset_id, position");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Dataset d = byId.get(rs.getLong(1));
                if (d != null) {
                    d.addFile(rs.getLong(2));
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    /**
     * Inserts a new, empty dataset and gives it the id the database assigned; a dataset of that name made by another
     * process at the same moment makes this fail with a unique-key violation (SQLState 23505).
     */
    static void insertDataset(Connection c, Dataset d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dataset (name, description, created_at) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, d.getName());
            setText(ps, 2, d.getDescription());
            ps.setObject(3, utc(d.getCreatedAt()));
            ps.executeUpdate();
            d.setId(generatedId(ps));
        }
    }

    /**
     * The dataset, its row locked until the transaction ends, so that two processes appending to it take turns
     * (each then sees the other's members and positions).
     */
    static Optional<Dataset> lockDataset(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM dataset WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
            }
        }
        return datasets(c, "WHERE id = ?", id).stream().findFirst();
    }

    /**
     * Appends members to a dataset from {@code firstPosition} on (its member count); the caller has left out files
     * already in it.
     */
    static void appendMembers(Connection c, long datasetId, int firstPosition, List<Long> newFileIds)
            throws SQLException {
        if (newFileIds.isEmpty()) {
            return;
        }
        int position = firstPosition;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO dataset_file (dataset_id, position, file_id) VALUES (?, ?, ?)")) {
            for (Long fileId : newFileIds) {
                ps.setLong(1, datasetId);
                ps.setInt(2, position++);
                ps.setLong(3, fileId);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("The database returned no id for the new row");
            }
            // H2 returns the identity column only, PostgreSQL the whole row: ask for it by name.
            return keys.getLong("id");
        }
    }

    private static SourceFormat format(String name) {
        return name == null ? null : SourceFormat.valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static void setText(PreparedStatement ps, int index, String text) throws SQLException {
        if (text == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, text);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
