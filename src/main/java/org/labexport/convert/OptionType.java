package org.labexport.convert;

/** The kinds of value an export option takes; each knows how to parse and describe its raw text. */
public enum OptionType {
    /** Free text. */
    STRING,
    /** Exactly one character; {@code \t} and {@code tab} mean a tab. */
    CHAR,
    /** {@code true} or {@code false} (any case). */
    BOOLEAN,
    /** A whole number within the spec's bounds. */
    INTEGER,
    /** A charset name Java knows, such as UTF-8 or ISO-8859-1. */
    CHARSET,
    /** One of the spec's allowed values. */
    CHOICE,
    /** A list of strings: a JSON array ({@code ["","NA"]}) or comma-separated text ({@code ,NA,N/A}). */
    STRING_LIST,
    /** An Excel sheet name: 1 to 31 characters, none of {@code [ ] : * ? / \}, no apostrophe first or last. */
    SHEET_NAME,
    /** Two whole numbers {@code [row, col]} or {@code row,col}, each zero or more. */
    INT_PAIR
}
