package org.labexport.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;
import org.labexport.base.FileTrees;

class LocalFolderDestinationTest {
    @TempDir
    Path tmp;

    @Test
    void zipIsMovedIntoPlaceAndDownloadUrlIsItsFileUri() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path zip = Files.writeString(work.resolve("exp_1.zip"), "zip bytes");
        LocalFolderDestination dest = new LocalFolderDestination(tmp.resolve("exports"));

        Delivery d = dest.deliver(zip, "exp_1", Instant.now(), CancelSignal.NEVER);

        Path out = tmp.resolve("exports/exp_1.zip");
        assertThat(d.outputPath()).isEqualTo(out.toString());
        assertThat(d.outputSize()).isEqualTo(9);
        assertThat(Path.of(URI.create(d.downloadUrl()))).isEqualTo(out);
        assertThat(out).hasContent("zip bytes");
        assertThat(zip).doesNotExist();
    }

    @Test
    void folderExportKeepsItsFilesAndReportsTheirTotalSize() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("work/exp_2"));
        Files.writeString(folder.resolve("file_1_a.csv"), "a,b\n1,2\n");
        Files.writeString(folder.resolve("export_metadata.json"), "{}");
        LocalFolderDestination dest = new LocalFolderDestination(tmp.resolve("exports"));

        Delivery d = dest.deliver(folder, "exp_2", Instant.now(), CancelSignal.NEVER);

        assertThat(tmp.resolve("exports/exp_2/file_1_a.csv")).hasContent("a,b\n1,2\n");
        assertThat(d.outputSize()).isEqualTo(10);
        dest.remove(d.outputPath());
        assertThat(tmp.resolve("exports/exp_2")).doesNotExist();
    }

    @Test
    void cancelledDeliveryLeavesNothingAtTheDestination() throws Exception {
        Path zip = Files.writeString(Files.createDirectories(tmp.resolve("work")).resolve("exp_3.zip"), "x");
        LocalFolderDestination dest = new LocalFolderDestination(tmp.resolve("exports"));

        assertThatThrownBy(() -> dest.deliver(zip, "exp_3", Instant.now(), () -> true))
                .isInstanceOf(ConversionCancelledException.class);
        assertThat(tmp.resolve("exports/exp_3.zip")).doesNotExist();
    }

    @Test
    void unwritableFolderFailsNamingTheFolder() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Path zip = Files.writeString(Files.createDirectories(tmp.resolve("work")).resolve("exp_4.zip"), "x");
        LocalFolderDestination dest = new LocalFolderDestination(blocker.resolve("sub"));

        assertThatThrownBy(() -> dest.deliver(zip, "exp_4", Instant.now(), CancelSignal.NEVER))
                .isInstanceOf(DeliveryException.class).hasMessageContaining(blocker.resolve("sub").toString());
    }

    /** A folder on another file system than the temporary folder (tmpfs /dev/shm on Linux), or null. */
    private Path otherFileSystem() throws Exception {
        Path shm = Path.of("/dev/shm");
        if (!Files.isDirectory(shm) || !Files.isWritable(shm)
                || Files.getFileStore(shm).equals(Files.getFileStore(tmp))) {
            return null;
        }
        return Files.createTempDirectory(shm, "labexport-test-");
    }

    @Test
    void deliveryToAnotherFileSystemCopiesTheWholeFolderThenRemovesTheSource() throws Exception {
        Path other = otherFileSystem();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "no second file system to deliver to");
        try {
            Path folder = Files.createDirectories(tmp.resolve("work/exp_5/nested"));
            byte[] big = new byte[3 * 1024 * 1024 + 17];
            new java.util.Random(5).nextBytes(big);
            Files.write(folder.resolve("data.parquet"), big);
            Files.writeString(folder.getParent().resolve("export_metadata.json"), "{\"a\":1}");
            LocalFolderDestination dest = new LocalFolderDestination(other.resolve("exports"));

            Delivery d = dest.deliver(folder.getParent(), "exp_5", Instant.now(), CancelSignal.NEVER);

            Path out = other.resolve("exports/exp_5");
            assertThat(Files.readAllBytes(out.resolve("nested/data.parquet"))).isEqualTo(big);
            assertThat(out.resolve("export_metadata.json")).hasContent("{\"a\":1}");
            assertThat(d.outputSize()).isEqualTo(big.length + 7);
            assertThat(tmp.resolve("work/exp_5")).doesNotExist();
            try (var names = Files.list(other.resolve("exports"))) {
                assertThat(names.map(p -> p.getFileName().toString()).toList()).containsExactly("exp_5");
            }
        } finally {
            org.labexport.base.FileTrees.deleteRecursively(other);
        }
    }

    @Test
    void cancelDuringACopyToAnotherFileSystemLeavesNoPartialExportAndKeepsTheSource() throws Exception {
        Path other = otherFileSystem();
        org.junit.jupiter.api.Assumptions.assumeTrue(other != null, "no second file system to deliver to");
        try {
            Path zip = Files.createDirectories(tmp.resolve("work")).resolve("exp_6.zip");
            Files.write(zip, new byte[8 * 1024 * 1024]);
            LocalFolderDestination dest = new LocalFolderDestination(other.resolve("exports"));
            java.util.concurrent.atomic.AtomicInteger checks = new java.util.concurrent.atomic.AtomicInteger();

            // Cancelled a few buffers into the copy: past the rename attempt, mid-file.
            assertThatThrownBy(() -> dest.deliver(zip, "exp_6", Instant.now(), () -> checks.incrementAndGet() > 3))
                    .isInstanceOf(ConversionCancelledException.class);

            assertThat(checks.get()).isGreaterThan(3);
            try (var names = Files.list(other.resolve("exports"))) {
                assertThat(names.toList()).isEmpty();
            }
            assertThat(zip).exists();
        } finally {
            org.labexport.base.FileTrees.deleteRecursively(other);
        }
    }
}
