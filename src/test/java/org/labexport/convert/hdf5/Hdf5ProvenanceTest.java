package org.labexport.convert.hdf5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OutputProvenance;
import org.labexport.convert.TableWriterFactory;
import org.labexport.convert.TestTables;
import org.labexport.convert.binaryfixtures.EdgeTable;

/**
 * Both HDF5 writers store the provenance as string attributes of the table group, which jHDF reads back, and the
 * table still reads back whole.
 */
class Hdf5ProvenanceTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jhdf", "native"})
    void provenanceIsAStringAttributeOfTheTableGroup(String writer) throws Exception {
        assumeTrue(writer.equals("jhdf") || NativeHdf5TableWriter.available(), "native HDF5 not available here");
        OutputProvenance provenance = OutputProvenance.builder()
                .put(OutputProvenance.JOB_KEY, "export_42_20250101120000")
                .put(OutputProvenance.SOURCE_SHA256, "ab".repeat(32))
                .put(OutputProvenance.SOURCE_PATH, "/data/plates/plate ä 1.csv")
                .build();
        TableWriterFactory withProvenance = writer.equals("jhdf")
                ? (t, s, o, p) -> JhdfTableWriter.open(t, s, o, provenance)
                : (t, s, o, p) -> NativeHdf5TableWriter.open(t, s, Hdf5TableWriter.compress(o), provenance);
        Path file = dir.resolve(writer + ".h5");
        EdgeTable.write(withProvenance, file, EdgeTable.SCHEMA, EdgeTable.rows(),
                ExportOptions.defaults(ExportFormat.HDF5));

        try (HdfFile h5 = new HdfFile(file)) {
            Map<String, Attribute> attributes = ((Group) h5.getChild(Hdf5Layout.TABLE_GROUP)).getAttributes();
            assertThat(attributes.get(OutputProvenance.JOB_KEY).getData()).isEqualTo("export_42_20250101120000");
            assertThat(attributes.get(OutputProvenance.SOURCE_SHA256).getData()).isEqualTo("ab".repeat(32));
            assertThat(attributes.get(OutputProvenance.SOURCE_PATH).getData()).isEqualTo("/data/plates/plate ä 1.csv");
        }
        assertThat(TestTables.read(file).rows()).hasSize(EdgeTable.rows().size());
    }
}
