package org.labexport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.base.ValidationException;
import org.labexport.convert.SourceFormat;

/** The file and dataset catalog on a real H2 database with real files. */
class CatalogServiceTest {
    @TempDir
    Path dir;
    private AppServices services;
    private CatalogService catalog;

    @BeforeEach
    void open() {
        services = TestHome.open(dir.resolve("home"));
        catalog = services.catalog();
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void addingTheSameUnchangedFileTwiceGivesTheSameId() throws IOException {
        Path f = Files.writeString(dir.resolve("samples.csv"), "id,v\n1,2\n");
        DataFile first = catalog.addFile(f, Map.of("lab", "A"), null);
        DataFile again = catalog.addFile(dir.resolve("./samples.csv"), Map.of("run", "7"), null);

        assertThat(again.getId()).isEqualTo(first.getId());
        assertThat(catalog.listFiles()).hasSize(1);
        assertThat(catalog.getFile(first.getId()).orElseThrow().getMetadata())
                .containsEntry("lab", "A").containsEntry("run", "7");
    }

    /** Adding a file always reads it: a same-size edit that puts the old time back is still a new entry (0138). */
    @Test
    void addingReadsTheFileEvenWhenItsSizeAndTimeAreUnchanged() throws IOException {
        Path f = Files.writeString(dir.resolve("samples.csv"), "id,v\n1,2\n");
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600));
        Files.setLastModifiedTime(f, old);
        DataFile before = catalog.addFile(f, Map.of(), null);
        Files.writeString(f, "id,v\n1,3\n");
        Files.setLastModifiedTime(f, old);

        DataFile after = catalog.addFile(f, Map.of(), null);

        assertThat(after.getId()).isNotEqualTo(before.getId());
        assertThat(after.getSha256()).isNotEqualTo(before.getSha256());
    }

    @Test
    void aChangedFileAtTheSamePathIsANewEntry() throws IOException {
        Path f = Files.writeString(dir.resolve("samples.csv"), "id,v\n1,2\n");
        DataFile before = catalog.addFile(f, Map.of(), null);
        Files.writeString(f, "id,v\n1,3\n");
        DataFile after = catalog.addFile(f, Map.of(), null);
        assertThat(after.getId()).isNotEqualTo(before.getId());
        assertThat(after.getSha256()).isNotEqualTo(before.getSha256());
    }

    @Test
    void recordsPathNameSizeHashFormatAndTime() throws IOException {
        Path f = Files.writeString(dir.resolve("Plate 1.tsv"), "a\tb\n");
        DataFile file = catalog.addFile(f, Map.of("instrument", "reader-2"), null);
        assertThat(file.getPath()).isEqualTo(f.toAbsolutePath().toString());
        assertThat(file.getFileName()).isEqualTo("Plate 1.tsv");
        assertThat(file.getSizeBytes()).isEqualTo(4);
        // sha256 of "a\tb\n"
        assertThat(file.getSha256()).hasSize(64).matches("[0-9a-f]{64}");
        assertThat(file.getDetectedFormat()).isEqualTo(SourceFormat.TSV);
        assertThat(file.getAddedAt()).isNotNull();
        assertThat(file.getMetadata()).containsExactly(Map.entry("instrument", "reader-2"));
    }

    @Test
    void aMissingFileOrAFolderIsAClearErrorNamingThePath() {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> catalog.addFile(missing, Map.of(), null))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("File not found").hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> catalog.addFile(dir, Map.of(), null))
                .isInstanceOf(ValidationException.class).hasMessageContaining("folder");
    }

    @Test
    void addingWithADatasetNameCreatesAndFillsTheDataset() throws IOException {
        DataFile a = catalog.addFile(Files.writeString(dir.resolve("a.csv"), "x\n1\n"), Map.of(), "Run 12");
        DataFile b = catalog.addFile(Files.writeString(dir.resolve("b.csv"), "x\n2\n"), Map.of(), "Run 12");
        catalog.addFile(dir.resolve("a.csv"), Map.of(), "Run 12");

        Dataset ds = catalog.getDatasetByName("Run 12").orElseThrow();
        assertThat(ds.getFileIds()).containsExactly(a.getId(), b.getId());
        assertThat(catalog.listDatasets()).hasSize(1);
        assertThat(catalog.createDataset("Run 12", "ignored").getId()).isEqualTo(ds.getId());
    }

    @Test
    void resolvingASelectionKeepsOrderAndDropsDuplicates() throws IOException {
        DataFile a = catalog.addFile(Files.writeString(dir.resolve("a.csv"), "1"), Map.of(), null);
        DataFile b = catalog.addFile(Files.writeString(dir.resolve("b.csv"), "2"), Map.of(), null);
        DataFile c = catalog.addFile(Files.writeString(dir.resolve("c.csv"), "3"), Map.of(), null);
        Dataset ds = catalog.createDataset("set", "two files");
        catalog.addToDataset(ds.getId(), List.of(c.getId(), a.getId()));

        assertThat(catalog.resolveFiles(List.of(b.getId(), a.getId()), List.of(ds.getId())))
                .extracting(DataFile::getId).containsExactly(b.getId(), a.getId(), c.getId());
        assertThatThrownBy(() -> catalog.resolveFiles(List.of(a.getId(), 404L, 405L), List.of()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("file_ids");
                    assertThat(e.getMessage()).contains("404, 405");
                });
        assertThatThrownBy(() -> catalog.addToDataset(777, List.of(a.getId())))
                .isInstanceOf(ValidationException.class).hasMessageContaining("777");
    }
}
