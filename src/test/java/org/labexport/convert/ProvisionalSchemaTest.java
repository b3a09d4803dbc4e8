package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.convert.csv.CsvSourceReader;
import org.labexport.convert.engine.FormatRegistry;
import org.labexport.convert.engine.StreamingTableConverter;

/**
 * One-pass CSV reading from a schema inferred on the first rows: values after the prefix that do not fit it, and
 * columns empty in the prefix, end with the same types and values as reading the whole file for types first.
 */
@org.junit.jupiter.api.extension.ExtendWith(QuietLibraryLogs.class)
class ProvisionalSchemaTest {
    /** Comfortably past the prefix a provisional schema is inferred from. */
    private static final int PAST_PREFIX = 40_000;

    @TempDir
    Path dir;

    private final StreamingTableConverter converter = new StreamingTableConverter();

    /** id (long), n (long until a late decimal), s (empty until late numbers), t (long until late text). */
    private Path lateSurprises() throws IOException {
        StringBuilder sb = new StringBuilder("id,n,s,t\n");
        for (int i = 0; i < PAST_PREFIX; i++) {
            sb.append(i).append(',').append(i).append(",NA,").append(i).append('\n');
        }
        sb.append(PAST_PREFIX).append(",2.5,7,late text\n");
        Path p = dir.resolve("late.csv");
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        return p;
    }

    private static ReadSettings speculative() {
        return ReadSettings.defaults(CancelSignal.NEVER).withSpeculation(true);
    }

