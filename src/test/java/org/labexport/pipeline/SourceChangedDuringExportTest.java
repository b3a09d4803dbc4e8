package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.app.AppServices;
import org.labexport.TestHome;
import org.labexport.catalog.DataFile;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.job.JobEvent;
import org.labexport.job.JobListener;

/**
 * Sources that change under the export: truncated or rewritten while they are read (the file fails, named, and
 * nothing of it is exported), changed between adding and exporting, or replaced by something that is not a file.
 */
class SourceChangedDuringExportTest {
    @TempDir
    Path tmp;
    AppServices services;
    PipelineFixture fx;

    @BeforeEach
    void open() throws IOException {
        services = TestHome.open(tmp.resolve("home"));
        fx = new PipelineFixture(services, Files.createDirectories(tmp.resolve("data")));
    }

    @AfterEach
    void close() {
        services.close();
    }

    /** Runs {@code change} once, on the converting thread, as soon as the job reports its first bytes read. */
    private JobListener onceReadingStarted(Runnable change) {
        AtomicBoolean done = new AtomicBoolean();
        return (JobEvent e) -> {
            if (e.type() == JobEvent.Type.PROGRESS && e.job() != null && e.job().getBytesDone() > 0
                    && done.compareAndSet(false, true)) {
                change.run();
            }
        };
    }

    private ExportJob runWith(JobListener listener, ExportJob job) throws Exception {
        services.exports().addListener(listener);
        try (ExportRunner runner = new ExportRunner(services, RunnerOptions.defaults().withConvertThreads(1))) {
            runner.submit(job.getId());
            return runner.completion(job.getId()).get(120, TimeUnit.SECONDS);
        } finally {
            services.exports().removeListener(listener);
        }
    }

