package org.labexport.convert.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * DuckDB's side of the whole-process benchmark, as its command line would run it: a fresh JVM loads the driver, opens
 * an in-memory database and copies one CSV to one format, then exits. {@code DuckDbCopyOnce <csv> <format> <target>}
 * with format parquet, json, tsv or csv (the same COPY options as the in-JVM comparison).
 */
public final class DuckDbCopyOnce {
    private DuckDbCopyOnce() {
    }

    public static void main(String[] args) throws Exception {
        String options = switch (args[1]) {
            case "parquet" -> "(FORMAT parquet, COMPRESSION snappy)";
            case "json" -> "(FORMAT json, ARRAY true)";
            case "tsv" -> "(FORMAT csv, DELIMITER '\t', HEADER true)";
            case "csv" -> "(FORMAT csv, HEADER true)";
            default -> throw new IllegalArgumentException("no DuckDB copy for " + args[1]);
        };
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT * FROM read_csv('" + args[0] + "', header=true)) TO '" + args[2] + "' " + options);
        }
    }
}
