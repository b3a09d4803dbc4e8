package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.convert.csv.CsvSourceReader;
import org.labexport.convert.csv.CsvTableWriter;
import org.labexport.convert.json.JsonTableWriter;

/**
 * Source text handed on a batch at a time as character ranges (decision 0140): the CSV reader's batches hold what
 * its row-by-row text read gives, and the CSV, TSV and JSON writers write a batch byte for byte as they write its
 * rows given as Strings.
 */
class TextBatchTest {
    @TempDir
    Path dir;

    private static final TableSchema SCHEMA = new TableSchema(List.of(new Column("s", ColumnType.STRING),
            new Column("d", ColumnType.DOUBLE), new Column("n", ColumnType.LONG), new Column("b", ColumnType.BOOLEAN),
            new Column("day", ColumnType.DATE), new Column("t", ColumnType.TIMESTAMP)));

    /** Values as a text source gives them: each fits its column's type; null for a null. */
    private static final String[][] ROWS = {
        {"Grüße \"q\", a\tb", "NaN", "1234567890123456789", "True", "2024-02-29", "2024-01-02T03:04:05Z"},
        {null, "-Inf", null, null, null, null},
        {"", "-0", "-1", "FALSE", "1999-12-31", "2024-01-02 03:04:05"},
        {"line\nbreak\r\nand \u0001 \uD83D\uDE00 é", "1e-7", "0", "false", null, null},
        {"x", "Infinity", "42", "true", null, null},
        {"plain", "-2.5E+300", "7", "TRUE", null, null},
        {"#comment?", "0.1", "-9223372036854775808", "False", null, null}};

    @Test
    void csvTsvAndJsonWritersWriteABatchAsTheyWriteItsRows() throws IOException {
        TextBatch batch = batchOf(ROWS);
        List<Map<String, String>> csvOptions = List.of(Map.of(), Map.of("delimiter", ";", "quote_char", "'"));
        for (Map<String, String> options : csvOptions) {
            assertSameOutput(CsvTableWriter.factory(), ExportOptions.parse(ExportFormat.CSV, options), batch);
        }
        assertSameOutput(CsvTableWriter.factory(), ExportOptions.defaults(ExportFormat.TSV), batch);
        assertSameOutput(JsonTableWriter.factory(), ExportOptions.defaults(ExportFormat.JSON), batch);
        assertSameOutput(JsonTableWriter.factory(), ExportOptions.parse(ExportFormat.JSON, Map.of("lines", "true")),
                batch);
        String json = Files.readString(write(JsonTableWriter.factory(), ExportOptions.defaults(ExportFormat.JSON),
                batch, true, "check.json"));
        // The rarer spellings went through the String path: -0 keeps its sign, NaN and infinities are strings.
        assertThat(json).contains("\"d\":-0.0", "\"d\":\"NaN\"", "\"d\":\"-Inf\"", "\"b\":true", "\"s\":\"\"",
                "\"n\":-9223372036854775808", "\"t\":\"2024-01-02T03:04:05Z\"", "\"d\":-2.5E+300");
    }

