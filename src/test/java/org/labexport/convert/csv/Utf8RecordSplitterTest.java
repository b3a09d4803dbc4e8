package org.labexport.convert.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import de.siegmar.fastcsv.reader.CsvParseException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ConversionException;

/**
 * The one-pass UTF-8 splitter against FastCSV's strict parser (what it replaces for UTF-8) on random text built from
 * the characters that matter: delimiters, quotes, CR, LF, other control characters and one- to four-byte UTF-8. Both
 * must give the same records, fields and line numbers, or fail with the same message; the input arrives a few bytes
 * at a time, so sequences and quotes are cut by every buffer boundary.
 */
class Utf8RecordSplitterTest {
    private static final Path FILE = Path.of("table.csv");
    private static final String[] PIECES = {"a", "b", "1.5", ",", ",", "\t", "\"", "\"", "\"\"", "\r", "\n", "\r\n",
        " ", "\u000b", "é", "€", "😀", "ü\"", "x,y", "\n\n", "plain run of text", "+-\u000c\u000e\u007f", "0.123456789"};

    @Test
    void randomTextSplitsAsFastCsvSplitsIt() throws IOException {
        SplittableRandom random = new SplittableRandom(20261207L);
        int failures = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = random.nextInt(40);
            for (int k = 0; k < pieces; k++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            char delimiter = random.nextInt(4) == 0 ? '\t' : ',';
            Split expected = fastCsv(text.toString(), delimiter, 1_000_000, 1 << 20);
            // Read a few bytes at a time, or whole, so that the eight-byte steps of plain runs are taken too.
            int chunk = random.nextInt(3) == 0 ? 1 << 16 : 1 + random.nextInt(7);
            Split actual = utf8(text.toString().getBytes(StandardCharsets.UTF_8), delimiter, 1_000_000, 1 << 20,
                    chunk);
            assertThat(actual).as("text %s with delimiter %s", escaped(text), escaped(delimiter)).isEqualTo(expected);
            if (expected.error() != null) {
                failures++;
            }
        }
        // Both outcomes were compared often: well-formed tables and each kind of malformed one.
        assertThat(failures).isBetween(1_000, 25_000);
    }

    /**
     * Each byte that ends a plain run (delimiter, quote, line ends, another control character, a byte of a multi-byte
     * character) at each place in a long run, in plain and quoted fields, read whole and in pieces that cut the run.
     */
    @Test
    void everyRunEndAtEveryPlaceOfALongRunSplitsAsFastCsvSplitsIt() throws IOException {
        String run = "abcdefghijklmnopqrstuvwxyz0123456789";
        String[] ends = {",", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "\u000b", "\u0001", "é", "€", "😀", " ", "~", "\u007f",
            "\u000c", "\u000e", "+", "-", "\u0080"};
        for (String end : ends) {
            for (int at = 0; at <= 17; at++) {
                String field = run.substring(0, at) + end + run.substring(at, at + 19);
                for (String text : List.of("h,i\n" + field + "," + field + "\n",
                        "h,i\n\"" + field.replace("\"", "\"\"") + "\",x\n", field + "\t" + run + "\n")) {
                    for (char delimiter : new char[] {',', '\t'}) {
                        Split expected = fastCsv(text, delimiter, 1_000_000, 1 << 20);
                        for (int chunk : new int[] {5, 11, 1 << 16}) {
                            assertThat(utf8(text.getBytes(StandardCharsets.UTF_8), delimiter, 1_000_000, 1 << 20,
                                    chunk)).as("text %s, pieces of %d", escaped(text), chunk).isEqualTo(expected);
                        }
                    }
                }
            }
        }
        // A long plain field is whole, in the batch's characters, however it arrived.
        String longField = run.repeat(40);
        assertThat(utf8(("h\n" + longField + "\n").getBytes(StandardCharsets.UTF_8), ',', 9, 1 << 20, 13).records())
                .extracting(r -> r.fields().get(0)).containsExactly("h", longField);
    }

