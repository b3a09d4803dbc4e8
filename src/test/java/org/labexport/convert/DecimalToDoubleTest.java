package org.labexport.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every double {@link DecimalToDouble} gives is the one {@link Double#parseDouble} gives for the same text. */
class DecimalToDoubleTest {

    private static void assertSameAsParse(long w, int q, boolean negative) {
        double quick = DecimalToDouble.nearest(w, q, negative);
        if (Double.isNaN(quick)) {
            return; // left to the full parse
        }
        String text = (negative ? "-" : "") + Long.toUnsignedString(w) + "E" + q;
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(quick), text);
    }

    @Test
    void randomDigitsAtEveryExponentGiveTheParsedDouble() {
        SplittableRandom random = new SplittableRandom(20261126);
        int answered = 0;
        int asked = 0;
        for (int q = DecimalToDouble.MIN_Q; q <= DecimalToDouble.MAX_Q; q++) {
            for (int k = 0; k < 1500; k++) {
                int digits = 1 + random.nextInt(18);
                long w = random.nextLong((long) Math.pow(10, digits - 1), (long) Math.pow(10, digits));
                assertSameAsParse(w, q, random.nextBoolean());
                asked++;
                if (!Double.isNaN(DecimalToDouble.nearest(w, q, false))) {
                    answered++;
                }
            }
        }
        // Giving up is only for the rare near-ties and the ends of the range; most values must be answered here.
        assertTrue(answered > asked * 0.9, answered + " of " + asked);
    }

    @Test
    void seventeenDigitValuesLikeMeasurementsGiveTheParsedDouble() {
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < 300_000; k++) {
            double d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30));
            String text = Double.toString(Math.abs(d));
            java.math.BigDecimal exact = new java.math.BigDecimal(text).stripTrailingZeros();
            if (exact.signum() == 0 || exact.precision() > 18) {
                continue;
            }
            long w = exact.unscaledValue().longValueExact();
            double quick = DecimalToDouble.nearest(w, -exact.scale(), d < 0);
            if (!Double.isNaN(quick)) {
                assertEquals(d < 0 ? -Math.abs(d) : Math.abs(d), quick, text);
            }
        }
    }

    @Test
    void tiesAndRangeEndsAreLeftToTheFullParseOrAnsweredRightly() {
        // 2^53 + 1 is exactly halfway between two doubles; 2^53 + 3 also, and rounds up to even.
        assertSameAsParse(9007199254740993L, 0, false);
        assertSameAsParse(9007199254740995L, 0, false);
        assertEquals(Double.NaN, DecimalToDouble.nearest(9007199254740993L, 0, false));
        // Largest and smallest normal doubles, and beyond.
        assertSameAsParse(17976931348623157L, 292, false);
        assertEquals(Double.NaN, DecimalToDouble.nearest(17976931348623159L, 292, false)); // overflows
        assertSameAsParse(22250738585072014L, -324, false);
        assertEquals(Double.NaN, DecimalToDouble.nearest(5, -324, false)); // subnormal
        assertEquals(Double.NaN, DecimalToDouble.nearest(1, 400, false));
        assertEquals(Double.NaN, DecimalToDouble.nearest(1, -400, false));
        assertEquals(Double.NaN, DecimalToDouble.nearest(0, 5, false));
        // Exact powers and simple values.
        assertEquals(1.0, DecimalToDouble.nearest(1, 0, false));
        assertEquals(-1e22, DecimalToDouble.nearest(1, 22, true));
        assertEquals(0.1, DecimalToDouble.nearest(1, -1, false));
        assertSameAsParse(1, 23, false); // 1e23 lies almost exactly halfway between two doubles
        assertEquals(4.905538226470036E-4, DecimalToDouble.nearest(4905538226470036L, -19, false));
        // The largest 18-digit mantissa at both ends of the exponent range.
        for (int q = DecimalToDouble.MIN_Q; q <= DecimalToDouble.MAX_Q; q++) {
            assertSameAsParse(999_999_999_999_999_999L, q, false);
            assertSameAsParse(100_000_000_000_000_000L, q, false);
            assertSameAsParse(1, q, false);
        }
    }
}
