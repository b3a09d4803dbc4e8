package org.labexport.convert.excel;

import org.labexport.convert.ColumnType;
import org.labexport.convert.ColumnTypeTracker;
import org.labexport.convert.ValueText;

/**
 * What the first pass saw in one column of a sheet, and the type that follows from all of it
 * (docs/decisions/0024-excel-cells.md): numeric cells are LONG when every one is a whole number a double holds
 * exactly, else DOUBLE; date-formatted cells DATE when all are midnight, else TIMESTAMP; boolean cells BOOLEAN;
 * text cells go through the shared {@link ColumnTypeTracker}; any other mix is STRING.
 */
final class ColumnStats {
    private long numbers;
    private boolean allIntegral = true;
    private long dates;
    private boolean allMidnight = true;
    private long booleans;
    private long texts;
    private long errors;
    private final ColumnTypeTracker textTracker = new ColumnTypeTracker();

    void number(double v) {
        numbers++;
        if (allIntegral && !isExactLong(v)) {
            allIntegral = false;
        }
    }

    /** Whether {@link #number(double)} needs the value: only while every number so far was whole. */
    boolean needsNumberValue() {
        return allIntegral;
    }

    /** Counts a number cell once {@link #needsNumberValue()} is false, without parsing it. */
    void countNumber() {
        numbers++;
    }

    void date(double serial) {
        dates++;
        boolean midnight = ExcelDates.isMidnight(serial);
        allMidnight &= midnight;
    }

    void bool() {
        booleans++;
    }

    void error() {
        errors++;
    }

    void text(String t) {
        texts++;
        textTracker.accept(t);
    }

    /** A whole number within ±2^53 (not -0.0, whose sign a long would lose). */
    static boolean isExactLong(double v) {
        return v == Math.rint(v) && Math.abs(v) <= ExcelTableWriter.MAX_EXACT_LONG
                && Double.doubleToRawLongBits(v) != Double.doubleToRawLongBits(-0.0);
    }

    /** The declared type if every cell fits it, else the inferred type. */
    ColumnType typeWithDeclared(ColumnType declaredType) {
        return fits(declaredType) ? declaredType : type();
    }

    /** Whether every cell so far fits type {@code t}; once false it stays false. */
    boolean fits(ColumnType t) {
        long values = numbers + dates + booleans + texts + errors;
        return switch (t) {
            case STRING -> texts + errors == values;
            case LONG -> dates + booleans + errors == 0 && (numbers == 0 || allIntegral) && textsFit(t);
            case DOUBLE -> dates + booleans + errors == 0 && textsFit(t);
            case BOOLEAN -> numbers + dates + errors == 0 && textsFit(t);
            case DATE -> numbers + booleans + errors == 0 && (dates == 0 || allMidnight) && textsFit(t);
            case TIMESTAMP -> numbers + booleans + errors == 0 && textsFit(t);
        };
    }

    private boolean textsFit(ColumnType t) {
        if (texts == 0) {
            return true;
        }
        ColumnType got = textTracker.result();
        return got == t || (t == ColumnType.DOUBLE && got == ColumnType.LONG);
    }

    ColumnType type() {
        long values = numbers + dates + booleans + texts + errors;
        if (values == 0 || errors > 0) {
            return ColumnType.STRING;
        }
        ColumnType textType = texts > 0 ? textTracker.result() : null;
        if (numbers == values - texts && numbers > 0) {
            ColumnType numberType = allIntegral ? ColumnType.LONG : ColumnType.DOUBLE;
            if (textType == null) {
                return numberType;
            }
            if (textType == ColumnType.LONG || textType == ColumnType.DOUBLE) {
                return numberType == ColumnType.LONG && textType == ColumnType.LONG ? ColumnType.LONG : ColumnType.DOUBLE;
            }
            return ColumnType.STRING;
        }
        if (dates == values - texts && dates > 0) {
            ColumnType dateType = allMidnight ? ColumnType.DATE : ColumnType.TIMESTAMP;
            return textType == null || textType == dateType ? dateType : ColumnType.STRING;
        }
        if (booleans == values - texts && booleans > 0) {
            return textType == null || textType == ColumnType.BOOLEAN ? ColumnType.BOOLEAN : ColumnType.STRING;
        }
        if (texts == values) {
            return textType;
        }
        return ColumnType.STRING;
    }

    /** The text of a number cell in a text column: whole numbers without ".0", others in canonical form. */
    static String numberText(double v) {
        return isExactLong(v) ? Long.toString((long) v) : ValueText.formatDouble(v);
    }
}
