package org.labexport.convert.hdf5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableWriter;

/**
 * The native HDF5 library is not thread-safe: the pipeline converts files in parallel, so several HDF5 writers run at
 * once while the garbage collector runs. Before every native object was closed under the lock (and JavaCPP's
 * collector-driven frees were switched off) this crashed the JVM inside createDataSet.
 */
class Hdf5ConcurrentWritersTest {
    @TempDir
    Path dir;

    @Test
    void aWriterAbandonedOnACancelledThreadWaitsForTheBlockBeingWritten() throws Exception {
        for (int k = 0; k < 5; k++) {
            Path file = dir.resolve("abandoned" + k + ".h5");
            TableWriter w = Hdf5TableWriter.open(file, Hdf5StreamingProbe.SCHEMA,
                    ExportOptions.defaults(ExportFormat.HDF5));
            // Two full blocks and a bit: the second is being written on the writer's thread as we close.
            for (long i = 0; i < 2L * Hdf5Layout.CHUNK_ROWS + 10; i++) {
                w.write(new Object[] {i, i / 7.0, "s-" + i});
            }
            Thread.currentThread().interrupt();
            try {
                w.close();
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
        // The process is still here, and the library still writes.
        Path after = dir.resolve("after.h5");
        try (TableWriter w = Hdf5TableWriter.open(after, Hdf5StreamingProbe.SCHEMA,
                ExportOptions.defaults(ExportFormat.HDF5))) {
            w.write(new Object[] {1L, 2.0, "x"});
            assertThat(w.finish().rows()).isEqualTo(1);
        }
    }

    @Test
    void aTimestampHdf5CannotHoldIsNamedByItsRowInALaterBlock() throws Exception {
        org.labexport.convert.TableSchema schema = new org.labexport.convert.TableSchema(List.of(
                new org.labexport.convert.Column("at", org.labexport.convert.ColumnType.TIMESTAMP)));
        long bad = 2L * Hdf5Layout.CHUNK_ROWS + 5;
        try (TableWriter w = Hdf5TableWriter.open(dir.resolve("late.h5"), schema,
                ExportOptions.defaults(ExportFormat.HDF5))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                for (long i = 0; i <= bad; i++) {
                    w.write(new Object[] {i == bad ? java.time.Instant.MAX : java.time.Instant.ofEpochSecond(i)});
                }
            }).isInstanceOf(org.labexport.convert.ConversionException.class)
                    .hasMessageContaining("row " + (bad + 1) + " holds a timestamp outside the range");
        }
    }

    @Test
    void parallelWritersWithGarbageCollectionWriteReadableFiles() throws Exception {
        int files = 24;
        long rows = 70_000; // more than one chunk per column
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> written = new ArrayList<>();
            for (int f = 0; f < files; f++) {
                Path file = dir.resolve("t" + f + ".h5");
                written.add(pool.submit(() -> {
                    try (TableWriter w = Hdf5TableWriter.open(file, Hdf5StreamingProbe.SCHEMA,
                            ExportOptions.defaults(ExportFormat.HDF5))) {
                        for (long i = 0; i < rows; i++) {
                            w.write(new Object[] {i, i % 1000 == 0 ? null : i / 7.0, "s-" + i});
                            if (i % 20_000 == 0) {
                                System.gc();
                            }
                        }
                        w.finish();
                    }
                    return file;
                }));
            }
            for (Future<Path> f : written) {
                Path file = f.get(120, TimeUnit.SECONDS);
                try (TableReader r = new Hdf5SourceReader().open(file, "data", ReadSettings.defaults(null))) {
                    Object[] row = new Object[3];
                    long n = 0;
                    while (r.next(row)) {
                        n++;
                    }
                    assertThat(n).as(file.toString()).isEqualTo(rows);
                    assertThat(row).containsExactly(rows - 1, (rows - 1) / 7.0, "s-" + (rows - 1));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
