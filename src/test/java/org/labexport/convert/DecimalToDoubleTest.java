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
        int asked = 0;
        int gaveUp = 0;
        for (int k = 0; k < 300_000; k++) {
            double d = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30));
            String text = Double.toString(Math.abs(d));
            java.math.BigDecimal exact = new java.math.BigDecimal(text).stripTrailingZeros();
            if (exact.signum() == 0 || exact.precision() > 18) {
                continue;
            }
            long w = exact.unscaledValue().longValueExact();
            double quick = DecimalToDouble.nearest(w, -exact.scale(), d < 0);
            asked++;
            if (Double.isNaN(quick)) {
                gaveUp++;
            } else {
                assertEquals(d < 0 ? -Math.abs(d) : Math.abs(d), quick, text);
            }
        }
        // With the first product alone about one in 700 of these went to the full parse (over 400 here); the
        // second product leaves only exact ties, and no double's shortest text is one.
        assertTrue(asked > 250_000, "asked " + asked);
        assertEquals(0, gaveUp, "gave up on " + gaveUp + " of " + asked);
    }

    @Test
    void doublesWrittenOutExactlyAreAnsweredAndTiesAreRight() {
        SplittableRandom random = new SplittableRandom(42);
        int exactAsked = 0;
        int exactAnswered = 0;
        int ties = 0;
        for (int k = 0; k < 400_000; k++) {
            double d = Math.scalb(1 + random.nextDouble(), random.nextInt(-12, 64));
            java.math.BigDecimal exact = new java.math.BigDecimal(d);
            java.math.BigDecimal tie = exact.add(new java.math.BigDecimal(Math.ulp(d)).divide(java.math.BigDecimal.valueOf(2)));
            for (java.math.BigDecimal value : new java.math.BigDecimal[] {exact, tie}) {
                java.math.BigDecimal v = value.stripTrailingZeros();
                java.math.BigInteger digits = v.unscaledValue();
                if (digits.bitLength() > 64 || v.scale() > -DecimalToDouble.MIN_Q) {
                    continue;
                }
                long w = digits.longValue();
                assertSameAsParse(w, -v.scale(), false);
                if (value == exact) {
                    exactAsked++;
                    if (!Double.isNaN(DecimalToDouble.nearest(w, -v.scale(), false))) {
                        exactAnswered++;
                    }
                } else {
                    ties++;
                }
            }
        }
        // A truncated power of five leaves the product of an exact value just below a boundary; those are answered.
        assertTrue(exactAsked > 50_000 && ties > 20_000, exactAsked + " exact, " + ties + " ties");
        assertEquals(exactAsked, exactAnswered);
    }

    @Test
    void valuesWhoseFirstProductCannotDecideAreAnsweredByTheSecond() {
        // Taken from the benchmark's table, where the first 64-bit product alone left these to the full parse.
        String[] texts = {"0.3889268121455874", "0.5985357176753274", "3.975026625202829E-6", "487.73217404361435",
            "11.698549862379787", "0.3621624904247637", "0.23681216338770536", "-0.8677558533648215",
            "-0.5044016453349911"};
        for (String text : texts) {
            java.math.BigDecimal exact = new java.math.BigDecimal(text).stripTrailingZeros();
            double quick = DecimalToDouble.nearest(exact.unscaledValue().abs().longValueExact(), -exact.scale(),
                    exact.signum() < 0);
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(quick),
                    text);
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
