package org.labexport.convert.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TestTables;
import org.labexport.convert.TestTables.Table;

class JsonReadWriteTest {
    @TempDir
    Path dir;

    private final JsonSourceReader reader = new JsonSourceReader();

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void arrayOfRecordsUnionsKeysInFirstSeenOrderAndInfersTypes() throws IOException {
        Path p = file("t.json", "[{\"id\":\"0001234\",\"n\":1234567890123456789,\"p\":1e-300},"
                + "{\"p\":\"NaN\",\"flag\":true,\"id\":\"x\",\"day\":\"2024-01-02\"},"
                + "{\"p\":-0.0,\"flag\":false,\"n\":null,\"at\":\"2024-01-02T03:04:05.5Z\",\"day\":\"NA\"},"
                + "{\"p\":\"-Inf\",\"n\":-9223372036854775808,\"label\":1.50}]");
        Table t = TestTables.read(reader, p);
        assertThat(t.schema().columns()).containsExactly(
                new Column("id", ColumnType.STRING), new Column("n", ColumnType.LONG),
                new Column("p", ColumnType.DOUBLE), new Column("flag", ColumnType.BOOLEAN),
                new Column("day", ColumnType.DATE), new Column("at", ColumnType.TIMESTAMP),
                new Column("label", ColumnType.DOUBLE));
        assertThat(t.column("id")).containsExactly("0001234", "x", null, null);
        assertThat(t.column("n")).containsExactly(1234567890123456789L, null, null, Long.MIN_VALUE);
        assertThat(t.column("p")).containsExactly(1e-300, Double.NaN, -0.0, Double.NEGATIVE_INFINITY);
        assertThat(t.column("flag")).containsExactly(null, true, false, null);
        assertThat(t.column("day")).containsExactly(null, LocalDate.of(2024, 1, 2), null, null);
        assertThat(t.column("at")).containsExactly(null, null, Instant.parse("2024-01-02T03:04:05.5Z"), null);
        assertThat(t.column("label")).containsExactly(null, null, null, 1.5);
    }

    @Test
    void jsonStringsThatLookLikeNumbersStayText() throws IOException {
        Table t = TestTables.read(reader, file("s.json", "[{\"a\":\"123\",\"b\":\"true\",\"c\":5},{\"a\":\"7\",\"b\":\"false\",\"c\":\"x\"}]"));
        assertThat(t.schema().columns()).extracting(Column::type)
                .containsExactly(ColumnType.STRING, ColumnType.STRING, ColumnType.STRING);
        assertThat(t.column("c")).containsExactly("5", "x");
    }

    @Test
    void newlineDelimitedRecordsAreRead() throws IOException {
        Table t = TestTables.read(reader, file("t.jsonl", "{\"a\":1}\n{\"a\":2,\"b\":\"ü\"}\n\n"));
        assertThat(t.column("a")).containsExactly(1L, 2L);
        assertThat(t.column("b")).containsExactly(null, "ü");
    }

    @Test
    void badInputsGiveClearErrorsNamingFileAndPlace() throws IOException {
        Path nested = file("nested.json", "{\"data\": [1, 2, 3]}");
        assertThatThrownBy(() -> TestTables.read(reader, nested)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("nested.json").hasMessageContaining("nested array under key 'data'")
                .hasMessageContaining("line 1");
        Path inner = file("inner.json", "[{\"a\":1},\n{\"a\":{\"x\":1}}]");
        assertThatThrownBy(() -> TestTables.read(reader, inner)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("inner.json: record 2 at line 2").hasMessageContaining("nested object");
        Path truncated = file("trunc.json", "[{\"a\":1},{\"a\":");
        assertThatThrownBy(() -> TestTables.read(reader, truncated)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("trunc.json is not valid JSON at line 1");
        Path scalar = file("scalar.json", "42");
        assertThatThrownBy(() -> TestTables.read(reader, scalar)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("scalar.json is not a list of records");
        Path notRecords = file("nums.json", "[1,2]");
        assertThatThrownBy(() -> TestTables.read(reader, notRecords)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("nums.json: record 1").hasMessageContaining("not an object");
        Path garbage = dir.resolve("garbage.json");
        byte[] bytes = new byte[4096];
        new java.util.Random(3).nextBytes(bytes);
        Files.write(garbage, bytes);
        assertThatThrownBy(() -> TestTables.read(reader, garbage)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("garbage.json");
        Path empty = file("empty.json", "");
        assertThatThrownBy(() -> TestTables.read(reader, empty)).isInstanceOf(ConversionException.class)
                .hasMessageContaining("empty.json is empty");
    }

    private static final TableSchema SCHEMA = new TableSchema(List.of(new Column("s", ColumnType.STRING),
            new Column("d", ColumnType.DOUBLE), new Column("n", ColumnType.LONG), new Column("b", ColumnType.BOOLEAN),
            new Column("day", ColumnType.DATE)));

    private Path write(String name, Map<String, String> opts, Object[]... rows) throws Exception {
        Path p = dir.resolve(name);
        try (TableWriter w = JsonTableWriter.factory().open(p, SCHEMA, ExportOptions.parse(ExportFormat.JSON, opts))) {
            for (Object[] r : rows) {
                w.write(r);
            }
            w.finish();
        }
        return p;
    }

    private static final Object[][] ROWS = {
            {"Grüße \"q\"", Double.NaN, 1234567890123456789L, true, LocalDate.of(2024, 2, 29)},
            {null, Double.NEGATIVE_INFINITY, null, null, null},
            {"0001", 5e-324, -1L, false, LocalDate.of(1999, 12, 31)},
            {"x", Double.POSITIVE_INFINITY, 0L, true, null}};

    @Test
    void writesAnArrayAnyJsonParserReadsAndItReadsBackWithTheSameTypes() throws Exception {
        Path p = write("o.json", Map.of(), ROWS);
        JsonNode tree = new ObjectMapper().readTree(p.toFile());
        assertThat(tree.isArray()).isTrue();
        assertThat(tree.get(0).get("d").asText()).isEqualTo("NaN");
        assertThat(tree.get(0).get("n").asLong()).isEqualTo(1234567890123456789L);
        assertThat(tree.get(1).get("s").isNull()).isTrue();
        assertThat(tree.get(2).get("d").asText()).isEqualTo("4.9E-324");
        Table t = TestTables.read(reader, p);
        assertThat(t.schema()).isEqualTo(SCHEMA);
        assertThat(t.rows()).containsExactly(ROWS);
    }

    @Test
    void linesOptionWritesOneRecordPerLine() throws Exception {
        Path p = write("o.json", Map.of("lines", "true"), ROWS);
        List<String> lines = Files.readAllLines(p);
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(new ObjectMapper().readTree(line).isObject()).isTrue();
        }
        Table t = TestTables.read(reader, p);
        assertThat(t.schema()).isEqualTo(SCHEMA);
        assertThat(t.rows()).containsExactly(ROWS);
        Path empty = write("e.json", Map.of());
        assertThat(new ObjectMapper().readTree(empty.toFile()).size()).isZero();
    }
}