    @Test
    void theCsvReadersBatchesHoldWhatItsTextReadGives() throws IOException {
        // Past the provisional schema's prefix into the batches split after it, with null tokens, quoted fields,
        // blank lines, multi-byte text and CRLF line ends; read as text that must fit the types (JSON) and as text
        // that need not (CSV, TSV).
        StringBuilder csv = new StringBuilder("id,name,value,flag\r\n");
        for (int i = 0; i < 40_000; i++) {
            csv.append(i).append(',');
            csv.append(switch (i % 5) {
                case 0 -> "\"quoted, with \"\"quotes\"\"\"";
                case 1 -> "NA";
                case 2 -> "Grüße 😀";
                case 3 -> "";
                default -> "\"multi\nline\"";
            });
            csv.append(',').append(i % 7 == 0 ? "NaN" : i % 3 == 0 ? "NA" : Double.toString(i / 8.0));
            csv.append(',').append(i % 2 == 0 ? "TRUE" : "false").append("\r\n");
            if (i % 1000 == 0) {
                csv.append("\r\n");
            }
        }
        Path file = dir.resolve("table.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        ReadSettings settings = ReadSettings.defaults(CancelSignal.NEVER).withSpeculation(true);
        List<List<String>> byRows = null;
        for (boolean fitSchema : new boolean[] {true, false}) {
            byRows = assertBatchesHoldTheRows(file, settings, fitSchema);
        }
        assertThat(byRows).hasSize(40_000);
        assertThat(byRows.get(1)).containsExactly("1", null, "0.125", "false");
        assertThat(byRows.get(3)).containsExactly("3", null, null, "false");
        assertThat(byRows.get(4)).containsExactly("4", "multi\nline", "0.5", "TRUE");
    }

    @Test
    void blankLinesOfAOneColumnTableAreNullValuesInItsBatches() throws IOException {
        Path file = dir.resolve("one.csv");
        Files.writeString(file, "only\nx\n\n\"\"\ny\n", StandardCharsets.UTF_8);
        List<List<String>> rows = assertBatchesHoldTheRows(file, ReadSettings.defaults(CancelSignal.NEVER), false);
        assertThat(rows).containsExactly(List.of("x"), Arrays.asList((String) null), Arrays.asList((String) null),
                List.of("y"));
    }

    /** Reads {@code file} row by row and as text batches; asserts both give the same values, and returns them. */
    private static List<List<String>> assertBatchesHoldTheRows(Path file, ReadSettings settings, boolean fitSchema)
            throws IOException {
        List<List<String>> byRows = new ArrayList<>();
        TableSchema rowSchema;
        try (TableReader reader = CsvSourceReader.csv().open(file, null, settings)) {
            Object[] row = new Object[reader.schema().size()];
            while (reader.nextText(row, fitSchema)) {
                byRows.add(Arrays.stream(row).map(v -> (String) v).toList());
            }
            rowSchema = reader.finalSchema();
        }
        List<List<String>> byBatches = new ArrayList<>();
        try (TableReader reader = CsvSourceReader.csv().open(file, null, settings)) {
            TextBatch b;
            while ((b = reader.nextTextBatch(fitSchema)).rows() > 0) {
                for (int r = 0; r < b.rows(); r++) {
                    List<String> values = new ArrayList<>();
                    for (int c = 0; c < b.columns(); c++) {
                        values.add(b.value(r, c));
                    }
                    byBatches.add(values);
                }
            }
            assertThat(reader.finalSchema()).isEqualTo(rowSchema);
            assertThatThrownBy(() -> reader.nextText(new Object[rowSchema.size()], fitSchema))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("as text batches");
        }
        assertThat(byBatches).isEqualTo(byRows);
        return byRows;
    }

    @Test
    void aMalformedRecordPastThePrefixFailsNamingItsLine() throws IOException {
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(",x\n");
        }
        csv.append("1,2,3\n");
        Path file = dir.resolve("wide.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        try (TableReader reader = CsvSourceReader.csv().open(file, null,
                ReadSettings.defaults(CancelSignal.NEVER).withSpeculation(true))) {
            assertThatThrownBy(() -> {
                while (reader.nextTextBatch(true).rows() > 0) {
                    // read on to the bad line
                }
            }).isInstanceOf(ConversionException.class)
                    .hasMessage("wide.csv line 30002: 3 fields, but the header has 2 columns.");
        }
    }

    private static TextBatch batchOf(String[][] rows) {
        StringBuilder text = new StringBuilder("leading text that no value uses");
        int columns = rows[0].length;
        int[] starts = new int[rows.length * columns];
        int[] ends = new int[starts.length];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < columns; c++) {
                String v = rows[r][c];
                int i = r * columns + c;
                starts[i] = v == null ? -1 : text.length();
                text.append(v == null ? "" : v);
                ends[i] = text.length();
                text.append('|');
            }
        }
        char[] chars = text.toString().toCharArray();
        return new TextBatch(chars, columns, rows.length, starts, ends);
    }

    private void assertSameOutput(TableWriterFactory factory, ExportOptions options, TextBatch batch)
            throws IOException {
        Path ranges = write(factory, options, batch, true, "ranges");
        Path strings = write(factory, options, batch, false, "strings");
        assertThat(Files.readAllBytes(ranges)).as(options.toString()).isEqualTo(Files.readAllBytes(strings));
        assertThat(Files.size(ranges)).isGreaterThan(100);
    }

    /** A writer's rows alone: {@link TableWriter#writeText} as the interface does it, a String per value. */
    private record RowsOnly(TableWriter writer) implements TableWriter {
        @Override
        public void write(Object[] row) throws IOException {
            writer.write(row);
        }

        @Override
        public WriteSummary finish() throws IOException {
            return writer.finish();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }

    /** The batch written twice over, by the writer's own {@code writeText} or as rows of Strings. */
    private Path write(TableWriterFactory factory, ExportOptions options, TextBatch batch, boolean ranges,
                       String name) throws IOException {
        Path target = dir.resolve(name + "-" + System.nanoTime());
        try (TableWriter w = factory.open(target, SCHEMA, options)) {
            assertThat(w.takesTextBatches()).isTrue();
            for (int i = 0; i < 2; i++) {
                (ranges ? w : new RowsOnly(w)).writeText(batch);
            }
            w.finish();
        }
        return target;
    }
}
