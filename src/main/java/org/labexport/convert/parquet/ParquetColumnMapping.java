package org.labexport.convert.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.labexport.convert.ColumnType;

/**
 * How one Parquet column of any writer becomes one of our column types (documented in
 * docs/decisions/0021-parquet-read-mapping.md). Decides from the schema alone, so the table schema is known before
 * the first row.
 */
final class ParquetColumnMapping {
    /** The kinds of conversion from the physical value to our value. */
    enum Kind { INT32, UINT32, INT64, UINT64, FLOAT, DOUBLE, BOOLEAN, STRING, DATE, TS_MILLIS, TS_MICROS, TS_NANOS,
        INT96_TIMESTAMP, DECIMAL_LONG, DECIMAL_DOUBLE, DECIMAL_STRING }

    /** Decimals with at most this many significant digits survive a trip through a double unchanged. */
    static final int DOUBLE_EXACT_DIGITS = 15;

    final String name;
    final ColumnType type;
    final Kind kind;
    final int scale;

    private ParquetColumnMapping(String name, ColumnType type, Kind kind, int scale) {
        this.name = name;
        this.type = type;
        this.kind = kind;
        this.scale = scale;
    }

    /** The mapping, or an explanation (starting with the column name) of why the column cannot be read. */
    static ParquetColumnMapping of(Type field) throws UnsupportedColumnException {
        String name = field.getName();
        if (!field.isPrimitive()) {
            LogicalTypeAnnotation nested = field.getLogicalTypeAnnotation();
            String what = nested instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation ? "a list"
                    : nested instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation ? "a map" : "a struct";
            throw new UnsupportedColumnException("column '" + name + "' is " + what + " (nested values), which"
                    + " LabExport cannot convert; only columns of plain values can be exported");
        }
        if (field.isRepetition(Type.Repetition.REPEATED)) {
            throw new UnsupportedColumnException("column '" + name + "' is a repeated "
                    + field.asPrimitiveType().getPrimitiveTypeName() + " (a list of values per row), which LabExport"
                    + " cannot convert; only columns of plain values can be exported");
        }
        PrimitiveType p = field.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
            int precision = d.getPrecision();
            int scale = d.getScale();
            if (scale == 0 && precision <= 18) {
                return new ParquetColumnMapping(name, ColumnType.LONG, Kind.DECIMAL_LONG, scale);
            }
            if (precision <= DOUBLE_EXACT_DIGITS) {
                return new ParquetColumnMapping(name, ColumnType.DOUBLE, Kind.DECIMAL_DOUBLE, scale);
            }
            return new ParquetColumnMapping(name, ColumnType.STRING, Kind.DECIMAL_STRING, scale);
        }
        switch (p.getPrimitiveTypeName()) {
            case BOOLEAN:
                return simple(name, ColumnType.BOOLEAN, Kind.BOOLEAN);
            case INT32:
                if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                    return simple(name, ColumnType.DATE, Kind.DATE);
                }
                if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return simple(name, ColumnType.LONG, Kind.UINT32);
                }
                if (logical == null || logical instanceof IntLogicalTypeAnnotation) {
                    return simple(name, ColumnType.LONG, Kind.INT32);
                }
                break;
            case INT64:
                if (logical instanceof TimestampLogicalTypeAnnotation t) {
                    return switch (t.getUnit()) {
                        case MILLIS -> simple(name, ColumnType.TIMESTAMP, Kind.TS_MILLIS);
                        case MICROS -> simple(name, ColumnType.TIMESTAMP, Kind.TS_MICROS);
                        case NANOS -> simple(name, ColumnType.TIMESTAMP, Kind.TS_NANOS);
                    };
                }
                if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
                    return simple(name, ColumnType.LONG, Kind.UINT64);
                }
                if (logical == null || logical instanceof IntLogicalTypeAnnotation) {
                    return simple(name, ColumnType.LONG, Kind.INT64);
                }
                break;
            case INT96:
                return simple(name, ColumnType.TIMESTAMP, Kind.INT96_TIMESTAMP);
            case FLOAT:
                return simple(name, ColumnType.DOUBLE, Kind.FLOAT);
            case DOUBLE:
                return simple(name, ColumnType.DOUBLE, Kind.DOUBLE);
            case BINARY:
                if (logical == null || logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
                        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
                    return simple(name, ColumnType.STRING, Kind.STRING);
                }
                break;
            default:
                break;
        }
        throw new UnsupportedColumnException("column '" + name + "' has type " + p.getPrimitiveTypeName()
                + (logical == null ? "" : " " + logical) + ", which has no LabExport equivalent");
    }

    private static ParquetColumnMapping simple(String name, ColumnType type, Kind kind) {
        return new ParquetColumnMapping(name, type, kind, 0);
    }

    /** Converts a physical value to our value class; throws ArithmeticException when it would lose information. */
    Object fromInt(int v) {
        return switch (kind) {
            case INT32 -> (long) v;
            case UINT32 -> Integer.toUnsignedLong(v);
            case DATE -> LocalDate.ofEpochDay(v);
            case DECIMAL_LONG, DECIMAL_DOUBLE, DECIMAL_STRING -> decimal(BigDecimal.valueOf(v, scale));
            default -> throw new IllegalStateException(kind + " from int32");
        };
    }

    Object fromLong(long v) {
        return switch (kind) {
            case INT64 -> v;
            case UINT64 -> {
                if (v < 0) {
                    throw new ArithmeticException("unsigned value " + Long.toUnsignedString(v)
                            + " is larger than the largest 64-bit signed integer");
                }
                yield v;
            }
            case TS_MILLIS -> Instant.ofEpochMilli(v);
            case TS_MICROS -> Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
            case TS_NANOS -> {
                if (v % 1_000L != 0) {
                    throw new ArithmeticException("timestamp has nanoseconds; LabExport keeps timestamps to the"
                            + " microsecond and would lose them");
                }
                yield Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000_000L), Math.floorMod(v, 1_000_000_000L));
            }
            case DECIMAL_LONG, DECIMAL_DOUBLE, DECIMAL_STRING -> decimal(BigDecimal.valueOf(v, scale));
            default -> throw new IllegalStateException(kind + " from int64");
        };
    }

    Object fromBinary(Binary b) {
        return switch (kind) {
            case STRING -> b.toStringUsingUTF8();
            case DECIMAL_LONG, DECIMAL_DOUBLE, DECIMAL_STRING ->
                    decimal(new BigDecimal(new BigInteger(b.getBytes()), scale));
            case INT96_TIMESTAMP -> int96(b);
            default -> throw new IllegalStateException(kind + " from binary");
        };
    }

    private Object decimal(BigDecimal d) {
        return switch (kind) {
            case DECIMAL_LONG -> d.longValueExact();
            case DECIMAL_DOUBLE -> Double.parseDouble(d.toString()); // correctly rounded
            default -> d.toPlainString();
        };
    }

    /** Legacy Impala/Spark INT96: nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian. */
    private static Instant int96(Binary b) {
        ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buf.getLong();
        int julianDay = buf.getInt();
        if (nanosOfDay % 1_000L != 0) {
            throw new ArithmeticException("timestamp has nanoseconds; LabExport keeps timestamps to the"
                    + " microsecond and would lose them");
        }
        long epochDay = julianDay - 2_440_588L;
        return Instant.ofEpochSecond(Math.multiplyExact(epochDay, 86_400L), nanosOfDay);
    }

    /** A column the reader cannot turn into a flat typed value. */
    static final class UnsupportedColumnException extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedColumnException(String message) {
            super(message);
        }
    }
}