    @Test
    void chosenTextSplitsAsFastCsvSplitsIt() throws IOException {
        // Cases a random draw may miss: line counting inside quotes around CR, LF and doubled quotes, empty quoted
        // fields, a delimiter or a line end right at the end.
        String[] texts = {"h\n\"a\r\"\"\nb\"\nx\n", "h\n\"a\rb\nc\"\nx\n", "h\n\"\r\n\"\n\"\n\r\"\nx\n",
            "\"\"\n\"\",\"\"\n", "a,\n,b\r\n\r\n\r", "a,b,", "\"a\"\"\"\r\"\"", "\r\n\n\r\r\n", "x\"y,\"z\"\"\"\n"};
        for (String text : texts) {
            for (int chunk = 1; chunk <= 4; chunk++) {
                assertThat(utf8(text.getBytes(StandardCharsets.UTF_8), ',', 1_000_000, 1 << 20, chunk))
                        .as("text %s", escaped(text)).isEqualTo(fastCsv(text, ',', 1_000_000, 1 << 20));
            }
        }
        assertThat(utf8("h\n\"a\r\"\"\nb\"\nx\n".getBytes(StandardCharsets.UTF_8), ',', 9, 99, 2).records())
                .extracting(Record::line).containsExactly(1L, 2L, 5L);
    }

