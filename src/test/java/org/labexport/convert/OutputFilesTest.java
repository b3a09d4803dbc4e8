package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.labexport.base.CancelSignal;
import org.labexport.convert.engine.StreamingTableConverter;
import org.junit.jupiter.api.io.TempDir;

/** The digest a writer's stream took is the file's, and is given only for the file as the writer left it. */
class OutputFilesTest {
    @TempDir
    Path dir;

    private static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    private Path written(String name, int size) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream out = OutputFiles.create(f)) {
            byte[] chunk = new byte[7_919];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) (i * 31);
            }
            for (int done = 0; done < size; done += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, size - done));
            }
            out.write('\n');
        }
        return f;
    }

    @Test
    void theDigestTakenWhileWritingIsTheFilesAndIsGivenOnce() throws Exception {
        Path f = written("out.csv", 1_000_000);

        assertThat(OutputFiles.takeSha256(f)).contains(sha256(f));
        assertThat(OutputFiles.takeSha256(f)).isEmpty();
    }

    @Test
    void aFileChangedAfterItsWriterClosedIsNotVouchedFor() throws Exception {
        Path appended = written("appended.csv", 10_000);
        Files.writeString(appended, "more\n", StandardOpenOption.APPEND);
        Path touched = written("touched.csv", 10_000);
        Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() - 5_000));

        assertThat(OutputFiles.takeSha256(appended)).isEmpty();
        assertThat(OutputFiles.takeSha256(touched)).isEmpty();
    }

    @Test
    void aMovedOutputKeepsItsDigestUnderItsNewNameOnly() throws Exception {
        Path temp = written(".out.csv.part", 100_000);
        Path placed = dir.resolve("out.csv");

        OutputFiles.renameWithDigest(temp, placed);

        assertThat(OutputFiles.takeSha256(temp)).isEmpty();
        assertThat(OutputFiles.takeSha256(placed)).contains(sha256(placed));
    }

    /**
     * The converter writes to a hidden name and moves the file into place; the digest taken while writing must
     * reach the final name, or the export reads every output again for its checksum.
     */
    @ParameterizedTest
    @EnumSource(value = ExportFormat.class, names = {"CSV", "TSV", "JSON", "EXCEL", "PARQUET"})
    void aConvertedFilesDigestIsTheOneTakenWhileWritingIt(ExportFormat format) throws Exception {
        Path src = Files.writeString(dir.resolve("plate.csv"), "well,od,ok\nA1,0.25,true\nA2,,false\nA3,1e-3,true\n");
        Path out = Files.createDirectories(dir.resolve("out-" + format.wireName()));

        ConversionResult r = new StreamingTableConverter().convert(src, ExportOptions.defaults(format), out, "plate",
                ProgressListener.NONE, CancelSignal.NEVER);

        Path file = r.outputs().get(0).path();
        assertThat(file.getFileName().toString()).doesNotStartWith(".");
        assertThat(OutputFiles.takeSha256(file)).contains(sha256(file));
    }

    @Test
    void aFileNeverWrittenThroughItHasNoDigest() throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.csv"), "a\n");
        assertThat(OutputFiles.takeSha256(plain)).isEmpty();
    }
}
