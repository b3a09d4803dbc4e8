package org.labexport.convert.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.TableReader;

/**
 * The HDF5 writer streams: a JVM with a 48 MB heap writes a 1,200,000-row table whose columns alone would need
 * about 100 MB in memory, and the file reads back whole.
 */
class Hdf5StreamingMemoryTest {
    @TempDir
    Path dir;

    @Test
    void tableMuchLargerThanTheHeapIsWrittenInASmallHeapJvm() throws Exception {
        Path file = dir.resolve("large.h5");
        long rows = 1_200_000;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-Dlogback.configurationFile=none",
                "-cp", System.getProperty("java.class.path"), Hdf5StreamingProbe.class.getName(),
                file.toString(), Long.toString(rows)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("written " + rows).doesNotContain("OutOfMemoryError");
        try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
            assertThat(r.schema()).isEqualTo(Hdf5StreamingProbe.SCHEMA);
            Object[] row = new Object[3];
            long n = 0;
            Object[] last = null;
            while (r.next(row)) {
                if (n == 1000) {
                    assertThat(row[1]).isNull();
                }
                n++;
                last = row.clone();
            }
            assertThat(n).isEqualTo(rows);
            assertThat(List.of(last)).containsExactly(rows - 1, (rows - 1) / 7.0, "sample-identifier-" + (rows - 1));
        }
    }
}
