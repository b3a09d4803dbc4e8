package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.slf4j.LoggerFactory;

/**
 * Excel write throughput on a 9-column differential-expression table: our direct writer (compressing on a second
 * thread or not) against POI's SXSSF with temp-file compression off and on
 * (figures in docs/decisions/0024-excel-cells.md). Run on demand with {@code -Dlabexport.bench=true}.
 */
@EnabledIfSystemProperty(named = "labexport.bench", matches = "true")
class ExcelWriteThroughputBenchmarkTest {
    static final int ROWS = Integer.getInteger("labexport.bench.rows", 300_000);
    static final TableSchema SCHEMA = org.labexport.convert.bench.DeTableGenerator.SCHEMA;

    @TempDir
    Path dir;

    static void fill(Object[] row, long i) {
        row[0] = String.format(Locale.ROOT, "ENSG%011d", i);
        row[1] = "GENE" + (i % 25_000);
        double x = (i * 2654435761L % 1_000_003) / 1_000_003.0;
        row[2] = x * 5000;
        row[3] = (x - 0.5) * 8;
        row[4] = 0.1 + x / 3;
        row[5] = (x - 0.5) * 30;
        row[6] = x * x / 7;
        row[7] = i % 11 == 0 ? null : x / 3;
        row[8] = x < 0.05;
    }

    @Test
    void rowsPerSecondWritingANineColumnTable() throws IOException {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        for (int round = 0; round < 3; round++) {
            for (String variant : List.of("direct-parallel", "direct-serial", "sxssf-plain", "sxssf-compressed")) {
                Path file = dir.resolve("bench-" + variant + ".xlsx");
                long t0 = System.nanoTime();
                ExportOptions options = ExportOptions.defaults(ExportFormat.EXCEL);
                try (TableWriter w = switch (variant) {
                    case "direct-parallel" -> ExcelTableWriter.open(file, SCHEMA, options, true);
                    case "direct-serial" -> ExcelTableWriter.open(file, SCHEMA, options, false);
                    case "sxssf-plain" -> SxssfBaselineWriter.open(file, SCHEMA, options, false);
                    default -> SxssfBaselineWriter.open(file, SCHEMA, options, true);
                }) {
                    Object[] row = new Object[SCHEMA.size()];
                    for (long i = 0; i < ROWS; i++) {
                        fill(row, i);
                        w.write(row);
                    }
                    w.finish();
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %s: %d rows in %.2f s = %.0f rows/s,"
                        + " %d bytes%n", round, variant, ROWS, s, ROWS / s, Files.size(file));
                assertThat(file).exists();
            }
        }
    }
}
