package org.labexport.convert;

import com.fasterxml.jackson.core.io.NumberInput;
import com.fasterxml.jackson.core.io.NumberOutput;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Text to typed values and back, the same way in every format: what {@link ColumnTypeTracker} accepts for a type,
 * {@link #parse} turns into that type's value, and {@link #format} writes in the canonical text that reads back to
 * the same value.
 *
 * <ul>
 *   <li>LONG: {@code -?(0|[1-9][0-9]*)} within 64 bits; written by {@link Long#toString(long)}.</li>
 *   <li>DOUBLE: the JSON number grammar, plus {@code NaN}, {@code Inf}, {@code -Inf}, {@code Infinity},
 *       {@code -Infinity} in any case; written as the shortest text that parses back to the same double
 *       ({@code 0.1}, {@code 1.0E-300}, {@code 4.9E-324}, {@code -0.0}) or {@code NaN}, {@code Inf}, {@code -Inf}.</li>
 *   <li>BOOLEAN: {@code true}/{@code false} in any case; written in lower case.</li>
 *   <li>DATE: {@code yyyy-MM-dd}; TIMESTAMP: {@code yyyy-MM-dd'T'HH:mm:ss} (or a space for the T), an optional
 *       fraction of 1 to 6 digits and an optional {@code Z} or {@code +HH:mm}/{@code +HHmm} offset (none = UTC);
 *       written as ISO-8601 instants in UTC with a {@code Z}.</li>
 * </ul>
 *
 * <p>Hot-path methods use no regular expressions and no exceptions for ordinary input.
 */
public final class ValueText {
    public static final String NAN = "NaN";
    public static final String INF = "Inf";
    public static final String NEG_INF = "-Inf";

    private ValueText() {
    }

    /**
     * Parses text already known to fit {@code type} (as decided by a {@link ColumnTypeTracker}).
     *
     * @throws IllegalArgumentException if it does not fit
     */
    public static Object parse(String text, ColumnType type) {
        if (text == null) {
            return null;
        }
        switch (type) {
            case LONG:
                return Long.parseLong(text);
            case DOUBLE:
                return parseDouble(text);
            case BOOLEAN:
                return parseBoolean(text);
            case DATE: {
                LocalDate d = tryParseDate(text);
                if (d == null) {
                    throw new IllegalArgumentException("Not a date (yyyy-MM-dd): " + text);
                }
                return d;
            }
            case TIMESTAMP: {
                Instant t = tryParseTimestamp(text);
                if (t == null) {
                    throw new IllegalArgumentException("Not an ISO timestamp: " + text);
                }
                return t;
            }
            case STRING:
                return text;
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    /** Canonical text of a table value; null for null. */
    public static String format(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Double d) {
            return formatDouble(d);
        }
        if (value instanceof Long l) {
            return Long.toString(l);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Instant t) {
            return t.toString();
        }
        throw new IllegalArgumentException("Not a table value: " + value.getClass().getName());
    }

    /** The shortest text that reads back to {@code d}, or NaN, Inf, -Inf. */
    public static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return NAN;
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? INF : NEG_INF;
        }
        return NumberOutput.toString(d, true);
    }

    /** Parses number text or one of the special values NaN, Inf, -Inf, Infinity, -Infinity (any case). */
    public static double parseDouble(String text) {
        double special = specialDouble(text);
        if (special == special) {
            return special;
        }
        if (isNaNText(text)) {
            return Double.NaN;
        }
        return parseFiniteDouble(text);
    }

    static double parseFiniteDouble(String text) {
        return NumberInput.parseDouble(text, true);
    }

    /** Infinity for the infinity spellings, NaN otherwise (callers check {@link #isNaNText} themselves). */
    static double specialDouble(String t) {
        int len = t.length();
        if (len == 3 && t.equalsIgnoreCase("Inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (len == 4 && t.equalsIgnoreCase("-Inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (len == 8 && t.equalsIgnoreCase("Infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        if (len == 9 && t.equalsIgnoreCase("-Infinity")) {
            return Double.NEGATIVE_INFINITY;
        }
        return Double.NaN;
    }

    static boolean isNaNText(String t) {
        return t.length() == 3 && t.equalsIgnoreCase("NaN");
    }

    /** Whether the text is one of NaN, Inf, -Inf, Infinity, -Infinity in any case. */
    public static boolean isSpecialDouble(String t) {
        return isNaNText(t) || !Double.isNaN(specialDouble(t));
    }

    /** Whether the text is true or false in any case. */
    public static boolean isBoolean(String t) {
        int len = t.length();
        if (len == 4) {
            return asciiLower(t, 0) == 't' && asciiLower(t, 1) == 'r' && asciiLower(t, 2) == 'u'
                    && asciiLower(t, 3) == 'e';
        }
        return len == 5 && asciiLower(t, 0) == 'f' && asciiLower(t, 1) == 'a' && asciiLower(t, 2) == 'l'
                && asciiLower(t, 3) == 's' && asciiLower(t, 4) == 'e';
    }

    /** The character with an ASCII capital's lower-case bit set (other characters stay unequal to any letter). */
    private static int asciiLower(String t, int i) {
        return t.charAt(i) | 0x20;
    }

    /**
     * Whether the characters {@code a[off, off + len)} are true or false in any case of their ASCII letters (so not
     * {@code falſe}, which {@link String#equalsIgnoreCase} would take).
     */
    public static boolean isBoolean(char[] a, int off, int len) {
        if (len == 4) {
            return (a[off] | 0x20) == 't' && (a[off + 1] | 0x20) == 'r' && (a[off + 2] | 0x20) == 'u'
                    && (a[off + 3] | 0x20) == 'e';
        }
        return len == 5 && (a[off] | 0x20) == 'f' && (a[off + 1] | 0x20) == 'a' && (a[off + 2] | 0x20) == 'l'
                && (a[off + 3] | 0x20) == 's' && (a[off + 4] | 0x20) == 'e';
    }

    public static Boolean parseBoolean(String t) {
        if (!isBoolean(t)) {
            throw new IllegalArgumentException("Not a boolean: " + t);
        }
        return t.length() == 4;
    }

    /** {@code yyyy-MM-dd} with a valid calendar day, or null. */
    public static LocalDate tryParseDate(String t) {
        if (t.length() != 10) {
            return null;
        }
        long epochDay = epochDay(t);
        return epochDay == Long.MIN_VALUE ? null : LocalDate.ofEpochDay(epochDay);
    }

    /** The epoch day of a valid {@code yyyy-MM-dd} at the start of {@code t}, or Long.MIN_VALUE. */
    private static long epochDay(String t) {
        if (t.length() < 10 || t.charAt(4) != '-' || t.charAt(7) != '-') {
            return Long.MIN_VALUE;
        }
        int y = digits(t, 0, 4);
        int m = digits(t, 5, 2);
        int d = digits(t, 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
            return Long.MIN_VALUE;
        }
        return LocalDate.of(y, m, d).toEpochDay();
    }

    /** An ISO date-time as described in the class comment, or null. */
    public static Instant tryParseTimestamp(String t) {
        int len = t.length();
        if (len < 19) {
            return null;
        }
        char sep = t.charAt(10);
        if (sep != 'T' && sep != ' ') {
            return null;
        }
        long day = epochDay(t);
        if (day == Long.MIN_VALUE || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int h = digits(t, 11, 2);
        int mi = digits(t, 14, 2);
        int s = digits(t, 17, 2);
        if (h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < len && t.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < len && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            int n = i - start;
            if (n < 1 || n > 6) {
                return null;
            }
            int frac = digits(t, start, n);
            for (int k = n; k < 9; k++) {
                frac *= 10;
            }
            nanos = frac;
        }
        int offsetSeconds = 0;
        if (i < len) {
            char c = t.charAt(i);
            if (c == 'Z' && i + 1 == len) {
                i++;
            } else if (c == '+' || c == '-') {
                int rest = len - i - 1;
                int oh;
                int om;
                if (rest == 5 && t.charAt(i + 3) == ':') {
                    oh = digits(t, i + 1, 2);
                    om = digits(t, i + 4, 2);
                } else if (rest == 4) {
                    oh = digits(t, i + 1, 2);
                    om = digits(t, i + 3, 2);
                } else {
                    return null;
                }
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return null;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (c == '-' ? -1 : 1);
                i = len;
            } else {
                return null;
            }
        }
        if (i != len) {
            return null;
        }
        long epochSecond = day * 86_400L + h * 3600L + mi * 60L + s - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nanos);
    }

    /** The non-negative number of {@code n} ASCII digits at {@code from}, or -1. */
    private static int digits(String t, int from, int n) {
        int v = 0;
        for (int k = from; k < from + n; k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
