package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link AsciiBytes} writes ASCII text as its UTF-8 bytes, where asked, and refuses anything else under test. */
class AsciiBytesTest {

    @Test
    void asciiTextIsCopiedAsItsBytesWhereAsked() {
        byte[] dst = new byte[32];
        Arrays.fill(dst, (byte) '#');
        int end = AsciiBytes.copy("-1.25E-7", dst, 3);
        end = AsciiBytes.copy("</v>", dst, end);
        assertThat(end).isEqualTo(15);
        assertThat(new String(dst, 0, 17, StandardCharsets.UTF_8)).isEqualTo("###-1.25E-7</v>##");
    }

    @Test
    void textBeyondAsciiIsRefusedWhileAssertionsAreOn() {
        byte[] dst = new byte[8];
        assertThatThrownBy(() -> AsciiBytes.copy("12é", dst, 0)).isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> AsciiBytes.copy("1\u20ac", dst, 0)).isInstanceOf(AssertionError.class);
    }
}
