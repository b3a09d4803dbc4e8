package org.labexport.convert;

/**
 * Tells, without parsing and printing, whether number text is already the canonical text {@link ValueText} writes
 * for its value, so that a reader can hand that text on instead of a double a writer would only print again
 * (docs/decisions/0126-excel-to-csv-without-reprinting-numbers.md). Answers false whenever it is not sure; a false
 * answer only costs the parse and print it would have saved.
 */
public final class CanonicalNumberText {
    private CanonicalNumberText() {
    }

    /**
     * Whether the ASCII text {@code a[off, off + len)} is exactly {@code ValueText.formatDouble(d)} for the double
     * {@code d} it reads as: Java's layout ({@code 0.001} to {@code 9999999.x} plain with at least one fraction digit
     * and no trailing zero, else {@code d.dddE-n}) and the shortest digits that read back to {@code d}. One pass over
     * the text; a double is only worked out for 16 and 17 significant digits.
     */
    public static boolean isCanonicalDouble(byte[] a, int off, int len) {
        int end = off + len;
        int p = off;
        if (p < end && a[p] == '-') {
            p++;
        }
        int intStart = p;
        while (p < end && isDigit(a[p])) {
            p++;
        }
        int intEnd = p;
        int intDigits = intEnd - intStart;
        if (intDigits == 0 || p >= end || a[p] != '.' || (intDigits > 1 && a[intStart] == '0')) {
            return false;
        }
        int fracStart = ++p;
        while (p < end && isDigit(a[p])) {
            p++;
        }
        int fracEnd = p;
        int fracDigits = fracEnd - fracStart;
        if (fracDigits == 0 || (fracDigits > 1 && a[fracEnd - 1] == '0')) {
            return false; // a trailing zero only in "x.0"
        }
        boolean leadingZero = a[intStart] == '0';
        // The significant digits run from first (in the integer part, or after the fraction's leading zeros) to last.
        int first;
        int exponent10;
        if (p < end) {
            // Computerized scientific notation: one digit 1-9, a fraction, E and an exponent outside -3..6.
            if (a[p] != 'E' || intDigits != 1 || leadingZero) {
                return false;
            }
            p++;
            boolean negativeExponent = p < end && a[p] == '-';
            if (negativeExponent) {
                p++;
            }
            int expStart = p;
            int exponent = 0;
            while (p < end && isDigit(a[p]) && p - expStart < 4) {
                exponent = exponent * 10 + (a[p] - '0');
                p++;
            }
            if (p == expStart || p != end || a[expStart] == '0') {
                return false;
            }
            exponent10 = negativeExponent ? -exponent : exponent;
            if (exponent10 >= -3 && exponent10 <= 6) {
                return false;
            }
            first = intStart;
        } else if (leadingZero) {
            first = fracStart;
            while (first < fracEnd && a[first] == '0') {
                first++;
            }
            if (first == fracEnd) {
                return fracDigits == 1; // 0.0 and -0.0
            }
            if (first - fracStart >= 3) {
                return false; // below 0.001: written in scientific notation
            }
            exponent10 = fracStart - first - 1;
        } else {
            if (intDigits > 7) {
                return false; // 10^7 and above: written in scientific notation
            }
            exponent10 = intDigits - 1;
            first = intStart;
        }
        long m;
        int n;
        if (fracDigits == 1 && a[fracStart] == '0') {
            // "x.0": the significant digits end in the integer part, whose zeros ("1500.0") do not count.
            int last = intEnd - 1;
            while (a[last] == '0') {
                last--;
            }
            n = last - first + 1;
            m = digits(a, first, last + 1);
        } else if (first >= fracStart) {
            n = fracEnd - first;
            if (n > 17) {
                return false;
            }
            m = digits(a, first, fracEnd);
        } else {
            n = intEnd - first + fracDigits;
            if (n > 17) {
                return false; // more digits than a double's shortest text has
            }
            m = digits(a, fracStart, fracEnd, digits(a, first, intEnd));
        }
        double x = n <= 15 ? Double.NaN : Math.abs(DecimalToDouble.nearest(m, exponent10 - n + 1, false));
        return DecimalScan.isShortestDigits(m, n, exponent10, x);
    }

    /** The digits {@code a[from, to)} as a number (at most 18 of them). */
    private static long digits(byte[] a, int from, int to) {
        return digits(a, from, to, 0);
    }

    /** {@code m} followed by the digits {@code a[from, to)}, four at a time (a chain through m a quarter as long). */
    private static long digits(byte[] a, int from, int to, long m) {
        int k = from;
        for (; k + 4 <= to; k += 4) {
            m = m * 10_000 + ((a[k] - '0') * 1000 + (a[k + 1] - '0') * 100 + (a[k + 2] - '0') * 10 + (a[k + 3] - '0'));
        }
        for (; k < to; k++) {
            m = m * 10 + (a[k] - '0');
        }
        return m;
    }

    /**
     * Whether the ASCII text {@code a[off, off + len)} is exactly {@code Long.toString(v)} for a whole number
     * {@code v} of at most 15 digits (so a double holds it exactly): no leading zero, no {@code -0}.
     */
    public static boolean isCanonicalSmallLong(byte[] a, int off, int len) {
        int p = off;
        int end = off + len;
        if (p < end && a[p] == '-') {
            p++;
        }
        int digits = end - p;
        if (digits < 1 || digits > 15 || (a[p] == '0' && (digits > 1 || p > off))) {
            return false;
        }
        for (; p < end; p++) {
            if (!isDigit(a[p])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