    /** Cuts the file after the last whole line of its first half, as a writer truncating it would. */
    private static void truncateAtALineBoundary(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long cut = raf.length() / 2;
            raf.seek(cut);
            while (raf.read() != '\n') {
                cut++;
            }
            raf.setLength(cut + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Changes one digit of the last line: same size, same shape, different bytes. */
    private static void rewriteTheLastLineInPlace(Path file) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = raf.length() - 2; // the last character before the final newline, a digit of label_NNN
            raf.seek(pos);
            int digit = raf.read();
            raf.seek(pos);
            raf.write(digit == '9' ? '8' : digit + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path exportsFolder() {
        return services.home().defaultExports();
    }

    @Test
    void aCsvTruncatedWhileItIsConvertedFailsByNameAndTheOtherFileStillExports() throws Exception {
        DataFile big = fx.aLargeCsv("big.csv", 24);
        DataFile small = fx.aCsvFile("small.csv", 20);
        // The big file first: one converting thread reads it before the small one, so its first bytes come first.
        ExportJob job = fx.create(fx.request(ExportFormat.PARQUET, List.of(big, small)).includeMetadata(true));

        ExportJob done = runWith(onceReadingStarted(() -> truncateAtALineBoundary(Path.of(big.getPath()))), job);

        assertThat(done.getStatus()).as(done.getErrorMessage()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getFailedFiles()).isEqualTo(1);
        assertThat(done.getFailedFileIds()).containsExactly(big.getId());
        assertThat(done.getErrorMessage()).contains("big.csv (id " + big.getId() + "): changed during the export")
                .contains("bytes were read where the catalog has " + big.getSizeBytes());
        Path out = Path.of(done.getOutputPath());
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("export_metadata.json", "file_" + small.getId() + "_small.parquet");
        }
        String manifest = Files.readString(out.resolve("export_metadata.json"));
        assertThat(manifest).contains("\"failed_files\"").contains("changed during the export");
        assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
    }

    @Test
    void aCsvRewrittenInPlaceWhileItIsReadIsCaughtByItsHash() throws Exception {
        DataFile big = fx.aLargeCsv("rewritten.csv", 24);
        ExportJob job = fx.create(fx.request(ExportFormat.CSV, List.of(big)));

        ExportJob done = runWith(onceReadingStarted(() -> rewriteTheLastLineInPlace(Path.of(big.getPath()))), job);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getErrorMessage()).contains("rewritten.csv (id " + big.getId() + "): changed during the export")
                .contains("different SHA-256");
        assertThat(Files.size(Path.of(big.getPath()))).isEqualTo(big.getSizeBytes());
        assertThat(exportsFolder().resolve(done.getJobKey())).doesNotExist();
        assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
    }

    @Test
    void formatZipTruncatedWhileItIsCopiedFailsAndArchivesNothingHalf() throws Exception {
        DataFile big = fx.aLargeCsv("copied.csv", 8);
        DataFile small = fx.aCsvFile("kept.csv", 5);
        ExportJob job = fx.create(fx.request(ExportFormat.ZIP, List.of(big, small)));

        ExportJob done = runWith(onceReadingStarted(() -> truncateAtALineBoundary(Path.of(big.getPath()))), job);

        assertThat(done.getStatus()).as(done.getErrorMessage()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getErrorMessage()).contains("copied.csv (id " + big.getId() + "): changed during the export");
        assertThat(PipelineFixture.readZip(Path.of(done.getOutputPath())).keySet())
                .containsExactlyInAnyOrder("file_" + small.getId() + "_kept.csv", "export_metadata.json");
        assertThat(services.home().work().resolve(done.getJobKey())).doesNotExist();
    }

    @Test
    void aFileChangedAfterItWasAddedIsRefusedByName() throws Exception {
        DataFile grown = fx.aCsvFile("grown.csv", 10);
        DataFile edited = fx.aCsvFile("edited.csv", 10);
        Files.writeString(Path.of(grown.getPath()), "999,late,1.0,2024-02-01\n",
                java.nio.file.StandardOpenOption.APPEND);
        rewriteFirstDigitOfLastLine(Path.of(edited.getPath()));
        ExportJob job = fx.create(fx.request(ExportFormat.JSON, List.of(grown, edited)));

        ExportJob done = runWith(e -> { }, job);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(done.getErrorMessage())
                .contains("grown.csv (id " + grown.getId() + "): changed since it was added (its size was "
                        + grown.getSizeBytes() + " bytes")
                .contains("edited.csv (id " + edited.getId() + "): changed since it was added (same size");
        assertThat(exportsFolder().resolve(done.getJobKey())).doesNotExist();
    }

    /**
     * An export takes a catalogued file whose size and modification time are unchanged without reading it first
     * (docs/decisions/0138): a same-size edit that puts the old time back is still caught by the read's digest, and
     * that failure makes the next export read the file again, which then exports its new content.
     */
    @Test
    void aSameSizeEditHidingBehindTheOldTimeFailsOnceThenExportsAsItIsNow() throws Exception {
        Path f = Path.of(fx.aCsvFile("hidden.csv", 10).getPath());
        FileTime settled = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        Files.setLastModifiedTime(f, settled);
        DataFile added = services.catalog().addFile(f, Map.of(), null); // read: its time now vouches
        assertThat(services.catalog().addFileToExport(f).getId()).isEqualTo(added.getId());

        rewriteFirstDigitOfLastLine(f);
        Files.setLastModifiedTime(f, settled);
        DataFile taken = services.catalog().addFileToExport(f);
        assertThat(taken.getId()).as("taken by its unchanged size and time, not read").isEqualTo(added.getId());
        ExportJob first = runWith(e -> { }, fx.create(fx.request(ExportFormat.JSON, List.of(taken))));
        assertThat(first.getStatus()).isEqualTo(ExportStatus.FAILED);
        assertThat(first.getErrorMessage()).contains("hidden.csv (id " + added.getId()
                + "): changed since it was added (same size");

        DataFile reread = services.catalog().addFileToExport(f);
        assertThat(reread.getId()).as("read again: a new entry for the new content").isNotEqualTo(added.getId());
        assertThat(reread.getSha256()).isEqualTo(PipelineFixture.sha256(Files.readAllBytes(f)));
        ExportJob second = runWith(e -> { }, fx.create(fx.request(ExportFormat.JSON, List.of(reread))));
        assertThat(second.getStatus()).isEqualTo(ExportStatus.COMPLETED);
    }

    /** A file written moments before it was read has a time that cannot vouch for its content: it is read again. */
    @Test
    void aFileReadRightAfterItWasWrittenIsReadAgainForEachExport() throws Exception {
        Path f = tmp.resolve("data").resolve("fresh.csv");
        Files.writeString(f, "id,v\n1,2\n");
        DataFile added = services.catalog().addFile(f, Map.of(), null);
        FileTime time = Files.getLastModifiedTime(f);
        Files.writeString(f, "id,v\n1,3\n");
        Files.setLastModifiedTime(f, time);

        DataFile taken = services.catalog().addFileToExport(f);

        assertThat(taken.getId()).isNotEqualTo(added.getId());
        assertThat(taken.getSha256()).isEqualTo(PipelineFixture.sha256(Files.readAllBytes(f)));
    }

    private static void rewriteFirstDigitOfLastLine(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int i = bytes.length - 2;
        while (bytes[i - 1] != '\n') {
            i--;
        }
        bytes[i] = (byte) (bytes[i] == '9' ? '8' : bytes[i] + 1);
        Files.write(file, bytes);
    }

    @Test
    void aSourceReplacedByAFifoIsRefusedSayingWhatItIsInsteadOfHanging() throws Exception {
        DataFile piped = fx.aCsvFile("piped.csv", 10);
        DataFile fine = fx.aCsvFile("fine.csv", 10);
        Path src = Path.of(piped.getPath());
        Files.delete(src);
        Process mkfifo = new ProcessBuilder("mkfifo", src.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        ExportJob job = fx.create(fx.request(ExportFormat.CSV, List.of(piped, fine)));

        ExportJob done = runWith(e -> { }, job);

        assertThat(done.getStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(done.getErrorMessage()).contains("piped.csv (id " + piped.getId() + "): cannot be read any more: "
                + src + " is a FIFO (named pipe), not a data file");
        assertThat(done.getProcessedFiles()).isEqualTo(1);
    }
}
