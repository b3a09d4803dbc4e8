package org.labexport.convert;

/**
 * The type of one table column, inferred from the whole column and preserved by every writer.
 *
 * <p>Each type has exactly one Java value class, used in every {@code Object[]} row that flows between a
 * {@link TableReader} and a {@link TableWriter}; {@code null} is a missing value in every type.
 */
public enum ColumnType {
    /** 64-bit signed integer; value class {@link Long}. */
    LONG(Long.class),
    /** IEEE 754 double, including NaN, infinities and -0.0; value class {@link Double}. */
    DOUBLE(Double.class),
    /** true/false, whatever the case of the source text; value class {@link Boolean}. */
    BOOLEAN(Boolean.class),
    /** Calendar date without time; value class {@link java.time.LocalDate}. */
    DATE(java.time.LocalDate.class),
    /** Instant on the UTC time line; text without an offset is read as UTC; value class {@link java.time.Instant}. */
    TIMESTAMP(java.time.Instant.class),
    /** Anything else; value class {@link String}. */
    STRING(String.class);

    private final Class<?> valueClass;

    ColumnType(Class<?> valueClass) {
        this.valueClass = valueClass;
    }

    /** The Java class of this type's non-null values. */
    public Class<?> valueClass() {
        return valueClass;
    }

    /** The lower-case name used in manifests, HDF5 attributes and JSON. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
