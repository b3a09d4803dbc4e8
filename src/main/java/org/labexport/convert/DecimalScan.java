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

    /** Scans {@code s}; returns false if it is not a number in the grammar (the fields are then meaningless). */
    boolean scan(String s) {
        int len = s.length();
        if (len == 0) {
            return false;
        }
        int i = 0;
        negative = false;
        if (s.charAt(0) == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return false;
            }
        }
        int intStart = i;
        char c = s.charAt(i);
        if (c == '0') {
            i++;
        } else if (c >= '1' && c <= '9') {
            i++;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
            }
        } else {
            return false;
        }
        int intEnd = i;
        integerDigits = intEnd - intStart;
        int fracStart = -1;
        int fracEnd = -1;
        int exp = 0;
        integer = true;
        if (i < len && s.charAt(i) == '.') {
            integer = false;
            i++;
            fracStart = i;
            while (i < len && isDigit(s.charAt(i))) {
                i++;
            }
            fracEnd = i;
            if (fracEnd == fracStart) {
                return false;
            }
        }
        if (i < len && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integer = false;
            i++;
            boolean expNegative = false;
            if (i < len && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                expNegative = s.charAt(i) == '-';
                i++;
            }
            int expStart = i;
            while (i < len && isDigit(s.charAt(i))) {
                if (exp < EXPONENT_CLAMP) {
                    exp = exp * 10 + (s.charAt(i) - '0');
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
        digits(s, intStart, intEnd, fracStart, fracEnd, exp);
        return true;
    }

    private void digits(String s, int intStart, int intEnd, int fracStart, int fracEnd, int exp) {
        // Walk the integer digits then the fraction digits as one sequence; position p counts digits from the start.
        int first = -1;
        int last = -1;
        int p = 0;
        long m = 0;
        int kept = 0;
        for (int k = intStart; k < intEnd; k++, p++) {
            int d = s.charAt(k) - '0';
            if (d != 0) {
                if (first < 0) {
                    first = p;
                }
                last = p;
            }
        }
        if (fracStart >= 0) {
            for (int k = fracStart; k < fracEnd; k++, p++) {
                if (s.charAt(k) != '0') {
                    if (first < 0) {
                        first = p;
                    }
                    last = p;
                }
            }
        }
        if (first < 0) {
            zero = true;
            significantDigits = 0;
            mantissa = 0;
            exponent10 = 0;
            return;
        }
        zero = false;
        significantDigits = last - first + 1;
        p = 0;
        for (int k = intStart; k < intEnd; k++, p++) {
            if (p >= first && p <= last && kept < MAX_EXACT_DIGITS) {
                m = m * 10 + (s.charAt(k) - '0');
                kept++;
            }
        }
        if (fracStart >= 0) {
            for (int k = fracStart; k < fracEnd; k++, p++) {
                if (p >= first && p <= last && kept < MAX_EXACT_DIGITS) {
                    m = m * 10 + (s.charAt(k) - '0');
                    kept++;
                }
            }
        }
        mantissa = m;
        exponent10 = integerDigits - 1 - first + exp;
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

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
