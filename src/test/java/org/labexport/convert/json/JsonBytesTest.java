package org.labexport.convert.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our JSON strings are byte for byte what Jackson's UTF-8 generator wrote with its default settings, which the JSON
 * writer used before (docs/decisions/0131): a file exported again is the same file.
 */
class JsonBytesTest {
    private static List<String> trickyStrings() {
        List<String> out = new ArrayList<>(List.of("", "plain", "quote \" and backslash \\", "slash /",
                "tab\tnew\nline\rcr", "\b\f", "\u0000\u0001\u001f\u007f", "é ü ß", "Ω ≤ 中文 \u2028 \u2029 \uFEFF",
                "emoji 😀 pair", "lone high \uD83D end", "lone low \uDE00 end", "\uFFFF\uFFFE", "é\"😀\\x",
                "a".repeat(70_000) + "é" + "\n"));
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        out.add(all.toString());
        return out;
    }

    @Test
    void stringsAreEscapedAsJacksonEscapesThem() throws IOException {
        for (String s : trickyStrings()) {
            assertThat(ours(s)).as("bytes of %s", s.length() > 40 ? s.substring(0, 40) + "..." : s)
                    .isEqualTo(jacksons(s));
        }
    }

    @Test
    void stringsWrittenInARowThroughAFillingBufferAreEachAsWrittenAlone() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonBytes b = new JsonBytes(bytes);
        List<String> strings = trickyStrings();
        // Odd lengths put each string at a different place in the buffer, so some need a flush first.
        for (int k = 0; k < 300; k++) {
            for (String s : strings) {
                String t = k % 2 == 0 ? s : s + "x".repeat(k);
                expected.write(ours(t));
                b.string(t);
            }
        }
        b.close();
        assertThat(bytes.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void numberTextIsItsAsciiBytes() throws IOException {
        for (String s : List.of("-12.5E-7", "0", "1".repeat(70_000), "9".repeat(65_530) + "1.5e+300")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            JsonBytes b = new JsonBytes(bytes);
            b.number("7");
            b.number(s);
            b.close();
            assertThat(bytes.toByteArray()).isEqualTo(("7" + s).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static byte[] ours(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonBytes b = new JsonBytes(bytes);
        b.string(s);
        b.close();
        return bytes.toByteArray();
    }

    private static byte[] jacksons(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeString(s);
        }
        return bytes.toByteArray();
    }
}
