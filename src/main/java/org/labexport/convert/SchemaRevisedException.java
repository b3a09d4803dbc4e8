package org.labexport.convert;

/**
 * Thrown by a reader that started from a provisional schema (see {@link TableReader}) when a value does not fit
 * its column's provisional type. The converter catches it, drops what it wrote and reads the table again with the
 * schema inferred from the whole input first; it never reaches a researcher.
 */
public final class SchemaRevisedException extends ConversionException {
    private static final long serialVersionUID = 1L;

    public SchemaRevisedException(String fileName, String column, ColumnType provisional) {
        super(fileName + ": column '" + column + "' holds a value that is not a " + provisional.wireName()
                + " after the first rows; the table is read again with types from the whole column.");
    }
}
