package org.labexport.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labexport.persistence.JsonColumns;

/**
 * Reads catalog files and datasets with plain JDBC, as their Hibernate mapping stores them, so that listing the
 * catalog needs no Hibernate boot (docs/decisions/0072). Writes stay with Hibernate.
 */
final class CatalogRows {
    private static final String FILE_COLUMNS = "id, path, file_name, size_bytes, sha256, detected_format, added_at,"
            + " metadata, pipeline_run, stored_at";
    private static final JsonColumns.JsonMap MAP = new JsonColumns.JsonMap();
    private static final SourceFormatConverter FORMAT = new SourceFormatConverter();

    private CatalogRows() {
    }

    /** Files whose WHERE clause (may be empty) and parameters are given, by id. */
    static List<DataFile> files(Connection c, String where, Object... params) throws SQLException {
        List<DataFile> files = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, "SELECT " + FILE_COLUMNS + " FROM data_file " + where + " ORDER BY id",
                params); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                DataFile f = new DataFile(rs.getString("path"), rs.getString("file_name"), rs.getLong("size_bytes"),
                        rs.getString("sha256"), FORMAT.convertToEntityAttribute(rs.getString("detected_format")),
                        instant(rs, "added_at"), MAP.convertToEntityAttribute(rs.getString("metadata")),
                        rs.getString("pipeline_run"));
                f.setId(rs.getLong("id"));
                f.setStoredAt(rs.getString("stored_at"));
                files.add(f);
            }
        }
        return files;
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
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT dataset_id, file_id FROM dataset_file ORDER BY dataset_id, position");
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
}
