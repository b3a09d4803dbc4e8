package org.labexport.convert;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A reusable scanner for number text in the JSON number grammar {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?},
 * without regular expressions or exceptions. After {@link #scan} it holds the significant digits, the decimal exponent
 * of the first significant digit and whether the text is a plain integer. Not thread-safe: one per tracker.
 */
final class DecimalScan {
    /** At most this many significant digits are kept exactly in {@link #mantissa}. */
    private static final int MAX_EXACT_DIGITS = 18;
    private static final int EXPONENT_CLAMP = 100_000;

    boolean negative;
    /** No fraction and no exponent. */
    boolean integer;
    /** Digits of the integer part (for plain integers, the number of digits). */
    int integerDigits;
    /** Every digit is zero. */
    boolean zero;
    /** Significant digits: from the first to the last non-zero digit. */
    int significantDigits;
    /** The significant digits as a number, exact when {@code significantDigits <= 18}. */
    long mantissa;
    /** The value is {@code 0.d1d2d3... x 10^(exponent10 + 1)}, that is d1 sits at 10^exponent10. */
    int exponent10;

    /** Scans {@code s} in one pass; returns false if it is not a number in the grammar (the fields are then meaningless). */
    boolean scan(String s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        int i = 0;
        boolean neg = false;
        char c = s.charAt(0);
        if (c == '-') {
            neg = true;
            if (len == 1) {
                return false;
            }
            c = s.charAt(1);
            i = 1;
        }
        // Digits are numbered by position p over the integer and fraction digits together.
        int p = 0;
        int first = -1;
        int last = -1;
        long m = 0;
        long mAtLast = 0;
        if (c == '0') {
            i++;
            p = 1;
        } else if (c >= '1' && c <= '9') {
            first = 0;
            while (i < len) {
                c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                if (p - first < MAX_EXACT_DIGITS) {
                    m = m * 10 + (c - '0');
                }
                if (c != '0') {
                    last = p;
                    mAtLast = m;
                }
                i++;
                p++;
            }
        } else {
            return false;
        }
        int intDigits = p;
        boolean isInteger = true;
        if (i < len && s.charAt(i) == '.') {
            isInteger = false;
            i++;
            int fracStart = i;
            while (i < len) {
                c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                if (c != '0' && first < 0) {
                    first = p;
                }
                if (first >= 0 && p - first < MAX_EXACT_DIGITS) {
                    m = m * 10 + (c - '0');
                }
                if (c != '0') {
                    last = p;
                    mAtLast = m;
                }
                i++;
                p++;
            }
            if (i == fracStart) {
                return false;
            }
        }
        int exp = 0;
        if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            isInteger = false;
            i++;
            boolean expNegative = false;
            if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            int expStart = i;
            while (i < len) {
                c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                if (exp < EXPONENT_CLAMP) {
                    exp = exp * 10 + (c - '0');
                }
                i++;
            }
            if (i == expStart) {
                return false;
            }
            if (expNegative) {
                exp = -exp;
            }
        }
        if (i != len) {
            return false;
        }
        negative = neg;
        integer = isInteger;
        integerDigits = intDigits;
        if (first < 0) {
            zero = true;
            significantDigits = 0;
            mantissa = 0;
            exponent10 = 0;
        } else {
            zero = false;
            significantDigits = last - first + 1;
            // m counted digits past the last non-zero one only while under the cap; mAtLast is exact up to the cap.
            mantissa = significantDigits <= MAX_EXACT_DIGITS ? mAtLast : 0;
            exponent10 = intDigits - 1 - first + exp;
        }
        return true;
    }

    /** For a scanned plain integer: whether it is a canonical long (no "-0", within 64 bits). */
    boolean isCanonicalLong(String s) {
        if (!integer) {
            return false;
        }
        if (negative && zero) {
            return false;
        }
        if (integerDigits < 19) {
            return true;
        }
        if (integerDigits > 19) {
            return false;
        }
        String limit = negative ? "9223372036854775808" : "9223372036854775807";
        int offset = negative ? 1 : 0;
        for (int k = 0; k < 19; k++) {
            char a = s.charAt(offset + k);
            char b = limit.charAt(k);
            if (a != b) {
                return a < b;
            }
        }
        return true;
    }

    /**
     * For scanned number text: whether the double nearest to it keeps all of its information, that is the text is
     * exactly the {@code significantDigits}-digit rounding of that double. Text of more than 17 significant digits,
     * or that overflows to infinity or underflows to zero, never does.
     */
    boolean isExactDouble(String s, DecimalScan scratch) {
        if (zero) {
            return true;
        }
        int n = significantDigits;
        if (n <= 15 && exponent10 >= -307 && exponent10 <= 307) {
            // Any decimal of at most 15 significant digits survives a trip through a normal double (DBL_DIG = 15).
            return true;
        }
        if (n > 17) {
            return false;
        }
        double d = ValueText.parseFiniteDouble(s);
        if (Double.isInfinite(d) || d == 0.0) {
            return false;
        }
        String shortest = NumberOutput.toString(d, true);
        scratch.scan(shortest);
        if (scratch.significantDigits == n && scratch.mantissa == mantissa && scratch.exponent10 == exponent10) {
            return true;
        }
        // Not the shortest form: still exact if it is the n-digit rounding of d (as printf %.17g writes, or 5e-324
        // for the 4.9E-324 Java prints).
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(n, RoundingMode.HALF_EVEN));
        return rounded.compareTo(new BigDecimal(s)) == 0;
    }
}
