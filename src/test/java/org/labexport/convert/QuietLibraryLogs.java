package org.labexport.convert;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Raises the format libraries' loggers to WARN for one test class and restores them after: without a logging
 * configuration Parquet logs every record at DEBUG (gigabytes for the round-trip matrix).
 */
public final class QuietLibraryLogs implements BeforeAllCallback, AfterAllCallback {
    private static final String[] NAMES = {"org.apache.parquet", "org.apache.hadoop", "io.jhdf", "org.apache.poi",
            "org.duckdb"};
    private final Map<String, Level> saved = new HashMap<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        for (String name : NAMES) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                saved.put(name, logger.getLevel());
                logger.setLevel(Level.WARN);
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        for (Map.Entry<String, Level> e : saved.entrySet()) {
            ((Logger) LoggerFactory.getLogger(e.getKey())).setLevel(e.getValue());
        }
    }
}
