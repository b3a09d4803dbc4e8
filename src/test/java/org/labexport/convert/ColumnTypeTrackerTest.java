package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ColumnTypeTrackerTest {

    private static ColumnType typeOf(String... values) {
        ColumnTypeTracker t = new ColumnTypeTracker();
        for (String v : values) {
            t.accept(v);
        }
        return t.result();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "0|LONG", "-1|LONG", "42|LONG",
            "9223372036854775807|LONG", "-9223372036854775808|LONG",
            "9223372036854775808|STRING", "-9223372036854775809|STRING", "12345678901234567890|STRING",
            "0001234|STRING", "01|STRING", "+5|STRING", "-0|DOUBLE", "00|STRING",
            "1.5|DOUBLE", "1e-300|DOUBLE", "5e-324|DOUBLE", "4.9E-324|DOUBLE", "-0.0|DOUBLE", "1.7976931348623157E308|DOUBLE",
            "1e400|STRING", "1e-400|STRING", "2e-324|STRING", "1.0E10|DOUBLE", "1e+10|DOUBLE",
            "0.1|DOUBLE", "0.30000000000000004|DOUBLE", "0.10000000000000001|DOUBLE",
            "0.10000000000000004|STRING", "1.000000000000000000001|STRING", "3.141592653589793238|STRING",
            "9007199254740993.0|STRING", ".5|STRING", "5.|STRING", "1e|STRING", "-|STRING", "1.2.3|STRING",
            "NaN|DOUBLE", "nan|DOUBLE", "Inf|DOUBLE", "-Inf|DOUBLE", "INF|DOUBLE", "Infinity|DOUBLE", "-infinity|DOUBLE",
            "+Inf|STRING", "-NaN|STRING",
            "TRUE|BOOLEAN", "false|BOOLEAN", "True|BOOLEAN", "yes|STRING", "'1 '|STRING",
            "2024-02-29|DATE", "2023-02-29|STRING", "2024-13-01|STRING", "2024-1-01|STRING",
            "2024-01-02T03:04:05|TIMESTAMP", "2024-01-02 03:04:05|TIMESTAMP", "2024-01-02T03:04:05Z|TIMESTAMP",
            "2024-01-02T03:04:05.123456+01:00|TIMESTAMP", "2024-01-02T03:04:05.1-0530|TIMESTAMP",
            "2024-01-02T03:04:05.1234567Z|STRING", "2024-01-02T24:00:00|STRING", "2024-01-02T03:04|STRING",
            "MARCH1|STRING", "SEPT2|STRING", "Grüße|STRING"
    })
    void singleValueDecidesType(String value, ColumnType expected) {
        assertThat(typeOf(value)).isEqualTo(expected);
    }

    @Test
    void integersAndDecimalsTogetherAreDouble() {
        assertThat(typeOf("1", "2.5", "-3")).isEqualTo(ColumnType.DOUBLE);
        assertThat(typeOf("1", "NaN")).isEqualTo(ColumnType.DOUBLE);
    }

    @Test
    void nineteenDigitIntegerWithDecimalsIsText() {
        assertThat(typeOf("1234567890123456789", "1.5")).isEqualTo(ColumnType.STRING);
        assertThat(typeOf("1234567890123456789", "7")).isEqualTo(ColumnType.LONG);
    }

    @Test
    void oneTextValueAfterFiftyThousandNumbersMakesText() {
        ColumnTypeTracker t = new ColumnTypeTracker();
        for (int i = 0; i < 50_000; i++) {
            t.accept(Integer.toString(i));
        }
        assertThat(t.result()).isEqualTo(ColumnType.LONG);
        t.accept("gene_x");
        assertThat(t.result()).isEqualTo(ColumnType.STRING);
        assertThat(t.isText()).isTrue();
    }

    @Test
    void emptyColumnIsText() {
        assertThat(new ColumnTypeTracker().result()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void mixedTypesAreText() {
        assertThat(typeOf("true", "1")).isEqualTo(ColumnType.STRING);
        assertThat(typeOf("2024-01-01", "2024-01-01T00:00:00Z")).isEqualTo(ColumnType.STRING);
        assertThat(typeOf("2024-01-01", "2024-01-02")).isEqualTo(ColumnType.DATE);
        assertThat(typeOf("TRUE", "false", "False")).isEqualTo(ColumnType.BOOLEAN);
    }

    @Test
    void typedSourceStringsAreNeverNumbersOrBooleans() {
        ColumnTypeTracker t = new ColumnTypeTracker();
        t.acceptString("123");
        assertThat(t.result()).isEqualTo(ColumnType.STRING);

        ColumnTypeTracker b = new ColumnTypeTracker();
        b.acceptString("true");
        assertThat(b.result()).isEqualTo(ColumnType.STRING);

        ColumnTypeTracker d = new ColumnTypeTracker();
        d.acceptNumber("1.5");
        d.acceptString("NaN");
        d.acceptString("-Inf");
        assertThat(d.result()).isEqualTo(ColumnType.DOUBLE);

        ColumnTypeTracker date = new ColumnTypeTracker();
        date.acceptString("2024-05-06");
        assertThat(date.result()).isEqualTo(ColumnType.DATE);

        ColumnTypeTracker bool = new ColumnTypeTracker();
        bool.acceptBoolean();
        bool.acceptBoolean();
        assertThat(bool.result()).isEqualTo(ColumnType.BOOLEAN);
        bool.acceptNumber("1");
        assertThat(bool.result()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void mergeCombinesWhatBothSaw() {
        ColumnTypeTracker a = new ColumnTypeTracker();
        a.accept("1");
        ColumnTypeTracker b = new ColumnTypeTracker();
        b.accept("2.5");
        a.merge(b);
        assertThat(a.result()).isEqualTo(ColumnType.DOUBLE);
        ColumnTypeTracker empty = new ColumnTypeTracker();
        empty.merge(new ColumnTypeTracker());
        assertThat(empty.result()).isEqualTo(ColumnType.STRING);
    }

    @Test
    void everyShortestDoubleTextIsAcceptedAndExact() {
        java.util.Random random = new java.util.Random(7);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                texts.add(ValueText.formatDouble(d));
            }
        }
        for (String s : texts) {
            assertThat(typeOf(s)).as(s).isEqualTo(ColumnType.DOUBLE);
        }
    }
}
