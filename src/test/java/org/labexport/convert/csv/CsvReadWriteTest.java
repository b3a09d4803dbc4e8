package org.labexport.convert.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.TestTables;
import org.labexport.convert.TestTables.Table;

class CsvReadWriteTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void infersTypesFromWholeColumnsAndReadsEdgeValues() throws IOException {
        Path p = file("t.csv", "id,gene,p,flag,day,at,big\n"
                + "0001234,MARCH1,1e-300,TRUE,2024-01-02,2024-01-02T03:04:05Z,1234567890123456789\n"
                + "0000007,SEPT2,5e-324,false,NA,2024-01-02 03:04:05.123456,-9223372036854775808\n"
                + "42,Grüße,-0.0,False,2024-02-29,,7\n"
                + ",\"a,\"\"b\"\"\nc\",Inf,true,2000-01-01,NA,0\n");
        Table t = TestTables.read(CsvSourceReader.csv(), p);
        assertThat(t.schema().columns()).containsExactly(
                new Column("id", ColumnType.STRING), new Column("gene", ColumnType.STRING),
                new Column("p", ColumnType.DOUBLE), new Column("flag", ColumnType.BOOLEAN),
                new Column("day", ColumnType.DATE), new Column("at", ColumnType.TIMESTAMP),
                new Column("big", ColumnType.LONG));
        assertThat(t.column("id")).containsExactly("0001234", "0000007", "42", null);
        assertThat(t.column("gene")).containsExactly("MARCH1", "SEPT2", "Grüße", "a,\"b\"\nc");
        assertThat(t.column("p")).containsExactly(1e-300, Double.MIN_VALUE, -0.0, Double.POSITIVE_INFINITY);
        assertThat(t.column("flag")).containsExactly(true, false, false, true);
        assertThat(t.column("day")).containsExactly(LocalDate.of(2024, 1, 2), null, LocalDate.of(2024, 2, 29),
                LocalDate.of(2000, 1, 1));
        assertThat(t.column("at")).containsExactly(Instant.parse("2024-01-02T03:04:05Z"),
                Instant.parse("2024-01-02T03:04:05.123456Z"), null, null);
        assertThat(t.column("big")).containsExactly(1234567890123456789L, Long.MIN_VALUE, 7L, 0L);
    }

    @Test
    void rowBatchesGiveTheSameRowsAsReadingRowByRow() throws IOException {
        StringBuilder sb = new StringBuilder("gene,score,flag\n");
        for (int i = 0; i < 40_000; i++) {
            sb.append("G").append(i).append(',').append(i % 7 == 0 ? "NA" : String.valueOf(i * 0.25)).append(',')
                    .append(i % 2 == 0 ? "TRUE" : "false").append('\n');
            if (i % 9_999 == 0) {
                sb.append('\n'); // blank lines in the sample and later
            }
        }
        Path p = file("batches.csv", sb.toString());
        ReadSettings speculative = ReadSettings.defaults(CancelSignal.NEVER).withSpeculation(true);
        for (boolean asText : new boolean[] {false, true}) {
            List<Object[]> byRow = new java.util.ArrayList<>();
            try (TableReader r = CsvSourceReader.csv().open(p, "batches", speculative)) {
                Object[] row = new Object[r.schema().size()];
                while (asText ? r.nextText(row, true) : r.next(row)) {
                    byRow.add(row.clone());
                }
            }
            List<Object[]> byBatch = new java.util.ArrayList<>();
            try (TableReader r = CsvSourceReader.csv().open(p, "batches", speculative)) {
                r.schema();
                Object[][] rows;
                while ((rows = r.nextRows(asText, true)).length > 0) {
                    byBatch.addAll(List.of(rows));
                }
                assertThat(r.finalSchema().column(1).type()).isEqualTo(ColumnType.DOUBLE);
            }
            assertThat(byBatch).hasSize(40_000);
            if (asText) {
                // The converter skips its writers' preparing for these rows: no typed value may hide in them.
                try (TableReader r = CsvSourceReader.csv().open(p, "batches", speculative)) {
                    assertThat(r.givesTextAsStrings()).isTrue();
                }
                for (List<Object[]> rows : List.of(byRow, byBatch)) {
                    assertThat(rows.stream().flatMap(java.util.Arrays::stream).filter(v -> v != null))
                            .hasSizeGreaterThan(100_000).allMatch(v -> v instanceof String);
                }
            }
            assertThat(byBatch).usingRecursiveFieldByFieldElementComparator().isEqualTo(byRow);
            assertThat(byBatch.get(39_999)).containsExactly("G39999",
                    asText ? "9999.75" : (Object) 9999.75, asText ? "false" : (Object) false);
            assertThat(byBatch.get(0)[1]).isNull();
            if (!asText) {
                List<Object[]> byColumns = new java.util.ArrayList<>();
                try (TableReader r = CsvSourceReader.csv().open(p, "batches", speculative)) {
                    r.schema();
                    org.labexport.convert.ColumnBatch columns;
                    int asRanges = 0;
                    while ((columns = r.nextColumns()).rows() > 0) {
                        assertThat(columns.type(1)).isEqualTo(ColumnType.DOUBLE);
                        asRanges += columns.isTextRanges(0) ? 1 : 0;
                        for (int i = 0; i < columns.rows(); i++) {
                            Object[] row = new Object[columns.columns()];
                            columns.rowInto(i, row);
                            byColumns.add(row);
                        }
                    }
                    // The checking threads' batches keep text as UTF-8 ranges of their own (no String each).
                    assertThat(asRanges).isPositive();
                }
                assertThat(byColumns).usingRecursiveFieldByFieldElementComparator().isEqualTo(byRow);
            }
        }
    }

    /**
     * Text beyond ASCII read column by column keeps every character, whichever splitter split it: the one-pass UTF-8
     * splitter (a comma) and FastCSV (a delimiter outside ASCII), whose batches are never taken as ASCII.
     */
    @Test
    void columnBatchesKeepTextBeyondAsciiFromEitherSplitter() throws IOException {
        for (char delimiter : new char[] {',', '\u00a6'}) {
            StringBuilder sb = new StringBuilder("gene" + delimiter + "score\n");
            for (int i = 0; i < 40_000; i++) {
                String gene = i % 1_000 == 999 ? "Grüße\uD83E\uDDEC" + i : "G" + i;
                sb.append(gene).append(delimiter).append(i * 0.5).append('\n');
            }
            Path p = file("wide" + (int) delimiter + ".csv", sb.toString());
            ReadSettings speculative = ReadSettings.defaults(CancelSignal.NEVER).withSpeculation(true);
            List<Object> genes = new java.util.ArrayList<>();
            int asRanges = 0;
            try (TableReader r = new CsvSourceReader(delimiter, 1 << 20).open(p, "wide", speculative)) {
                r.schema();
                org.labexport.convert.ColumnBatch columns;
                while ((columns = r.nextColumns()).rows() > 0) {
                    asRanges += columns.isTextRanges(0) ? 1 : 0;
                    for (int i = 0; i < columns.rows(); i++) {
                        genes.add(columns.get(0, i));
                    }
                }
            }
            assertThat(asRanges).as("delimiter %s", delimiter).isPositive();
            assertThat(genes).as("delimiter %s", delimiter).hasSize(40_000);
            assertThat(genes.get(1_000)).isEqualTo("G1000");
            assertThat(genes.get(1_999)).isEqualTo("Grüße\uD83E\uDDEC1999");
            assertThat(genes.get(39_999)).isEqualTo("Grüße\uD83E\uDDEC39999");
        }
    }

    /** A header and rows {@code i,i/2} for i from 0. */
    private static StringBuilder countAndHalf(String header, int rows) {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            sb.append(i).append(',').append(i * 0.5).append('\n');
        }
        return sb;
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsAfterThePrefixFailsByLineInColumnsToo() throws IOException {
        StringBuilder sb = countAndHalf("a,b", 30_000);
        sb.append("1,2,3\n");
        Path p = file("ragged.csv", sb.toString());
        ReadSettings speculative = ReadSettings.defaults(CancelSignal.NEVER).withSpeculation(true);
        try (TableReader r = CsvSourceReader.csv().open(p, "ragged", speculative)) {
            r.schema();
            assertThatThrownBy(() -> {
                while (r.nextColumns().rows() > 0) {
                    assertThat(r.schema().size()).isEqualTo(2);
                }
            }).isInstanceOf(ConversionException.class)
                    .hasMessageContaining("ragged.csv line 30002: 3 fields, but the header has 2 columns");
        }
    }

    @Test
    void textValueAfterFiftyThousandNumbersMakesColumnText() throws IOException {
        StringBuilder sb = countAndHalf("n,x", 50_000);
        sb.append("late text,1\n");
        Table t = TestTables.read(CsvSourceReader.csv(), file("late.csv", sb.toString()));
        assertThat(t.schema().column(0).type()).isEqualTo(ColumnType.STRING);
        assertThat(t.schema().column(1).type()).isEqualTo(ColumnType.DOUBLE);
        assertThat(t.rows()).hasSize(50_001);
        assertThat(t.rows().get(0)[0]).isEqualTo("0");
        assertThat(t.rows().get(50_000)[0]).isEqualTo("late text");
    }

    @Test
    void bomIsStrippedAndGzipIsRead() throws IOException {
        Path bom = dir.resolve("bom.tsv");
        Files.write(bom, ("\uFEFFname\tv\nä\t1\n").getBytes(StandardCharsets.UTF_8));
        Table t = TestTables.read(CsvSourceReader.tsv(), bom);
        assertThat(t.schema().names()).containsExactly("name", "v");
        assertThat(t.column("name")).containsExactly("ä");

        Path gz = dir.resolve("data.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write("a,b\n1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        Table g = TestTables.read(gz);
        assertThat(g.column("a")).containsExactly(1L, 2L);
        assertThat(g.column("b")).containsExactly("x", "y");
    }

    @Test
    void utf16WithByteOrderMarkIsRead() throws IOException {
        Path p = dir.resolve("excel-unicode.txt");
        Files.write(p, "\uFEFFgene\tcount\nÅ1\t3\n".getBytes(StandardCharsets.UTF_16LE));
        Table t = TestTables.read(CsvSourceReader.tsv(), p);
        assertThat(t.column("gene")).containsExactly("Å1");
        assertThat(t.column("count")).containsExactly(3L);
    }

    @Test
    void blankAndDuplicateHeaderNamesAreRenamed() {
        assertThat(CsvTableReader.uniqueNames(List.of("a", "", "a", "col_2", " ", "a")))
                .containsExactly("a", "col_2_2", "a_2", "col_2", "col_5", "a_3");
    }

    @Test
    void raggedRowIsAnErrorNamingFileAndLine() throws IOException {
        Path p = file("ragged.csv", "a,b\n1,2\n3\n4,5,6\n");
        assertThatThrownBy(() -> TestTables.read(CsvSourceReader.csv(), p))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("ragged.csv line 3")
                .hasMessageContaining("header has 2 columns");
    }

    @Test
    void blankLinesAreSkipped() throws IOException {
        Table t = TestTables.read(CsvSourceReader.csv(), file("blank.csv", "a,b\n1,2\n\n3,4\n\n"));
        assertThat(t.column("a")).containsExactly(1L, 3L);
    }

    @Test
    void emptyFileNeedsAHeader() throws IOException {
        Path p = file("empty.csv", "");
        assertThatThrownBy(() -> TestTables.read(CsvSourceReader.csv(), p))
                .isInstanceOf(ConversionException.class).hasMessageContaining("empty.csv is empty");
        Table headerOnly = TestTables.read(CsvSourceReader.csv(), file("h.csv", "x,y\n"));
        assertThat(headerOnly.schema().names()).containsExactly("x", "y");
        assertThat(headerOnly.rows()).isEmpty();
    }

    @Test
    void binaryGarbageIsRefusedNamingTheFile() throws IOException {
        Path p = dir.resolve("garbage.csv");
        byte[] bytes = new byte[10_000];
        new java.util.Random(1).nextBytes(bytes);
        bytes[5] = 0;
        Files.write(p, bytes);
        assertThatThrownBy(() -> TestTables.read(CsvSourceReader.csv(), p))
                .isInstanceOf(ConversionException.class).hasMessageContaining("garbage.csv is not a text table");

        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "a\nd\u00e9j\u00e0\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> TestTables.read(CsvSourceReader.csv(), latin))
                .isInstanceOf(ConversionException.class).hasMessageContaining("latin.csv").hasMessageContaining("UTF-8");
    }

    @Test
    @Timeout(60)
    void hugeSingleLineFailsCleanlyWithinTheFieldLimit() throws IOException {
        Path p = dir.resolve("oneline.csv");
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(p))) {
            out.write("a,b\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 64; i++) {
                out.write(chunk);
            }
        }
        CsvSourceReader reader = new CsvSourceReader(',', 4 * 1024 * 1024);
        assertThatThrownBy(() -> TestTables.read(reader, p))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("oneline.csv")
                .hasMessageContaining("longer than 4194304 characters");
    }

    @Test
    void aLineOfManyFieldsLongerThanTheLimitFailsCleanly() throws IOException {
        // No field is long, but the line is: eight fields of 1 MiB against a 4 MiB limit.
        String field = "y".repeat(1 << 20);
        Path p = file("wide.csv", "a,b,c,d,e,f,g,h\n" + String.join(",", java.util.Collections.nCopies(8, field)) + "\n");
        CsvSourceReader reader = new CsvSourceReader(',', 4 * 1024 * 1024);
        assertThatThrownBy(() -> TestTables.read(reader, p))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("wide.csv: a field or line after line 1 is longer than 4194304 characters");
    }

    @Test
    void aLineWithMoreFieldsThanATableMayHaveFailsSayingSo() throws IOException {
        Path p = file("commas.csv", "a\n" + ",".repeat(1_000_000) + "\n");
        assertThatThrownBy(() -> TestTables.read(CsvSourceReader.csv(), p))
                .isInstanceOf(ConversionException.class)
                .hasMessageContaining("commas.csv: a line after line 1 has more than 1,000,000 fields");
    }

    @Test
    void cancelStopsTheFirstPass() throws IOException {
        StringBuilder sb = new StringBuilder("a\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i).append('\n');
        }
        Path p = file("c.csv", sb.toString());
        ReadSettings cancelled = new ReadSettings(java.util.Set.of(""), "", () -> true);
        try (TableReader r = CsvSourceReader.csv().open(p, null, cancelled)) {
            assertThatThrownBy(r::schema).isInstanceOf(org.labexport.base.ConversionCancelledException.class);
        }
    }

    @Test
    void bytesCoverBothPasses() throws IOException {
        Path p = file("b.csv", "a\n1\n2\n");
        try (TableReader r = CsvSourceReader.csv().open(p, null, ReadSettings.defaults(CancelSignal.NEVER))) {
            assertThat(r.bytesTotal()).isEqualTo(2 * Files.size(p));
            r.schema();
            Object[] row = new Object[1];
            while (r.next(row)) {
                assertThat(r.bytesConsumed()).isGreaterThanOrEqualTo(Files.size(p));
            }
            assertThat(r.bytesConsumed()).isEqualTo(r.bytesTotal());
        }
    }

    private Path write(String name, ExportFormat format, Map<String, String> opts, TableSchema schema, Object[]... rows)
            throws Exception {
        Path p = dir.resolve(name);
        try (TableWriter w = CsvTableWriter.factory().open(p, schema, ExportOptions.parse(format, opts))) {
            for (Object[] r : rows) {
                w.write(r);
            }
            assertThat(w.finish().rows()).isEqualTo(rows.length);
        }
        return p;
    }

    @Test
    void writerWritesCanonicalTextAndNullsAsEmptyFields() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("s", ColumnType.STRING),
                new Column("d", ColumnType.DOUBLE), new Column("b", ColumnType.BOOLEAN),
                new Column("t", ColumnType.TIMESTAMP)));
        Path p = write("o.csv", ExportFormat.CSV, Map.of(), schema,
                new Object[]{"x,y", Double.NaN, true, Instant.parse("2024-01-02T03:04:05Z")},
                new Object[]{null, null, null, null},
                new Object[]{"0001", -0.0, false, null});
        assertThat(Files.readString(p)).isEqualTo("s,d,b,t\n\"x,y\",NaN,true,2024-01-02T03:04:05Z\n,,,\n0001,-0.0,false,\n");
    }

    @Test
    void writerOptionsDelimiterQuoteHeaderEncodingAndBom() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("a", ColumnType.STRING), new Column("n", ColumnType.LONG)));
        Path p = write("o.txt", ExportFormat.CSV, Map.of("delimiter", ";", "quote_char", "'", "include_header", "false",
                "bom", "true"), schema, new Object[]{"it's;é", 1L});
        byte[] bytes = Files.readAllBytes(p);
        assertThat(bytes[0] & 0xff).isEqualTo(0xEF);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF'it''s;é';1\n");

        Path latin = write("l.csv", ExportFormat.CSV, Map.of("encoding", "ISO-8859-1"), schema, new Object[]{"é", 2L});
        assertThat(Files.readAllBytes(latin)).containsExactly("a,n\n\u00e9,2\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> write("bad.csv", ExportFormat.CSV, Map.of("encoding", "US-ASCII"), schema,
                new Object[]{"Grüße", 1L}))
                .isInstanceOf(ConversionException.class).hasMessageContaining("US-ASCII");

        Path tsv = write("o.tsv", ExportFormat.TSV, Map.of(), schema, new Object[]{"a\tb", 3L});
        assertThat(Files.readString(tsv)).isEqualTo("a\tn\n\"a\tb\"\t3\n");
    }

    @Test
    void writerQuotesExactlyTheFieldsHoldingASeparatorWhereverItIs() throws Exception {
        TableSchema schema = new TableSchema(List.of(new Column("a", ColumnType.STRING)));
        String[][] separators = {{",", "\""}, {";", "'"}, {"|", "\""}, {"~", "|"}, {";", "|"}};
        for (String[] sep : separators) {
            char d = sep[0].charAt(0);
            char q = sep[1].charAt(0);
            List<String> fields = new java.util.ArrayList<>(List.of("plain", "1.5E-7", "Grüße", "x".repeat(70_000)));
            for (char special : new char[] {d, q, '\n', '\r'}) {
                fields.addAll(List.of(special + "x", "x" + special, "ab" + special + "cd", String.valueOf(special),
                        "y".repeat(70_000) + special));
            }
            Object[][] rows = fields.stream().map(f -> new Object[] {f}).toArray(Object[][]::new);
            Path p = write("q.csv", ExportFormat.CSV, Map.of("delimiter", sep[0], "quote_char", sep[1],
                    "include_header", "false"), schema, rows);
            StringBuilder expected = new StringBuilder();
            for (String f : fields) {
                boolean quoted = f.indexOf(d) >= 0 || f.indexOf(q) >= 0 || f.contains("\n") || f.contains("\r");
                String body = f.replace(String.valueOf(q), "" + q + q);
                expected.append(quoted ? q + body + q : f).append('\n');
            }
            assertThat(Files.readString(p)).as("delimiter %s quote %s", d, q).isEqualTo(expected.toString());
        }
    }
}
