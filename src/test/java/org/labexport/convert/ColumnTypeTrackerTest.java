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

    /** The type of one value given as characters in the middle of a larger array, as the CSV reader gives them. */
    private static ColumnType typeOfChars(String value) {
        char[] a = ("x9," + value + ",1").toCharArray();
        ColumnTypeTracker t = new ColumnTypeTracker();
        t.accept(a, 3, value.length());
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
            "MARCH1|STRING", "SEPT2|STRING", "Grüße|STRING", "falſe|STRING", "tRuE|BOOLEAN", "truE1|STRING"
    })
    void singleValueDecidesType(String value, ColumnType expected) {
        assertThat(typeOf(value)).isEqualTo(expected);
        assertThat(typeOfChars(value)).isEqualTo(expected);
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

    @Test
    void fastExactnessCheckAgreesWithBigDecimalOnRandomLongDecimals() {
        java.util.Random random = new java.util.Random(11);
        DecimalScan scan = new DecimalScan();
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            int digits = 15 + random.nextInt(3);
            StringBuilder m = new StringBuilder();
            m.append((char) ('1' + random.nextInt(9)));
            for (int k = 1; k < digits; k++) {
                m.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                // a printed double: its 17-digit or shortest text, the common case in real files
                double d = Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL);
                String text = random.nextBoolean() ? ValueText.formatDouble(d)
                        : new java.math.BigDecimal(d).round(new java.math.MathContext(digits)).toString();
                check(scan, text);
            }
            String text = m.charAt(0) + "." + m.substring(1) + "e" + (random.nextInt(600) - 300);
            if (check(scan, text)) {
                accepted++;
            }
        }
        assertThat(accepted).isGreaterThan(1000);
    }

    private static boolean check(DecimalScan scan, String text) {
        assertThat(scan.scan(text)).as(text).isTrue();
        boolean fast = scan.isExactDouble();
        java.math.BigDecimal exact = new java.math.BigDecimal(text);
        double d = Double.parseDouble(text);
        boolean reference = !Double.isInfinite(d) && d != 0.0 && scan.significantDigits <= 17
                && new java.math.BigDecimal(d).round(new java.math.MathContext(scan.significantDigits, java.math.RoundingMode.HALF_EVEN))
                .compareTo(exact) == 0;
        assertThat(fast).as(text).isEqualTo(reference);
        if (fast) {
            assertThat(scan.value()).as(text).isEqualTo(d);
        }
        return fast;
    }

    @Test
    void acceptAsGivesExactlyWhatParsingGivesAndNullOnceTheTypeNoLongerFits() {
        java.util.Random random = new java.util.Random(7);
        List<String> texts = new ArrayList<>(List.of("0", "-0", "0.0", "-0.0", "0e5", "1", "-1", "1.5", "1e22", "1e23",
                "123456789012345", "1234567890123456", "12345678901234567", "0.1", "0.30000000000000004", "5e-324",
                "4.9E-324", "1.7976931348623157E308", "1e-22", "3e-23", "9007199254740993", "NaN", "-Inf", "Infinity",
                "2.2250738585072014E-308", "123.456e-10", "100000000000000000000"));
        for (int i = 0; i < 20_000; i++) {
            double d = switch (i % 4) {
                case 0 -> random.nextDouble();
                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1e3;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (Double.isFinite(d)) {
                texts.add(Double.toString(d));
                texts.add(String.format(java.util.Locale.ROOT, "%.6g", d).replace("+", ""));
            }
        }
        for (String text : texts) {
            ColumnTypeTracker t = new ColumnTypeTracker();
            Object value = t.acceptAs(text, ColumnType.DOUBLE);
            ColumnTypeTracker reference = new ColumnTypeTracker();
            reference.accept(text);
            if (reference.allows(ColumnType.DOUBLE)) {
                assertThat(value).as(text).isInstanceOf(Double.class);
                assertThat(Double.doubleToRawLongBits((Double) value)).as(text)
                        .isEqualTo(Double.doubleToRawLongBits((Double) ValueText.parse(text, ColumnType.DOUBLE)));
            } else {
                assertThat(value).as(text).isNull();
            }
            char[] chars = ("1," + text + ",x").toCharArray();
            Object fromChars = new ColumnTypeTracker().acceptAs(chars, 2, text.length(), ColumnType.DOUBLE);
            assertThat(fromChars).as(text).isEqualTo(value);
        }
        char[] flags = "TRUE,false,maybe".toCharArray();
        ColumnTypeTracker booleans = new ColumnTypeTracker();
        assertThat(booleans.acceptAs(flags, 0, 4, ColumnType.BOOLEAN)).isEqualTo(true);
        assertThat(booleans.acceptAs(flags, 5, 5, ColumnType.BOOLEAN)).isEqualTo(false);
        assertThat(booleans.acceptAs(flags, 11, 5, ColumnType.BOOLEAN)).isNull();
        ColumnTypeTracker unboxed = new ColumnTypeTracker();
        assertThat(unboxed.acceptBoolean(flags, 0, 4)).isEqualTo(1);
        assertThat(unboxed.acceptBoolean(flags, 5, 5)).isEqualTo(0);
        assertThat(unboxed.acceptBoolean("True".toCharArray(), 0, 4)).isEqualTo(1);
        assertThat(unboxed.acceptBoolean(flags, 11, 5)).isEqualTo(-1);
        assertThat(unboxed.acceptBoolean(flags, 0, 4)).as("once the column is text").isEqualTo(-1);
        assertThat(new ColumnTypeTracker().acceptAs(flags, 5, 5, ColumnType.STRING)).isEqualTo("false");
        ColumnTypeTracker longs = new ColumnTypeTracker();
        assertThat(longs.acceptAs("42", ColumnType.LONG)).isEqualTo(42L);
        assertThat(longs.acceptAs("2.5", ColumnType.LONG)).isNull();
        assertThat(longs.result()).isEqualTo(ColumnType.DOUBLE);
        ColumnTypeTracker text = new ColumnTypeTracker();
        assertThat(text.acceptAs("7", ColumnType.STRING)).isEqualTo("7");
        assertThat(text.result()).isEqualTo(ColumnType.LONG);
    }
}
