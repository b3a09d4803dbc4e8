package org.labexport.convert;

import java.math.BigInteger;

/**
 * The double nearest to {@code w x 10^q}, from the digits a scan already holds, without parsing the text again
 * (the Eisel-Lemire method: a 64x64-bit product with the top of a truncated power of five, and a second one with its
 * next 64 bits where the first cannot decide the rounding). Where even both could be wrong, at an exact tie or
 * outside the range of normal doubles it gives up ({@link Double#NaN}) and the caller parses the text in full, so
 * every answer it does give is the correctly rounded one. The proof of that is a differential test against
 * {@link Double#parseDouble} (DecimalToDoubleTest).
 *
 * <p>The second product is why measured values almost never reach the full parse: with the first alone, about one
 * 17-digit value in 700 did (16,000 of the benchmark's 12 million), enough for the JIT to compile the JDK's slow
 * big-integer parser on every export (docs/decisions/0136).
 */
final class DecimalToDouble {
    static final int MIN_Q = -342;
    static final int MAX_Q = 308;

    /**
     * 5^q scaled into [2^127, 2^128) and rounded down, as its top and bottom 64 bits, floor(log2(5^q)) and how many
     * units of the product's second word the truncation can cost (0 where 5^q fits in 64 bits, 1 where it fits in
     * 128, else 2); made on first use (a table needs a handful of exponents), immutable so that threads racing to
     * fill an entry each see a whole one.
     */
    private record Pow5(long hi, long lo, int log2, int slack) {
        static Pow5 of(int q) {
            if (q >= 0) {
                BigInteger p = BigInteger.valueOf(5).pow(q);
                int bits = p.bitLength();
                BigInteger top = bits >= 128 ? p.shiftRight(bits - 128) : p.shiftLeft(128 - bits);
                int slack = bits <= 64 ? 0 : bits <= 128 ? 1 : 2;
                return new Pow5(top.shiftRight(64).longValue(), top.longValue(), bits - 1, slack);
            }
            BigInteger p = BigInteger.valueOf(5).pow(-q);
            int bits = p.bitLength(); // 2^(bits-1) < 5^-q < 2^bits: 5^-q is never a power of two
            BigInteger scaled = BigInteger.ONE.shiftLeft(127 + bits).divide(p); // in [2^127, 2^128)
            return new Pow5(scaled.shiftRight(64).longValue(), scaled.longValue(), -bits, 2);
        }
    }

    private static final Pow5[] POW5 = new Pow5[MAX_Q - MIN_Q + 1];

    private DecimalToDouble() {
    }

    /**
     * The double nearest to {@code w x 10^q} ({@code w} taken as unsigned, non-zero), negated if asked, or NaN
     * where this quick method cannot be sure (the caller then parses the text).
     */
    static double nearest(long w, int q, boolean negative) {
        if (w == 0 || q < MIN_Q || q > MAX_Q) {
            return Double.NaN;
        }
        Pow5 pow = POW5[q - MIN_Q];
        if (pow == null) {
            pow = Pow5.of(q);
            POW5[q - MIN_Q] = pow;
        }
        int clz = Long.numberOfLeadingZeros(w);
        long m = w << clz;
        long hi = unsignedMultiplyHigh(m, pow.hi());
        long lo = m * pow.hi();
        // w x 5^q x 2^q with w = m x 2^-clz and 5^q = (hi part) x 2^(log2 - 127): the exponent of the top bit, when
        // it is bit 62 of hi (one more when it is bit 63).
        int exponent = 64 + pow.log2() + q - clz + 1023 - 1;
        // The true product lies in [hi:lo, hi:lo + m): the dropped low bits of 5^q add less than m to lo. If that
        // can carry into the bits that decide the rounding, take the next 64 bits of 5^q into the product.
        if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + m, lo) < 0) {
            long next = unsignedMultiplyHigh(m, pow.lo());
            long sum = lo + next;
            if (Long.compareUnsigned(sum, lo) < 0) {
                hi++;
            }
            lo = sum;
            // Now the true product lies in [hi:lo, hi:lo + slack): the dropped low half of m x lo(5^q) and the bits
            // of 5^q below those 128 add less than one unit each. Where that can still carry into hi, the answer is
            // known only if hi and hi + 1 round to the same double. They do for every value a double holds
            // exactly, whose product the truncated power leaves just below a whole number of units.
            if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + pow.slack(), lo) < 0) {
                if (hi == -1L) {
                    return Double.NaN;
                }
                double below = rounded(hi, lo, exponent, negative);
                double above = rounded(hi + 1, 0, exponent, negative);
                return Double.doubleToRawLongBits(below) == Double.doubleToRawLongBits(above) ? below : Double.NaN;
            }
        }
        return rounded(hi, lo, exponent, negative);
    }

    /**
     * The double of the product whose top 128 bits are {@code hi:lo}, rounded to nearest, with {@code exponent} the
     * biased exponent of bit 62 of hi; NaN at an exact tie (the truncated product cannot tell it from a value just
     * above) and outside the normal doubles.
     */
    private static double rounded(long hi, long lo, int exponent, boolean negative) {
        int msb = (int) (hi >>> 63);
        int dropped = msb + 9;
        long mantissa = hi >>> dropped; // 54 bits: the 53 kept and the rounding bit
        if (lo == 0 && (hi & ((1L << dropped) - 1)) == 0 && (mantissa & 3) == 1) {
            return Double.NaN;
        }
        int e = exponent + msb;
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if ((mantissa >>> 53) != 0) {
            mantissa >>>= 1;
            e++;
        }
        if (e <= 0 || e >= 0x7FF) {
            return Double.NaN; // subnormal, zero or infinite: left to the full parse
        }
        long bits = ((long) e << 52) | (mantissa & 0x000F_FFFF_FFFF_FFFFL);
        if (negative) {
            bits |= Long.MIN_VALUE;
        }
        return Double.longBitsToDouble(bits);
    }

    /** The high 64 bits of the unsigned 128-bit product (Math.unsignedMultiplyHigh is Java 18). */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
