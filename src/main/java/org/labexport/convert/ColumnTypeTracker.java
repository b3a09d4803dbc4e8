package org.labexport.convert;

/**
 * Decides one column's type from every one of its non-null values (never a sample), shared by every reader.
 *
 * <p>A column is LONG only if every value is a canonical 64-bit integer ({@code -?(0|[1-9][0-9]*)}: no leading
 * zeros, no plus sign; {@code -0} is not an integer, because it would lose its sign, and makes the column DOUBLE
 * {@code -0.0}); DOUBLE if every value is a number in the JSON number grammar (integers included) that a double holds
 * exactly (see {@link ValueText}) or one of NaN/Inf/-Inf/Infinity/-Infinity in any case; BOOLEAN if every value is
 * true/false in any case; DATE or TIMESTAMP if every value is one (see {@link ValueText}); STRING otherwise, and for a
 * column with no values at all. So {@code 0001234}, {@code +5}, {@code .5}, {@code MARCH1} and a number of more than
 * 17 significant digits that is not an integer are text, and one text value anywhere makes the whole column text.
 *
 * <p>Typed sources say what kind of value they hold: {@link #acceptNumber} (a JSON number), {@link #acceptBoolean}
 * and {@link #acceptString} (a JSON string: only dates, timestamps and the special doubles are read out of it).
 * Not thread-safe; trackers filled in parallel are combined with {@link #merge}.
 */
public final class ColumnTypeTracker {
    private static final int LONG = 1;
    private static final int DOUBLE = 2;
    private static final int BOOLEAN = 4;
    private static final int DATE = 8;
    private static final int TIMESTAMP = 16;
    private static final int ALL = LONG | DOUBLE | BOOLEAN | DATE | TIMESTAMP;

    /** The types every value seen so far fits; 0 means the column is text. */
    private int possible = ALL;
    private boolean sawValue;
    private final DecimalScan scan = new DecimalScan();
    /** Where a String that may be a number is copied to for checking. */
    private final char[] own = new char[64];
    private double lastDouble;
    /** Whether the last {@link #fits} scanned its text as a number (so {@link #scan} describes it). */
    private boolean scanned;

    /** Takes one non-null value given as text (CSV field, Excel text cell). */
    public void accept(String text) {
        sawValue = true;
        if (possible == 0) {
            return;
        }
        possible &= fits(text, ALL);
    }

    /**
     * Takes one non-null value given as the characters {@code a[off, off + len)} (a CSV field where it was split),
     * as {@link #accept(String)}, without making a String of it unless it may be a date, timestamp or special double.
     */
    public void accept(char[] a, int off, int len) {
        sawValue = true;
        if (possible == 0) {
            return;
        }
        possible &= fits(a, off, len, null, ALL);
    }

    /**
     * Takes one non-null text value, as {@link #accept}, and gives it as a value of {@code type} (what
     * {@link ValueText#parse} would give), or null if the column's values no longer all fit {@code type}. A double
     * is not parsed twice: the check has usually parsed it already.
     */
    public Object acceptAs(String text, ColumnType type) {
        return acceptAs(text.toCharArray(), 0, text.length(), type);
    }

    /**
     * Takes one non-null value as {@link #accept(char[], int, int)} and, if the column's values all still fit
     * DOUBLE, makes it {@link #lastDouble()} and returns true; returns false otherwise. Nothing is boxed.
     */
    public boolean acceptDouble(char[] a, int off, int len) {
        scanned = false;
        accept(a, off, len);
        if (!allows(ColumnType.DOUBLE)) {
            return false;
        }
        lastDouble = scanned ? scan.value() : (Double) ValueText.parse(new String(a, off, len), ColumnType.DOUBLE);
        return true;
    }

    /**
     * Takes one non-null value as {@link #accept(char[], int, int)} and, if the column's values all still fit
     * BOOLEAN, gives it: 1 for true, 0 for false; -1 otherwise. Nothing is boxed.
     */
    public int acceptBoolean(char[] a, int off, int len) {
        accept(a, off, len);
        if (!allows(ColumnType.BOOLEAN)) {
            return -1;
        }
        return len == 4 ? 1 : 0; // it fitted: "true" or "false" in some case
    }

    /** The double of the last {@link #acceptDouble} that returned true. */
    public double lastDouble() {
        return lastDouble;
    }

    /**
     * Takes one non-null value of a STRING column as {@link #acceptAs(char[], int, int, ColumnType)} does, without
     * making its String: for a batch that keeps the value as a range of {@code a}.
     */
    public void acceptText(char[] a, int off, int len) {
        if (possible != 0) {
            accept(a, off, len);
        }
        sawValue = true;
    }

    /** As {@link #acceptAs(String, ColumnType)} for the characters {@code a[off, off + len)}. */
    public Object acceptAs(char[] a, int off, int len, ColumnType type) {
        if (type == ColumnType.STRING) {
            acceptText(a, off, len);
            return new String(a, off, len);
        }
        if (type == ColumnType.DOUBLE) {
            return acceptDouble(a, off, len) ? lastDouble : null;
        }
        scanned = false;
        accept(a, off, len);
        if (!allows(type)) {
            return null;
        }
        if (type == ColumnType.BOOLEAN) {
            return len == 4; // it fitted: "true" or "false" in some case
        }
        return ValueText.parse(new String(a, off, len), type);
    }

