package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ValueTextTest {

    @Test
    void doublesFormatShortestAndReadBackBitForBit() {
        double[] values = {0.1, 1e-300, Double.MIN_VALUE, -0.0, 0.0, 1.0, 123456.789, Double.MAX_VALUE,
                Math.scalb(1.0, -44), 0.30000000000000004, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double d : values) {
            String text = ValueText.formatDouble(d);
            double back = (Double) ValueText.parse(text, ColumnType.DOUBLE);
            assertThat(Double.doubleToRawLongBits(back)).as(text).isEqualTo(Double.doubleToRawLongBits(d));
        }
        assertThat(ValueText.formatDouble(0.1)).isEqualTo("0.1");
        assertThat(ValueText.formatDouble(-0.0)).isEqualTo("-0.0");
        assertThat(ValueText.formatDouble(1e-300)).isEqualTo("1.0E-300");
        assertThat(ValueText.formatDouble(Math.scalb(1.0, -44))).isEqualTo("5.684341886080802E-14");
        assertThat(ValueText.format(Double.NaN)).isEqualTo("NaN");
        assertThat(ValueText.format(Double.POSITIVE_INFINITY)).isEqualTo("Inf");
        assertThat(ValueText.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void specialDoublesParseInAnyCase() {
        assertThat(ValueText.parse("inf", ColumnType.DOUBLE)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(ValueText.parse("-INFINITY", ColumnType.DOUBLE)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((Double) ValueText.parse("nan", ColumnType.DOUBLE)).isNaN();
        assertThat(ValueText.parse("5e-324", ColumnType.DOUBLE)).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void longsAndBooleansAndStrings() {
        assertThat(ValueText.parse("-9223372036854775808", ColumnType.LONG)).isEqualTo(Long.MIN_VALUE);
        assertThat(ValueText.format(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(ValueText.parse("TRUE", ColumnType.BOOLEAN)).isEqualTo(true);
        assertThat(ValueText.parse("fAlSe", ColumnType.BOOLEAN)).isEqualTo(false);
        assertThat(ValueText.format(true)).isEqualTo("true");
        assertThat(ValueText.parse("0001234", ColumnType.STRING)).isEqualTo("0001234");
        assertThat(ValueText.format("Grüße ✓")).isEqualTo("Grüße ✓");
        assertThat(ValueText.format(null)).isNull();
        assertThat(ValueText.parse(null, ColumnType.LONG)).isNull();
    }

    @Test
    void booleansAreAsciiTrueOrFalseInAnyCase() {
        for (String t : new String[] {"true", "TRUE", "tRuE", "false", "FALSE", "False"}) {
            assertThat(ValueText.isBoolean(t)).as(t).isTrue();
            assertThat(ValueText.isBoolean(("," + t + ",").toCharArray(), 1, t.length())).as(t).isTrue();
            assertThat(ValueText.parseBoolean(t)).as(t).isEqualTo(t.length() == 4);
        }
        // String.equalsIgnoreCase takes the long s for an s; a researcher's column of these is text.
        for (String t : new String[] {"fal\u017Fe", "tru", "truee", "yes", "1", "t\u0000ue", "TRUE "}) {
            assertThat(ValueText.isBoolean(t)).as(t).isFalse();
            assertThat(ValueText.isBoolean(t.toCharArray(), 0, t.length())).as(t).isFalse();
            assertThatThrownBy(() -> ValueText.parseBoolean(t)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void datesAndTimestamps() {
        assertThat(ValueText.parse("2024-02-29", ColumnType.DATE)).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(ValueText.format(LocalDate.of(1999, 1, 2))).isEqualTo("1999-01-02");
        assertThat(ValueText.parse("2024-01-02 03:04:05", ColumnType.TIMESTAMP))
                .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
        assertThat(ValueText.parse("2024-01-02T03:04:05.000123+01:30", ColumnType.TIMESTAMP))
                .isEqualTo(Instant.parse("2024-01-02T01:34:05.000123Z"));
        assertThat(ValueText.parse("2024-01-02T03:04:05.5-0100", ColumnType.TIMESTAMP))
                .isEqualTo(Instant.parse("2024-01-02T04:04:05.5Z"));
        assertThat(ValueText.format(Instant.parse("2024-01-02T03:04:05.123456Z"))).isEqualTo("2024-01-02T03:04:05.123456Z");
        Instant t = Instant.parse("1969-12-31T23:59:59.999999Z");
        assertThat(ValueText.parse(ValueText.format(t), ColumnType.TIMESTAMP)).isEqualTo(t);
        assertThat(ValueText.tryParseTimestamp("2024-01-02T03:04:05+19:00")).isNull();
        assertThat(ValueText.tryParseDate("2023-02-29")).isNull();
    }

    @Test
    void parseRefusesTextOfAnotherType() {
        assertThatThrownBy(() -> ValueText.parse("maybe", ColumnType.BOOLEAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ValueText.parse("2024-02-30", ColumnType.DATE)).isInstanceOf(IllegalArgumentException.class);
    }
}
