package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A differential test of {@link CanonicalNumberText} against {@link ValueText}: every text it calls canonical must be
 * exactly what formatting its value prints, and it must recognise almost all of what formatting prints.
 */
class CanonicalNumberTextTest {
    private static boolean isCanonical(String t) {
        byte[] a = ("xx" + t + "yy").getBytes(StandardCharsets.US_ASCII);
        return CanonicalNumberText.isCanonicalDouble(a, 2, t.length());
    }

    private static boolean isCanonicalLong(String t) {
        byte[] a = ("x" + t + "y").getBytes(StandardCharsets.US_ASCII);
        return CanonicalNumberText.isCanonicalSmallLong(a, 1, t.length());
    }

    /** The claim the reader relies on: canonical text prints back as itself. */
    private void assertSoundOn(String t) {
        if (isCanonical(t)) {
            assertThat(ValueText.formatDouble(Double.parseDouble(t))).as(t).isEqualTo(t);
        }
    }

    /** The kinds of {@link #randomDouble} that look like measured data: not beyond 1e280, not subnormal. */
    private static final int[] DATA_LIKE = {1, 2, 3, 5};

    private static double randomDouble(SplittableRandom r, boolean dataLike) {
        return switch (dataLike ? DATA_LIKE[r.nextInt(DATA_LIKE.length)] : r.nextInt(6)) {
            case 0 -> Double.longBitsToDouble(r.nextLong()); // any bit pattern: every exponent, NaN, subnormals
            case 1 -> r.nextDouble();
            case 2 -> Math.exp(r.nextDouble() * 12.0) * (r.nextBoolean() ? 1 : -1);
            case 3 -> r.nextGaussian() * 1.5 / (0.05 + r.nextDouble() * 0.6);
            case 4 -> Math.scalb(1.0, r.nextInt(-1070, 1024)) * (r.nextBoolean() ? 1 : Math.nextUp(1.0));
            default -> Math.round(r.nextDouble() * 1e6) / Math.pow(10, r.nextInt(0, 9));
        };
    }

    @Test
    void recognisesWhatFormattingPrintsAndNothingItDoesNot() {
        SplittableRandom r = new SplittableRandom(26_0126L);
        int finite = 0;
        int recognised = 0;
        for (int i = 0; i < 150_000; i++) {
            boolean dataLike = (i & 1) == 0;
            double d = randomDouble(r, dataLike);
            String t = ValueText.formatDouble(d);
            if (dataLike) {
                finite++;
                if (isCanonical(t)) {
                    recognised++;
                }
            } else if (!Double.isFinite(d)) {
                assertThat(isCanonical(t)).as(t).isFalse();
            }
            assertSoundOn(t);
            for (String near : neighbours(t, r)) {
                assertSoundOn(near);
            }
        }
        // Too close to call happens, but rarely within the range of measured data (beyond 1e280, or in subnormals,
        // the double-double arithmetic runs out and every answer is no): the fast path must pay off.
        assertThat(recognised).isGreaterThan((int) (finite * 0.99));
    }

    /** Texts close to canonical text: one digit more, less or changed, other layouts, zeros added. */
    private static List<String> neighbours(String t, SplittableRandom r) {
        List<String> out = new ArrayList<>();
        int e = t.indexOf('E');
        String mantissa = e < 0 ? t : t.substring(0, e);
        String exponent = e < 0 ? "" : t.substring(e);
        out.add(mantissa + r.nextInt(10) + exponent);
        out.add(mantissa + "0" + exponent);
        if (mantissa.length() > 3) {
            out.add(mantissa.substring(0, mantissa.length() - 1) + exponent);
            char last = mantissa.charAt(mantissa.length() - 1);
            if (last > '0' && last < '9') {
                String base = mantissa.substring(0, mantissa.length() - 1);
                out.add(base + (char) (last + 1) + exponent);
                out.add(base + (char) (last - 1) + exponent);
            }
        }
        out.add(t.toLowerCase(java.util.Locale.ROOT));
        out.add(t.replace("E", "E+"));
        out.add("0" + t);
        out.add(t.replace(".0E", "E"));
        if (!t.startsWith("-")) {
            out.add("+" + t);
        }
        out.add(new java.math.BigDecimal(t.replace("Inf", "1").replace("NaN", "1")).toPlainString());
        out.add(new java.math.BigDecimal(t.replace("Inf", "1").replace("NaN", "1")).toString());
        // Random digits of every length at a random exponent.
        StringBuilder digits = new StringBuilder().append((char) ('1' + r.nextInt(9)));
        int n = r.nextInt(1, 20);
        for (int k = 1; k < n; k++) {
            digits.append((char) ('0' + r.nextInt(10)));
        }
        String ds = digits.toString();
        int x = r.nextInt(-330, 320);
        out.add(ds.charAt(0) + "." + (ds.length() > 1 ? ds.substring(1) : "0") + "E" + x);
        int point = r.nextInt(1, ds.length() + 1);
        out.add(ds.substring(0, point) + "." + (point < ds.length() ? ds.substring(point) : "0"));
        out.add("0.00" + ds);
        return out;
    }

    @Test
    void knowsTheLayoutBoundariesAndSpecialValues() {
        for (String t : new String[] {"0.0", "-0.0", "1.0", "-1.0", "0.001", "9.99E-4", "9999999.0", "1.0E7",
            "1.0E-5", "4.9E-324", "1500.0", "1.5E7", "0.05", "0.0050", "120.0", "1.20E8", "1.7976931348623157E308", "2.2250738585072014E-308", "0.1", "0.30000000000000004",
            "123.456", "1.0E22", "1.0E23", "9.007199254740993E15", "5.0E-324"}) {
            assertSoundOn(t);
        }
        assertThat(isCanonical("0.0")).isTrue();
        assertThat(isCanonical("-0.0")).isTrue();
        assertThat(isCanonical("1.0E7")).isTrue();
        assertThat(isCanonical("0.001")).isTrue();
        assertThat(isCanonical("0.30000000000000004")).isTrue();
        for (String t : new String[] {"0", "1", "-0", "1.", ".5", "1.50", "01.5", "1e7", "1.0E+7", "1.0E07",
            "10000000.0", "1.0E6", "0.0001", "0.10000000000000001", "1.7976931348623159E308", "1.0E400", "NaN",
            "Inf", "-Inf", "", "-", "1.0E", "1.0E-", "4.9E-324", "2.0E-323", "1.0E-310"}) {
            assertThat(isCanonical(t)).as(t).isFalse();
        }
    }

    @Test
    void acceptsOnlyWholeNumbersAsLongPrintsThem() {
        for (String t : new String[] {"0", "7", "-7", "123456789012345", "-123456789012345"}) {
            assertThat(isCanonicalLong(t)).as(t).isTrue();
            assertThat(Long.toString((long) Double.parseDouble(t))).isEqualTo(t);
        }
        for (String t : new String[] {"", "-", "-0", "00", "07", "1.0", "1e3", "1234567890123456", "+1", " 1"}) {
            assertThat(isCanonicalLong(t)).as(t).isFalse();
        }
    }
}