    /** Takes one number whose text is as written in a typed source (a JSON number): only LONG or DOUBLE. */
    public void acceptNumber(String numberText) {
        sawValue = true;
        if (possible == 0) {
            return;
        }
        possible &= fits(numberText, LONG | DOUBLE);
    }

    /** Takes one boolean of a typed source. */
    public void acceptBoolean() {
        sawValue = true;
        possible &= BOOLEAN;
    }

    /**
     * Takes one string of a typed source (a JSON string): it may be a date, a timestamp or NaN/Inf/-Inf in a double
     * column, but never a long or boolean, which a typed source would have written as such.
     */
    public void acceptString(String text) {
        sawValue = true;
        if (possible == 0) {
            return;
        }
        int mask = DATE | TIMESTAMP;
        if (ValueText.isSpecialDouble(text)) {
            mask |= DOUBLE;
        }
        possible &= fits(text, mask);
    }

    /** Adds what another tracker of the same column has seen. */
    public void merge(ColumnTypeTracker other) {
        possible &= other.possible;
        sawValue |= other.sawValue;
    }

    /** Whether the column is already known to be text, so further values need no checking. */
    public boolean isText() {
        return possible == 0;
    }

    /** Whether every value accepted so far still fits {@code type} (always true for STRING). */
    public boolean allows(ColumnType type) {
        return switch (type) {
            case STRING -> true;
            case LONG -> (possible & LONG) != 0;
            case DOUBLE -> (possible & DOUBLE) != 0;
            case BOOLEAN -> (possible & BOOLEAN) != 0;
            case DATE -> (possible & DATE) != 0;
            case TIMESTAMP -> (possible & TIMESTAMP) != 0;
        };
    }

    /** The column's type given every value accepted so far; STRING when no value was seen. */
    public ColumnType result() {
        if (!sawValue || possible == 0) {
            return ColumnType.STRING;
        }
        if ((possible & LONG) != 0) {
            return ColumnType.LONG;
        }
        if ((possible & DOUBLE) != 0) {
            return ColumnType.DOUBLE;
        }
        if ((possible & BOOLEAN) != 0) {
            return ColumnType.BOOLEAN;
        }
        if ((possible & DATE) != 0) {
            return ColumnType.DATE;
        }
        return ColumnType.TIMESTAMP;
    }

    /** The subset of {@code mask} (restricted to what is still possible) that {@code t} fits. */
    private int fits(String t, int mask) {
        int want = mask & possible;
        int len = t.length();
        if (want == 0 || len == 0) {
            return 0;
        }
        char c = t.charAt(0);
        if ((want & (LONG | DOUBLE)) != 0 && (c == '-' || (c >= '0' && c <= '9'))) {
            // Only text that may be a number is copied; a long one into an array of its own, not kept.
            char[] chars = len <= own.length ? own : new char[len];
            t.getChars(0, len, chars, 0);
            return fits(chars, 0, len, t, mask);
        }
        return fitsText(t, want);
    }

    /** As {@link #fits(String, int)} for {@code a[off, off + len)}; {@code known} is that text if the caller has it. */
    private int fits(char[] a, int off, int len, String known, int mask) {
        int want = mask & possible;
        if (want == 0 || len == 0) {
            return 0;
        }
        char c = a[off];
        int result = 0;
        if ((want & (LONG | DOUBLE)) != 0 && (c == '-' || (c >= '0' && c <= '9'))) {
            if (scan.scan(a, off, len, known)) {
                scanned = true;
                if ((want & LONG) != 0 && scan.isCanonicalLong()) {
                    result |= LONG;
                }
                if ((want & DOUBLE) != 0 && scan.isExactDouble()) {
                    result |= DOUBLE;
                }
                // A number is never a boolean; it can only be a date if it has dashes, which the grammar refuses.
                return result;
            }
        }
        if ((want & BOOLEAN) != 0 && ValueText.isBoolean(a, off, len)) {
            return BOOLEAN;
        }
        if ((want & (DOUBLE | DATE | TIMESTAMP)) == 0) {
            return 0;
        }
        return fitsText(known != null ? known : new String(a, off, len), want & ~BOOLEAN);
    }

    /** The subset of {@code want} that {@code t}, which is not a number in the grammar, fits. */
    private static int fitsText(String t, int want) {
        int len = t.length();
        if ((want & BOOLEAN) != 0 && ValueText.isBoolean(t)) {
            return BOOLEAN;
        }
        if ((want & DOUBLE) != 0 && ValueText.isSpecialDouble(t)) {
            return DOUBLE;
        }
        if ((want & DATE) != 0 && len == 10 && ValueText.tryParseDate(t) != null) {
            return DATE;
        }
        if ((want & TIMESTAMP) != 0 && len >= 19 && ValueText.tryParseTimestamp(t) != null) {
            return TIMESTAMP;
        }
        return 0;
    }
}
