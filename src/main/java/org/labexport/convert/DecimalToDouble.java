package org.labexport.convert;

import java.math.BigInteger;

/**
 * The double nearest to {@code w x 10^q}, from the digits a scan already holds, without parsing the text again
 * (the Eisel-Lemire method: one 64x64-bit product with a truncated power of five). Where the truncation could
 * change the rounding, near a tie, or outside the range of normal doubles it gives up ({@link Double#NaN}) and the
 * caller parses the text in full, so every answer it does give is the correctly rounded one. The proof of that is a
 * differential test against {@link Double#parseDouble} (DecimalToDoubleTest).
 */
final class DecimalToDouble {
    static final int MIN_Q = -342;
    static final int MAX_Q = 308;

    /**
     * The top 64 bits of 5^q scaled into [2^127, 2^128), rounded down, and floor(log2(5^q)); made on first use (a
     * table needs a handful of exponents), immutable so that threads racing to fill an entry each see a whole one.
     */
    private record Pow5(long hi, int log2) {
        static Pow5 of(int q) {
            if (q >= 0) {
                BigInteger p = BigInteger.valueOf(5).pow(q);
                int bits = p.bitLength();
                BigInteger top = bits >= 64 ? p.shiftRight(bits - 64) : p.shiftLeft(64 - bits);
                return new Pow5(top.longValue(), bits - 1);
            }
            BigInteger p = BigInteger.valueOf(5).pow(-q);
            int bits = p.bitLength(); // 2^(bits-1) < 5^-q < 2^bits: 5^-q is never a power of two
            BigInteger scaled = BigInteger.ONE.shiftLeft(127 + bits).divide(p); // in [2^127, 2^128)
            return new Pow5(scaled.shiftRight(64).longValue(), -bits);
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
        // The true product lies in [hi:lo, hi:lo + m): the dropped low bits of 5^q add less than m to lo. If that
        // can carry into the bits that decide the rounding, the answer is not known here.
        if ((hi & 0x1FF) == 0x1FF && Long.compareUnsigned(lo + m, lo) < 0) {
            return Double.NaN;
        }
        int msb = (int) (hi >>> 63);
        long mantissa = hi >>> (msb + 9); // 54 bits: the 53 kept and the rounding bit
        // Exactly halfway between two doubles, to be rounded to even: the truncated product cannot tell.
        if (lo == 0 && (hi & 0x1FF) == 0 && (mantissa & 3) == 1) {
            return Double.NaN;
        }
        // w x 5^q x 2^q with w = m x 2^-clz and 5^q = (hi part) x 2^(log2 - 127): the exponent of the top bit.
        int exponent = 64 + pow.log2() + q - clz + 1023 - (1 ^ msb);
        mantissa += mantissa & 1;
        mantissa >>>= 1;
        if ((mantissa >>> 53) != 0) {
            mantissa >>>= 1;
            exponent++;
        }
        if (exponent <= 0 || exponent >= 0x7FF) {
            return Double.NaN; // subnormal, zero or infinite: left to the full parse
        }
        long bits = ((long) exponent << 52) | (mantissa & 0x000F_FFFF_FFFF_FFFFL);
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