    @Test
    void typedReadStopsBeforeTheBatchHoldingAValueThatDoesNotFitTheProvisionalType() throws IOException {
        Path p = lateSurprises();
        try (TableReader r = CsvSourceReader.csv().open(p, null, speculative())) {
            assertThat(r.schema().column(1).type()).isEqualTo(ColumnType.LONG);
            assertThat(r.bytesTotal()).isEqualTo(Files.size(p));
            Object[] row = new Object[4];
            int rows = 0;
            try {
                while (r.next(row)) {
                    rows++;
                }
                throw new AssertionError("no SchemaRevisedException");
            } catch (SchemaRevisedException e) {
                assertThat(e.getMessage()).contains("late.csv").contains("'n'");
            }
            // Checked a batch at a time: no row of the batch holding the misfit was given.
            assertThat(rows).isPositive().isLessThanOrEqualTo(PAST_PREFIX);
        }
        try (TableReader r = CsvSourceReader.csv().open(p, null, speculative())) {
            int rows = 0;
            try {
                ColumnBatch b;
                while ((b = r.nextColumns()).rows() > 0) {
                    rows += b.rows();
                }
                throw new AssertionError("no SchemaRevisedException");
            } catch (SchemaRevisedException e) {
                assertThat(e.getMessage()).contains("late.csv").contains("'n'");
            }
            assertThat(rows).isPositive().isLessThanOrEqualTo(PAST_PREFIX);
            // A reader is read one way: its checking threads were told to make columns.
            assertThatThrownBy(() -> r.next(new Object[4])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("late.csv is being read as columns");
        }
    }

    @Test
    void textReadGoesOnAndTheFinalSchemaIsTheWholeFilesTypes() throws IOException {
        Path p = lateSurprises();
        TableSchema twoPass;
        try (TableReader r = CsvSourceReader.csv().open(p, null, ReadSettings.defaults(CancelSignal.NEVER))) {
            twoPass = r.schema();
        }
        try (TableReader r = CsvSourceReader.csv().open(p, null, speculative())) {
            assertThat(r.schema().names()).containsExactly("id", "n", "s", "t");
            Object[] row = new Object[4];
            List<Object[]> rows = new ArrayList<>();
            while (r.nextText(row, false)) {
                rows.add(row.clone());
            }
            assertThat(rows).hasSize(PAST_PREFIX + 1);
            assertThat(rows.get(0)).containsExactly("0", "0", null, "0");
            assertThat(rows.get(PAST_PREFIX)).containsExactly(String.valueOf(PAST_PREFIX), "2.5", "7", "late text");
            assertThat(r.finalSchema()).isEqualTo(twoPass);
            assertThat(r.finalSchema().columns()).extracting(Column::type).containsExactly(ColumnType.LONG,
                    ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING);
            assertThat(r.bytesConsumed()).isEqualTo(Files.size(p));
        }
    }

    @Test
    void aSmallFileIsWhollyInThePrefixSoItsSchemaIsFinalAtOnce() throws IOException {
        Path p = dir.resolve("small.csv");
        Files.writeString(p, "a,b\n1,x\n2.5,y\n");
        try (TableReader r = CsvSourceReader.csv().open(p, null, speculative())) {
            assertThat(r.schema().columns()).extracting(Column::type).containsExactly(ColumnType.DOUBLE,
                    ColumnType.STRING);
            Object[] row = new Object[2];
            assertThat(r.next(row)).isTrue();
            assertThat(row).containsExactly(1.0, "x");
            assertThat(r.next(row)).isTrue();
            assertThat(r.next(row)).isFalse();
            assertThat(r.finalSchema()).isEqualTo(r.schema());
        }
    }

    @Test
    void aLateMisfitInAColumnNotUsedDoesNotReviseTheSchema() throws IOException {
        Path p = lateSurprises();
        for (String mode : List.of("typed", "text", "columns")) {
            try (TableReader r = CsvSourceReader.csv().open(p, null, speculative())) {
                assertThat(r.schema().column(1).type()).isEqualTo(ColumnType.LONG);
                r.useOnly(new int[] {0});
                long rows = 0;
                if (mode.equals("columns")) {
                    ColumnBatch b;
                    while ((b = r.nextColumns()).rows() > 0) {
                        assertThat(b.get(0, 0)).isEqualTo(rows);
                        assertThat(b.get(1, 0)).isNull();
                        rows += b.rows();
                    }
                } else {
                    Object[] row = new Object[4];
                    while (mode.equals("text") ? r.nextText(row, true) : r.next(row)) {
                        assertThat(row[0]).isEqualTo(mode.equals("text") ? (Object) String.valueOf(rows) : rows);
                        assertThat(row[1]).isNull();
                        rows++;
                    }
                }
                assertThat(rows).as(mode).isEqualTo(PAST_PREFIX + 1);
                assertThatThrownBy(() -> r.useOnly(new int[] {1})).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("late.csv: the columns to use are set before the first row");
                // The unused columns' types are still the whole columns'.
                assertThat(r.finalSchema().columns()).extracting(Column::type).containsExactly(ColumnType.LONG,
                        ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING);
            }
        }
    }

    @Test
    void onlyTheExportedColumnsDecideWhetherATableIsWrittenAgain() throws Exception {
        Path p = lateSurprises();
        for (ExportFormat f : List.of(ExportFormat.PARQUET, ExportFormat.JSON)) {
            Path out = Files.createDirectories(dir.resolve("cols-" + f.wireName()));
            ConversionResult r = converter.convert(p, ExportOptions.parse(f, Map.of("columns", "[\"id\",\"t\"]")),
                    out, "late", null, CancelSignal.NEVER);
            ConversionResult.ConvertedTable t = r.outputs().get(0);
            assertThat(t.schema().columns()).as(f.wireName()).containsExactly(new Column("id", ColumnType.LONG),
                    new Column("t", ColumnType.STRING));
            TestTables.Table back = TestTables.read(t.path());
            assertThat(back.rows()).hasSize(PAST_PREFIX + 1);
            assertThat(back.rows().get(PAST_PREFIX)).containsExactly((long) PAST_PREFIX, "late text");
            assertThat(back.rows().get(5)).containsExactly(5L, "5");
        }
    }

    @Test
    void typedTargetsAreWrittenAgainWithTheWholeColumnsTypes() throws Exception {
        Path p = lateSurprises();
        for (ExportFormat f : List.of(ExportFormat.PARQUET, ExportFormat.JSON, ExportFormat.EXCEL)) {
            Path out = Files.createDirectories(dir.resolve("out-" + f.wireName()));
            List<long[]> progress = new CopyOnWriteArrayList<>();
            ConversionResult r = converter.convert(p, ExportOptions.parse(f, Map.of()), out, "late",
                    (d, t) -> progress.add(new long[]{d, t}), CancelSignal.NEVER);
            ConversionResult.ConvertedTable t = r.outputs().get(0);
            assertThat(t.schema().columns()).extracting(Column::type).as(f.wireName()).containsExactly(
                    ColumnType.LONG, ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING);
            assertThat(t.rows()).isEqualTo(PAST_PREFIX + 1);
            TestTables.Table back = TestTables.read(t.path());
            assertThat(back.schema()).as(f.wireName()).isEqualTo(t.schema());
            assertThat(back.rows().get(0)).containsExactly(0L, 0.0, null, "0");
            assertThat(back.rows().get(PAST_PREFIX)).containsExactly((long) PAST_PREFIX, 2.5, 7L, "late text");
            for (int i = 1; i < progress.size(); i++) {
                assertThat(progress.get(i)[0]).as("progress never goes back").isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
            }
            try (var files = Files.list(out)) {
                assertThat(files.toList()).as("only the finished file").containsExactly(t.path());
            }
        }
    }

    @Test
    void csvToTsvNeedsNoSecondPassAndReportsTheWholeColumnsTypes() throws Exception {
        Path p = lateSurprises();
        Path out = Files.createDirectories(dir.resolve("out"));
        ConversionResult r = converter.convert(p, ExportOptions.parse(ExportFormat.TSV, Map.of()), out, "late",
                null, CancelSignal.NEVER);
        ConversionResult.ConvertedTable t = r.outputs().get(0);
        assertThat(t.schema().columns()).extracting(Column::type).containsExactly(ColumnType.LONG,
                ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING);
        List<String> lines = Files.readAllLines(t.path());
        assertThat(lines).hasSize(PAST_PREFIX + 2);
        assertThat(lines.get(1)).isEqualTo("0\t0\t\t0");
        assertThat(lines.get(PAST_PREFIX + 1)).isEqualTo(PAST_PREFIX + "\t2.5\t7\tlate text");
    }

    @Test
    void csvKeepsTheSourceSpellingOfValuesAndJsonGetsValidNumbersAndCanonicalSpecials() throws Exception {
        Path p = dir.resolve("spelling.csv");
        Files.writeString(p, "x,flag,when,name\n1.50,TRUE,2024-03-01 10:00:00,\"a,b\"\n1e5,false,2024-03-01T10:00:00+02:00,"
                + "NA\n-0,True,2024-03-01 10:00:00.5Z,MARCH1\ninf,FALSE,2024-03-02T00:00:00Z,0001234\n");
        Path out = Files.createDirectories(dir.resolve("out"));
        ConversionResult csv = converter.convert(p, ExportOptions.parse(ExportFormat.CSV, Map.of()), out, "s", null,
                CancelSignal.NEVER);
        assertThat(Files.readAllLines(csv.outputs().get(0).path())).containsExactly("x,flag,when,name",
                "1.50,TRUE,2024-03-01 10:00:00,\"a,b\"", "1e5,false,2024-03-01T10:00:00+02:00,",
                "-0,True,2024-03-01 10:00:00.5Z,MARCH1", "inf,FALSE,2024-03-02T00:00:00Z,0001234");
        assertThat(TestTables.read(csv.outputs().get(0).path()).rows().get(3)).containsExactly(
                Double.POSITIVE_INFINITY, false, java.time.Instant.parse("2024-03-02T00:00:00Z"), "0001234");

        ConversionResult json = converter.convert(p, ExportOptions.parse(ExportFormat.JSON, Map.of()), out, "s", null,
                CancelSignal.NEVER);
        JsonNode rows = new ObjectMapper().readTree(json.outputs().get(0).path().toFile());
        assertThat(rows.get(0).get("x").isNumber()).isTrue();
        assertThat(rows.get(0).get("x").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(rows.get(1).get("x").doubleValue()).isEqualTo(1e5);
        assertThat(Double.doubleToRawLongBits(rows.get(2).get("x").doubleValue()))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(rows.get(3).get("x").textValue()).isEqualTo("Inf");
        assertThat(rows.get(0).get("flag").booleanValue()).isTrue();
        assertThat(rows.get(2).get("flag").booleanValue()).isTrue();
        assertThat(rows.get(1).get("when").textValue()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(rows.get(2).get("when").textValue()).isEqualTo("2024-03-01T10:00:00.500Z");
        assertThat(rows.get(1).get("name").isNull()).isTrue();
        assertThat(TestTables.read(json.outputs().get(0).path()).rows())
                .usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(TestTables.read(p).rows());
    }

    @Test
    void aReadThatStopsWithARevisedSchemaWithoutAConverterStillNamesTheFile() {
        assertThatThrownBy(() -> {
            throw new SchemaRevisedException("x.csv", "n", ColumnType.LONG);
        }).hasMessageContaining("x.csv").hasMessageContaining("'n'").hasMessageContaining("long");
    }

    @Test
    void textThatMustFitTheTypesIsCheckedLikeTypedValues() throws IOException {
        Path p = lateSurprises();
        try (TableReader r = CsvSourceReader.csv().open(p, null, speculative())) {
            r.schema();
            Object[] row = new Object[4];
            assertThatThrownBy(() -> {
                while (r.nextText(row, true)) {
                    assertThat(row[1]).isInstanceOf(String.class);
                }
            }).isInstanceOf(SchemaRevisedException.class);
        }
    }

    @Test
    void lateTextInBooleanAndTimestampColumnsStillConvertsToJson() throws Exception {
        StringBuilder sb = new StringBuilder("id,flag,at\n");
        for (int i = 0; i < PAST_PREFIX; i++) {
            sb.append(i).append(',').append(i % 2 == 0 ? "TRUE" : "false").append(",2024-01-01 10:00:00\n");
        }
        sb.append(PAST_PREFIX).append(",unknown,2024-01-02\n");
        Path p = dir.resolve("flags.csv");
        Files.writeString(p, sb.toString(), StandardCharsets.UTF_8);
        Path out = Files.createDirectories(dir.resolve("out-json"));

        ConversionResult r = converter.convert(p, ExportOptions.parse(ExportFormat.JSON, Map.of()), out, "flags", null,
                CancelSignal.NEVER);

        ConversionResult.ConvertedTable t = r.outputs().get(0);
        assertThat(t.schema().columns()).extracting(Column::type).containsExactly(ColumnType.LONG,
                ColumnType.STRING, ColumnType.STRING);
        JsonNode rows = new ObjectMapper().readTree(t.path().toFile());
        assertThat(rows).hasSize(PAST_PREFIX + 1);
        assertThat(rows.get(0).get("flag").textValue()).isEqualTo("TRUE");
        assertThat(rows.get(0).get("at").textValue()).isEqualTo("2024-01-01 10:00:00");
        assertThat(rows.get(PAST_PREFIX).get("flag").textValue()).isEqualTo("unknown");
        assertThat(rows.get(PAST_PREFIX).get("at").textValue()).isEqualTo("2024-01-02");
    }

    @Test
    void typedTimestampsBeyondYear9999AreWrittenToJsonAsTheirIsoText() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("at", ColumnType.TIMESTAMP)));
        Path target = dir.resolve("far.json");
        TableWriter w = FormatRegistry.writer(ExportFormat.JSON).orElseThrow()
                .open(target, schema, ExportOptions.parse(ExportFormat.JSON, Map.of()));
        Object[] row = {java.time.Instant.parse("+10000-01-01T00:00:00Z")};
        ((RowPreparer) w).prepare(row);
        w.write(row);
        w.finish();
        w.close();
        JsonNode rows = new ObjectMapper().readTree(target.toFile());
        assertThat(rows.get(0).get("at").textValue()).isEqualTo("+10000-01-01T00:00:00Z");
    }

    @Test
    void aFileChangedBetweenTheTwoPassesFailsNamingItForTextAsForTypedReads() throws IOException {
        Path p = dir.resolve("moving.csv");
        Files.writeString(p, "n,s\n1,a\n2,b\n");
        for (String mode : List.of("text", "typed", "columns")) {
            try (TableReader r = CsvSourceReader.csv().open(p, null, ReadSettings.defaults(CancelSignal.NEVER))) {
                assertThat(r.schema().column(0).type()).isEqualTo(ColumnType.LONG);
                Files.writeString(p, "n,s\n1,a\nnot a number,b\n");
                Object[] row = new Object[2];
                assertThatThrownBy(() -> {
                    if (mode.equals("columns")) {
                        while (r.nextColumns().rows() > 0) {
                            assertThat(mode).isEqualTo("columns");
                        }
                    }
                    while (mode.equals("text") ? r.nextText(row, true) : r.next(row)) {
                        assertThat(row[0]).isNotNull();
                    }
                }).isInstanceOf(ConversionException.class)
                        .isNotInstanceOf(SchemaRevisedException.class)
                        .hasMessageContaining("moving.csv changed while it was being read");
            }
            Files.writeString(p, "n,s\n1,a\n2,b\n");
        }
    }
}
