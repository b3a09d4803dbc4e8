package org.labexport.convert;

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
    private static final int POW10_BIAS = 330;
    /** 10^(i - 330), within a relative error far below the 1% margin it is used with. */
    private static final double[] POW10 = new double[330 + 309];

    static {
        // Math.pow is within an ulp, and cheap at class initialisation (parsing 639 strings was not).
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = Math.pow(10, i - POW10_BIAS);
        }
    }

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

    /** The last scanned text: {@code text[offset, offset + length)}, and as a String if {@link #known} is set. */
    private char[] text;
    private int offset;
    private int length;
    private String known;
    /** Where a String is copied to for scanning (a String's own characters cannot be reached without a copy). */
    private final char[] own = new char[64];

    /** The double {@link #isExactDouble} parsed for the last scanned text, if {@link #hasParsed}. */
    private double parsed;
    private boolean hasParsed;
    /** 10^i for i in 0..22: exactly representable, so one multiplication or division by them rounds correctly. */
    private static final double[] EXACT_POW10 = new double[23];

    static {
        double p = 1.0;
        for (int i = 0; i < EXACT_POW10.length; i++) {
            EXACT_POW10[i] = p;
            p *= 10.0;
        }
    }

    /** Scans {@code s} in one pass; returns false if it is not a number in the grammar (the fields are then meaningless). */
    boolean scan(String s) {
        int len = s.length();
        char[] chars = len <= own.length ? own : new char[len];
        s.getChars(0, len, chars, 0);
        return scan(chars, 0, len, s);
    }

    /**
     * Scans the text {@code a[off, off + len)} in one pass, as {@link #scan(String)}; {@code known} is that text as a
     * String if the caller has one (else it is made only if a rare case needs it).
     */
    boolean scan(char[] a, int off, int len, String known) {
        hasParsed = false;
        this.text = a;
        this.offset = off;
        this.length = len;
        this.known = known;
        if (len == 0) {
            return false;
        }
        // First only find where the parts are, in loops without data-dependent branches; then take the digits.
        int end = off + len;
        int i = off;
        boolean neg = a[i] == '-';
        if (neg) {
            i++;
        }
        int intStart = i;
        while (i < end && isDigit(a[i])) {
            i++;
        }
        int intDigits = i - intStart;
        if (intDigits == 0 || (intDigits > 1 && a[intStart] == '0')) {
            return false; // no digits, or a leading zero
        }
        boolean isInteger = true;
        int fracStart = i;
        int fracDigits = 0;
        if (i < end && a[i] == '.') {
            isInteger = false;
            fracStart = ++i;
            while (i < end && isDigit(a[i])) {
                i++;
            }
            fracDigits = i - fracStart;
            if (fracDigits == 0) {
                return false;
            }
        }
        int exp = 0;
        if (i < end && (a[i] == 'e' || a[i] == 'E')) {
            isInteger = false;
            i++;
            boolean expNegative = false;
            if (i < end && (a[i] == '+' || a[i] == '-')) {
                expNegative = a[i] == '-';
                i++;
            }
            int expStart = i;
            while (i < end && isDigit(a[i])) {
                if (exp < EXPONENT_CLAMP) {
                    exp = exp * 10 + (a[i] - '0');
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
        if (i != end) {
            return false;
        }
        negative = neg;
        integer = isInteger;
        integerDigits = intDigits;
        // Digits are numbered by position p over the integer and fraction digits together.
        int digits = intDigits + fracDigits;
        int first = 0;
        while (first < digits && digitAt(a, intStart, intDigits, fracStart, first) == '0') {
            first++;
        }
        if (first == digits) {
            zero = true;
            significantDigits = 0;
            mantissa = 0;
            exponent10 = 0;
            return true;
        }
        int last = digits - 1;
        while (digitAt(a, intStart, intDigits, fracStart, last) == '0') {
            last--;
        }
        zero = false;
        significantDigits = last - first + 1;
        exponent10 = intDigits - 1 - first + exp;
        long m = 0;
        if (significantDigits <= MAX_EXACT_DIGITS) {
            m = appendDigits(m, a, intStart + first, intStart + Math.min(last, intDigits - 1));
            m = appendDigits(m, a, fracStart + Math.max(first, intDigits) - intDigits, fracStart + last - intDigits);
        }
        mantissa = m;
        return true;
    }

    /** {@code m} followed by the digits {@code a[from..to]} (none if {@code to < from}), four at a time. */
    private static long appendDigits(long m, char[] a, int from, int to) {
        int k = from;
        // Four digits per step: the products are independent, so the chain through m is a quarter as long.
        for (; k + 3 <= to; k += 4) {
            m = m * 10_000 + ((a[k] - '0') * 1000 + (a[k + 1] - '0') * 100 + (a[k + 2] - '0') * 10 + (a[k + 3] - '0'));
        }
        for (; k <= to; k++) {
            m = m * 10 + (a[k] - '0');
        }
        return m;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Digit number {@code p} of the integer digits followed by the fraction digits. */
    private static char digitAt(char[] a, int intStart, int intDigits, int fracStart, int p) {
        return p < intDigits ? a[intStart + p] : a[fracStart + p - intDigits];
    }

    private static final double SPLIT = 134217729.0; // 2^27 + 1, Dekker's splitter
    private static final int DD_BIAS = 300;
    /**
     * 10^(i - 300) as an unevaluated sum hi + lo of two doubles (double-double), about 32 significant digits, made
     * on first use: a table of data needs a few exponents, and 601 exact divisions at start-up cost a cold JVM
     * tenths of a second. Entries are immutable records, so threads that race to fill one see a whole value.
     */
    private static final DoubleDouble[] POW10_DD = new DoubleDouble[601];

    private record DoubleDouble(double hi, double lo) {
        static DoubleDouble pow10(int e) {
            BigDecimal p = e >= 0 ? BigDecimal.TEN.pow(e)
                    : BigDecimal.ONE.divide(BigDecimal.TEN.pow(-e), new MathContext(40));
            double hi = p.doubleValue();
            return new DoubleDouble(hi, p.subtract(new BigDecimal(hi)).doubleValue());
        }
    }

    private static DoubleDouble pow10(int index) {
        DoubleDouble d = POW10_DD[index];
        if (d == null) {
            d = DoubleDouble.pow10(index - DD_BIAS);
            POW10_DD[index] = d;
        }
        return d;
    }

    /**
     * Whether the integer {@code m} (at most 17 digits) is |d| x 10^-k rounded to an integer, that is whether the
     * text m x 10^k is d rounded to m's digits: 1 yes, 0 no, -1 too close to call or out of range. Computes
     * |d| x 10^-k in double-double arithmetic (error far below 1e-9 of the last digit).
     */
    static int isRoundingOf(double d, long m, int k) {
        double diff = scaledDifference(Math.abs(d), m, k);
        if (diff != diff) {
            return -1;
        }
        double ad = Math.abs(diff);
        if (ad < 0.5 - 1e-9) {
            return 1;
        }
        if (ad > 0.5 + 1e-9) {
            return 0;
        }
        return -1;
    }

    /**
     * {@code x x 10^-k - m} for a positive {@code x} close to {@code m x 10^k} ({@code m} of at most 17 digits),
     * computed in double-double arithmetic (error far below 1e-9); NaN where the powers of ten run out.
     */
    static double scaledDifference(double x, long m, int k) {
        int j = -k + DD_BIAS;
        if (j < 0 || j >= POW10_DD.length || x < 1e-280 || x > 1e280) {
            return Double.NaN;
        }
        DoubleDouble pw = pow10(j);
        double ph = pw.hi();
        double pl = pw.lo();
        double p = x * ph;
        double e = twoProductError(x, ph, p);
        double lo = e + x * pl;
        double mh = (double) m;
        long ml = m - (long) mh;
        return ((p - mh) + lo) - ml;
    }

    /** How far from a decision {@link #isShortestDigits} must be to trust double-double arithmetic. */
    private static final double MARGIN = 1e-9;

    /**
     * Whether the decimal {@code mantissa x 10^(exponent10 - n + 1)} ({@code n} significant digits, the first at
     * 10^exponent10, no trailing zero) certainly has the digits of the shortest decimal that reads back to the double
     * {@code x} nearest it ({@code |x|} given, or NaN if not known), and is the closest such decimal to {@code x}:
     * what {@link ValueText#formatDouble} prints, after the Schubfach rules. False where it has not, and where that is
     * too close to call.
     *
     * <p>Up to 15 significant digits (within the exponents of normal doubles) it always has: two such decimals never
     * read as the same double (DBL_DIG = 15), so no other decimal as short reads as this one. At 16 or 17 digits, no
     * decimal one digit shorter (a multiple of 10^(k+1), where the text is m x 10^k) may lie within half an ulp of
     * the double, and m must be the double rounded to 10^k.
     */
    static boolean isShortestDigits(long mantissa, int n, int exponent10, double x) {
        if (n <= 15) {
            return exponent10 >= -307 && exponent10 <= 307;
        }
        if (n > 17 || !(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) {
            return false;
        }
        int k = exponent10 - n + 1;
        long shorter = mantissa / 10;
        // The double in steps of 10^(k+1): the one-digit-shorter decimals nearest it are shorter and shorter + 1.
        double below = scaledDifference(x, shorter, k + 1);
        if (!(below > MARGIN && below < 1 - MARGIN)) {
            return false;
        }
        int unit = -(k + 1) + POW10_BIAS;
        if (unit < 0 || unit >= POW10.length) {
            return false;
        }
        // Decimals that read as x lie within half the gap to each neighbouring double (narrower below a power of 2).
        double halfBelow = (x - Math.nextDown(x)) * 0.5 * POW10[unit];
        double halfAbove = (Math.nextUp(x) - x) * 0.5 * POW10[unit];
        if (!(below > halfBelow + MARGIN && 1 - below > halfAbove + MARGIN)) {
            return false;
        }
        double fromText = below * 10 - (mantissa % 10); // x - m, in steps of 10^k
        return Math.abs(fromText) < 0.5 - MARGIN;
    }

    /**
     * The double nearest the last scanned text, reusing what {@link #scan} and {@link #isExactDouble} already
     * worked out: at most 15 digits and a power of ten up to 10^22 are both exact doubles, so one operation rounds
     * correctly (Clinger's fast path); otherwise the double already found, or {@link DecimalToDouble} from the
     * digits, or a full parse.
     */
    double value() {
        if (hasParsed) {
            return parsed;
        }
        if (zero) {
            return negative ? -0.0 : 0.0;
        }
        int n = significantDigits;
        int k = exponent10 - n + 1;
        if (n <= 15 && k >= -22 && k <= 22) {
            double m = (double) mantissa;
            double v = k >= 0 ? m * EXACT_POW10[k] : m / EXACT_POW10[-k];
            return negative ? -v : v;
        }
        return nearestDouble();
    }

    /** The double nearest the scanned text: from its digits where they are exact and the quick method is sure. */
    private double nearestDouble() {
        if (significantDigits <= MAX_EXACT_DIGITS) {
            double d = DecimalToDouble.nearest(mantissa, exponent10 - significantDigits + 1, negative);
            if (!Double.isNaN(d)) {
                return d;
            }
        }
        return ValueText.parseFiniteDouble(text());
    }

    /** The last scanned text as a String, made on first need. */
    private String text() {
        if (known == null) {
            known = new String(text, offset, length);
        }
        return known;
    }

    /** The exact error of the product a*b = p (Dekker's two-product, no FMA needed). */
    private static double twoProductError(double a, double b, double p) {
        double ca = SPLIT * a;
        double ahi = ca - (ca - a);
        double alo = a - ahi;
        double cb = SPLIT * b;
        double bhi = cb - (cb - b);
        double blo = b - bhi;
        return ((ahi * bhi - p) + ahi * blo + alo * bhi) + alo * blo;
    }

    /** For a scanned plain integer: whether it is a canonical long (no "-0", within 64 bits). */
    boolean isCanonicalLong() {
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
        int start = offset + (negative ? 1 : 0);
        for (int k = 0; k < 19; k++) {
            char a = text[start + k];
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
    boolean isExactDouble() {
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
        double d = nearestDouble();
        parsed = d;
        hasParsed = true;
        if (Double.isInfinite(d) || d == 0.0) {
            return false;
        }
        // d is the double nearest the text, so |d - text| <= ulp(d)/2. When ulp(d) is below the text's last-digit
        // step g = 10^(exponent10 - n + 1), rounding d to n digits gives the text back: no need to print d.
        int k = exponent10 - n + 1;
        if (k >= -POW10_BIAS && k < POW10.length - POW10_BIAS && Math.abs(d) >= Double.MIN_NORMAL
                && Math.ulp(d) < POW10[k + POW10_BIAS] * 0.99) {
            return true;
        }
        int quick = isRoundingOf(d, mantissa, k);
        if (quick >= 0) {
            return quick == 1;
        }
        // Too close to call in double-double arithmetic, or out of its range: decide exactly.
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(n, RoundingMode.HALF_EVEN));
        return rounded.compareTo(new BigDecimal(text())) == 0;
    }
}
