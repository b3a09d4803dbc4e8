package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labexport.base.CancelSignal;
import org.labexport.convert.engine.FormatRegistry;
import org.labexport.convert.engine.StreamingTableConverter;

/**
 * The fidelity contract, for every pair of formats: a fixture table with every edge value is written by LabExport
 * in each source format, converted to each target format, and read back; names, order, types and values must all
 * be the fixture's. Formats without a registered reader and writer are reported by
 * {@link #everyFormatIsCovered()}.
 */
@org.junit.jupiter.api.extension.ExtendWith(QuietLibraryLogs.class)
class FormatRoundTripTest {
    /** The source formats LabExport writes, and the export format that writes each. */
    private static final Map<SourceFormat, ExportFormat> WRITTEN_AS = new EnumMap<>(Map.of(
            SourceFormat.CSV, ExportFormat.CSV, SourceFormat.TSV, ExportFormat.TSV, SourceFormat.JSON, ExportFormat.JSON,
            SourceFormat.EXCEL, ExportFormat.EXCEL, SourceFormat.PARQUET, ExportFormat.PARQUET,
            SourceFormat.HDF5, ExportFormat.HDF5));

    @TempDir
    static Path dir;
    static final Map<String, Path> SOURCES = new java.util.LinkedHashMap<>();
    static List<Object[]> fixture;

    @BeforeAll
    static void writeSources() throws IOException {
        fixture = RoundTripFixture.rows();
        Path sources = Files.createDirectories(dir.resolve("sources"));
        for (Map.Entry<SourceFormat, ExportFormat> e : WRITTEN_AS.entrySet()) {
            if (!supported(e.getKey())) {
                continue;
            }
            ExportFormat f = e.getValue();
            Path p = sources.resolve("fixture." + f.extension());
            try (TableWriter w = FormatRegistry.writer(f).orElseThrow()
                    .open(p, RoundTripFixture.SCHEMA, ExportOptions.defaults(f))) {
                for (Object[] row : fixture) {
                    w.write(row.clone());
                }
                w.finish();
            }
            SOURCES.put(e.getKey().wireName(), p);
        }
        Path hand = sources.resolve("handwritten.csv");
        Files.writeString(hand, RoundTripFixture.handWrittenCsv(), StandardCharsets.UTF_8);
        SOURCES.put("handwritten-csv", hand);
        Path lines = sources.resolve("lines.jsonl");
        try (TableWriter w = FormatRegistry.writer(ExportFormat.JSON).orElseThrow()
                .open(lines, RoundTripFixture.SCHEMA, ExportOptions.parse(ExportFormat.JSON, Map.of("lines", "true")))) {
            for (Object[] row : fixture) {
                w.write(row.clone());
            }
            w.finish();
        } catch (OptionException e) {
            throw new IllegalStateException(e);
        }
        SOURCES.put("json-lines", lines);
    }

    private static boolean supported(SourceFormat f) {
        return FormatRegistry.reader(f).isPresent() && FormatRegistry.writer(WRITTEN_AS.get(f)).isPresent();
    }

    static Stream<Arguments> pairs() throws IOException {
        if (SOURCES.isEmpty()) {
            writeSourcesForDiscovery();
        }
        List<Arguments> out = new ArrayList<>();
        for (String source : SOURCES.keySet()) {
            for (ExportFormat target : ExportFormat.values()) {
                if (target.converts() && FormatRegistry.writer(target).isPresent()) {
                    out.add(Arguments.of(source, target));
                }
            }
        }
        return out.stream();
    }

    /** Method sources run before @BeforeAll: list the source names the same way writeSources will. */
    private static void writeSourcesForDiscovery() {
        // names only; the files are written in @BeforeAll
        for (Map.Entry<SourceFormat, ExportFormat> e : WRITTEN_AS.entrySet()) {
            if (supported(e.getKey())) {
                SOURCES.put(e.getKey().wireName(), null);
            }
        }
        SOURCES.put("handwritten-csv", null);
        SOURCES.put("json-lines", null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("pairs")
    void conversionKeepsNamesTypesAndValues(String source, ExportFormat target) throws Exception {
        Path src = SOURCES.get(source);
        Path out = Files.createDirectories(dir.resolve("out-" + source + "-" + target.wireName()));
        ConversionResult result = new StreamingTableConverter().convert(src, ExportOptions.defaults(target), out,
                "converted", ProgressListener.NONE, CancelSignal.NEVER);
        assertThat(result.outputs()).hasSize(1);
        assertThat(result.outputs().get(0).rows()).isEqualTo(RoundTripFixture.ROWS);
        TestTables.Table back = TestTables.read(result.outputs().get(0).path());
        assertThat(back.schema()).isEqualTo(RoundTripFixture.SCHEMA);
        assertThat(back.rows()).hasSize(fixture.size());
        for (int i = 0; i < fixture.size(); i++) {
            Object[] want = fixture.get(i);
            Object[] got = back.rows().get(i);
            for (int c = 0; c < want.length; c++) {
                if (!Objects.equals(want[c], got[c])) {
                    throw new AssertionError(source + " -> " + target.wireName() + ": row " + i + " column '"
                            + RoundTripFixture.SCHEMA.column(c).name() + "': expected " + describe(want[c]) + " but got "
                            + describe(got[c]));
                }
            }
        }
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
    }

    @Test
    void everyFormatIsCovered() {
        List<String> missing = new ArrayList<>();
        for (SourceFormat f : WRITTEN_AS.keySet()) {
            if (!supported(f)) {
                missing.add(f.wireName());
            }
        }
        assertThat(missing).as("formats without a registered reader and writer").isEmpty();
    }
}
