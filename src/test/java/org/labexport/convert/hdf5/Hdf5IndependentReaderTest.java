package org.labexport.convert.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.binaryfixtures.EdgeTable;

/**
 * The HDF5 reference tool reads our files: h5dump (Debian package hdf5-tools) must list every column with its
 * attributes. Skipped where h5dump is not installed.
 */
class Hdf5IndependentReaderTest {
    @TempDir
    Path dir;

    @Test
    void h5dumpReadsOurFileWithColumnNamesTypesAndValues() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/h5dump")), "h5dump (hdf5-tools) is not installed");
        Path file = dir.resolve("edge.h5");
        EdgeTable.write(Hdf5TableWriter::open, file, EdgeTable.SCHEMA, EdgeTable.rows(),
                ExportOptions.defaults(ExportFormat.HDF5));
        String out = run("/usr/bin/h5dump", file.toString());
        for (String column : EdgeTable.SCHEMA.names()) {
            assertThat(out).contains("\"" + column + "\"");
        }
        assertThat(out).contains("DATASET \"count\"", "DATASET \"count.__null_mask\"", "ATTRIBUTE \"column_type\"",
                "\"timestamp\"", "1234567890123456789", "-9223372036854775808", "\"MARCH1\"", "\"0001234\"");
        assertThat(out).doesNotContain("h5dump error");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(bytes, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