    @Test
    void randomBytesDecodeAsJavaDecodesThem() throws IOException {
        SplittableRandom random = new SplittableRandom(7L);
        int malformed = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int k = 0; k < bytes.length; k++) {
                int kind = random.nextInt(4);
                bytes[k] = (byte) (kind == 0 ? 'a' : kind == 1 ? ",\n\"".charAt(random.nextInt(3))
                        : kind == 2 ? 0x80 + random.nextInt(0x40) : 0xC0 + random.nextInt(0x40));
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                malformed++;
                Split split;
                try {
                    split = utf8Strict(bytes, 1 + random.nextInt(5));
                } catch (MalformedInputException expected) {
                    continue;
                }
                // Or a malformed record before the bad bytes stopped it first (FastCSV, which decodes ahead of
                // splitting, would name the bytes): either way the file fails.
                assertThat(split.error()).as("bytes %s", java.util.HexFormat.of().formatHex(bytes)).isNotNull();
                continue;
            }
            assertThat(utf8(bytes, ',', 1_000_000, 1 << 20, 1 + random.nextInt(5)))
                    .as("bytes %s", java.util.HexFormat.of().formatHex(bytes))
                    .isEqualTo(fastCsv(text, ',', 1_000_000, 1 << 20));
        }
        assertThat(malformed).isBetween(1_000, 29_000);
    }

    /**
     * Every byte value at every place of a plain run read whole, where the splitter tests eight bytes at a time: it
     * splits as FastCSV splits the decoded text, or fails as Java's strict decoder does, a stray continuation byte
     * (0x80 to 0xBF) included.
     */
    @Test
    void everyByteAtEveryPlaceOfAPlainRunSplitsOrFailsAsJavaDecodesIt() throws IOException {
        byte[] run = "abcdefghijklmnopqrstuvwx".getBytes(StandardCharsets.US_ASCII);
        int malformed = 0;
        for (char delimiter : new char[] {',', '\t'}) {
            for (int value = 0; value < 256; value++) {
                for (int at = 0; at < 17; at++) {
                    byte[] bytes = Arrays.copyOf(run, run.length + 2);
                    bytes[at] = (byte) value;
                    bytes[run.length] = (byte) delimiter;
                    bytes[run.length + 1] = '\n';
                    String hex = java.util.HexFormat.of().formatHex(bytes);
                    String text;
                    try {
                        text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes))
                                .toString();
                    } catch (CharacterCodingException e) {
                        malformed++;
                        assertThatThrownBy(() -> utf8(bytes, delimiter, 1_000_000, 1 << 20, 1 << 16))
                                .as("bytes %s", hex).isInstanceOf(MalformedInputException.class);
                        continue;
                    }
                    if (value == 0) {
                        assertThatThrownBy(() -> utf8(bytes, delimiter, 1_000_000, 1 << 20, 1 << 16))
                                .as("bytes %s", hex).hasMessageContaining("NUL");
                        continue;
                    }
                    assertThat(utf8(bytes, delimiter, 1_000_000, 1 << 20, 1 << 16)).as("bytes %s", hex)
                            .isEqualTo(fastCsv(text, delimiter, 1_000_000, 1 << 20));
                }
            }
        }
        // 0x80 to 0xFF alone are never well-formed UTF-8.
        assertThat(malformed).isEqualTo(2 * 128 * 17);
    }

    /** A batch says it is ASCII only while nothing beyond ASCII was decoded into it, in a plain or a quoted field. */
    @Test
    void aBatchIsAsciiUntilAMultiByteCharacterIsDecodedIntoIt() throws IOException {
        for (String text : List.of("a,b\n1,2\n", "a,b\n\"x\u007f\",\u0001\n")) {
            assertThat(firstBatch(text).isAscii()).as(text).isTrue();
        }
        for (String text : List.of("a,b\n1,é\n", "a,b\n\"1\",\"x€\"\n", "a,b\n1,2\n3,\uD83D\uDE00\n")) {
            assertThat(firstBatch(text).isAscii()).as(text).isFalse();
        }
        try (Utf8RecordSplitter splitter = new Utf8RecordSplitter(new ByteArrayInputStream(
                "é\nx\n".getBytes(StandardCharsets.UTF_8)), FILE, ',', 10, 1 << 20, 1)) {
            assertThat(splitter.next()).isTrue();
            assertThat(splitter.take().isAscii()).isFalse();
            assertThat(splitter.next()).isTrue();
            assertThat(splitter.take().isAscii()).as("the batch after").isTrue();
        }
    }

    private static RecordBatch firstBatch(String text) throws IOException {
        try (Utf8RecordSplitter splitter = new Utf8RecordSplitter(new ByteArrayInputStream(
                text.getBytes(StandardCharsets.UTF_8)), FILE, ',', 10, 1 << 20, 100)) {
            while (splitter.next()) {
                // all records into the one batch
            }
            return splitter.take();
        }
    }

    @Test
    void everyCodePointOutsideSurrogatesRoundTrips() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int cp = 1; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp == '"' || cp == ',' || cp == '\r' || cp == '\n' || Character.getType(cp) == Character.SURROGATE) {
                continue;
            }
            text.appendCodePoint(cp);
        }
        Split split = utf8(text.toString().getBytes(StandardCharsets.UTF_8), ',', 1, Integer.MAX_VALUE - 16, 4093);
        assertThat(split.records()).containsExactly(new Record(1, List.of(text.toString())));
    }

    @Test
    void limitsMalformedTextAndNulFailWithTheMessagesTheReaderWordsForTheUser() throws IOException {
        // FastCSV's messages for malformed text, and those of the record limits CsvTableReader has always set.
        assertThat(utf8("a,\"b\nc".getBytes(StandardCharsets.UTF_8), ',', 100, 100, 3).error())
                .isEqualTo("Unclosed quoted field at end of input (record starting at line 1)");
        assertThat(utf8("h\n\"x\"y\n".getBytes(StandardCharsets.UTF_8), ',', 100, 100, 3).error())
                .isEqualTo("Unexpected character after closing quote: 'y' (0x79) (record starting at line 2)");
        assertThat(utf8("a,b,c,d\n".getBytes(StandardCharsets.UTF_8), ',', 3, 100, 3).error())
                .isEqualTo("Record has more than the maximum of 3 fields");
        assertThat(utf8("abcdefghijk\n".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3).error())
                .isEqualTo("Record exceeds the maximum of 10 characters");
        assertThat(utf8("a,\"bcdef\nghijk\"\n".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3).error())
                .isEqualTo("Record exceeds the maximum of 10 characters");
        // The last characters of the input count too, a multi-byte one included.
        assertThat(utf8("abcdefghij€".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3).error())
                .isEqualTo("Record exceeds the maximum of 10 characters");
        assertThat(utf8("abcdefghi€".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3).error()).isNull();
        assertThatThrownBy(() -> utf8("a,b\n1,\0\n".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3))
                .isInstanceOf(ConversionException.class)
                .hasMessage("table.csv is not a text table: it contains NUL bytes (binary data?).");
        assertThatThrownBy(() -> utf8("a,\"\0\"\n".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3))
                .isInstanceOf(ConversionException.class).hasMessageContaining("NUL bytes");
        assertThatThrownBy(() -> utf8("a,\"x\"\0\n".getBytes(StandardCharsets.UTF_8), ',', 3, 10, 3))
                .isInstanceOf(ConversionException.class).hasMessageContaining("NUL bytes");
    }

    @Test
    void aLongRecordFailsWithoutHoldingMoreThanTheLimit() throws IOException {
        // 64 MiB of one field with a 1 MiB limit: refused after about the limit, not after reading it all.
        long[] read = new long[1];
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                read[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                read[0] += len;
                return read[0] > (64L << 20) ? -1 : len;
            }
        };
        Utf8RecordSplitter splitter = new Utf8RecordSplitter(endless, FILE, ',', 10, 1 << 20, 16);
        assertThatThrownBy(splitter::next).isInstanceOf(CsvParseException.class)
                .hasMessageContaining("maximum of 1048576 characters");
        assertThat(read[0]).isLessThan(2L << 20);
        // Grown to just past the limit, not doubled beyond it.
        assertThat(splitter.current().text().length).isLessThan((1 << 20) + (1 << 18));
    }

    @Test
    void aDelimiterOutsideAsciiIsSplitByFastCsv(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertThat(Utf8RecordSplitter.splits('§')).isFalse();
        assertThat(Utf8RecordSplitter.splits(';')).isTrue();
        Path file = dir.resolve("section.csv");
        java.nio.file.Files.writeString(file, "a§b\n1§ü\n", StandardCharsets.UTF_8);
        try (org.labexport.convert.TableReader reader = new CsvSourceReader('§', 1000).open(file, null,
                org.labexport.convert.ReadSettings.defaults(org.labexport.base.CancelSignal.NEVER))) {
            assertThat(reader.schema().names()).containsExactly("a", "b");
            Object[] row = new Object[2];
            assertThat(reader.next(row)).isTrue();
            assertThat(row).containsExactly(1L, "ü");
        }
    }

    private static String escaped(Object text) {
        return String.valueOf(text).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
                .replace("\u000b", "\\v");
    }

    /** One record: its first line and its fields. */
    record Record(long line, List<String> fields) {
    }

    /** What a splitter gave: its records, and the message it stopped with (null if it reached the end). */
    record Split(List<Record> records, String error) {
    }

    private static Split fastCsv(String text, char delimiter, int maxFields, int maxChars) throws IOException {
        return collect(new FastCsvRecordSplitter(new StringReader(text), delimiter, maxFields, maxChars, 3));
    }

    private static Split utf8(byte[] bytes, char delimiter, int maxFields, int maxChars, int chunk)
            throws IOException {
        return collect(new Utf8RecordSplitter(new Trickle(bytes, chunk), FILE, delimiter, maxFields, maxChars, 3));
    }

    private static Split utf8Strict(byte[] bytes, int chunk) throws IOException {
        return utf8(bytes, ',', 1_000_000, 1 << 20, chunk);
    }

    private static Split collect(RecordSplitter splitter) throws IOException {
        List<Record> out = new ArrayList<>();
        try (splitter) {
            while (true) {
                boolean more;
                try {
                    more = splitter.next();
                } catch (CsvParseException e) {
                    takeAll(splitter, out);
                    return new Split(out, e.getMessage());
                }
                if (!more) {
                    break;
                }
                if (splitter.current().size() >= 3) {
                    takeAll(splitter, out);
                }
            }
            takeAll(splitter, out);
        }
        return new Split(out, null);
    }

    /** The complete records of the batch being filled (a record cut short by an error is not among them). */
    private static void takeAll(RecordSplitter splitter, List<Record> out) {
        RecordBatch b = splitter.take();
        for (int r = 0; r < b.size(); r++) {
            out.add(new Record(b.lineNumber(r), b.fields(r)));
        }
    }

    /** Hands its bytes out at most {@code chunk} at a time. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int chunk;

        Trickle(byte[] bytes, int chunk) {
            super(bytes);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }
    }
}
