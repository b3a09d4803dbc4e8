package org.labexport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;

/** Digests taken ahead are used only for the file as it was read; a changed file is read again. */
class ReadAheadHashesTest {
    @TempDir
    Path dir;
    private AppServices services;

    @BeforeEach
    void open() {
        services = TestHome.open(dir.resolve("home"));
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void aFileHashedAheadIsCataloguedWithItsTrueDigest() throws Exception {
        Path f = Files.writeString(dir.resolve("big.csv"), "id,v\n" + "1,2\n".repeat(100_000));
        ReadAheadHashes.start(List.of(f));

        DataFile added = services.catalog().addFile(f, Map.of(), null);

        assertThat(added.getSha256()).isEqualTo(sha256(f));
        assertThat(added.getSizeBytes()).isEqualTo(Files.size(f));
    }

    /** A digest asked for before the reading thread has reached its file is still taken, never waited on forever. */
    @Test
    void aDigestAskedForBeforeItsTurnIsStillTaken() throws Exception {
        Path first = Files.writeString(dir.resolve("first.csv"), "id,v\n" + "1,2\n".repeat(3_000_000));
        Path second = Files.writeString(dir.resolve("second.csv"), "id,v\n1,2\n");
        ReadAheadHashes.start(List.of(first, second));

        Optional<ReadAheadHashes.Digest> taken = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> ReadAheadHashes.take(second.toAbsolutePath().normalize()));
        ReadAheadHashes.take(first.toAbsolutePath().normalize());

        assertThat(taken).isPresent();
        assertThat(taken.get().sha256()).isEqualTo(sha256(second));
    }

    /**
     * An export that takes a known unchanged file stops its read ahead (docs/decisions/0138): nothing of it is handed
     * out afterwards, and the read stops instead of going through the whole file.
     */
    @Test
    void aKnownUnchangedFileStopsItsReadAhead() throws Exception {
        Path f = Files.writeString(dir.resolve("known.csv"), "id,v\n" + "1,2\n".repeat(1_000_000));
        Files.setLastModifiedTime(f, FileTime.from(Instant.now().minusSeconds(3600)));
        DataFile known = services.catalog().addFile(f, Map.of(), null);
        Path abs = f.toAbsolutePath().normalize();
        ReadAheadHashes.start(List.of(f));

        DataFile taken = services.catalog().addFileToExport(f);

        assertThat(taken.getId()).isEqualTo(known.getId());
        assertThat(ReadAheadHashes.take(abs)).as("cancelled, not handed out").isEmpty();
    }

    @Test
    void aFileChangedAfterItWasHashedAheadIsReadAgain() throws Exception {
        Path f = Files.writeString(dir.resolve("edited.csv"), "id,v\n1,2\n");
        ReadAheadHashes.start(List.of(f));
        ReadAheadHashes.awaitRead(f.toAbsolutePath().normalize());
        Files.writeString(f, "id,v\n1,3\n"); // same size, other content
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5_000));

        DataFile added = services.catalog().addFile(f, Map.of(), null);

        assertThat(added.getSha256()).isEqualTo(sha256(f));
    }

    @Test
    void aMissingFileIsNotHashedAndIsRefusedByTheCatalogInItsOwnWords() {
        Path gone = dir.resolve("gone.csv");
        ReadAheadHashes.start(List.of(gone));
        assertThat(ReadAheadHashes.take(gone.toAbsolutePath())).isEmpty();
    }

    private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }
}
