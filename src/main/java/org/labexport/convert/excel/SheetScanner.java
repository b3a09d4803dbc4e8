package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.xml.stream.XMLStreamException;

/**
 * Pulls the cells of one worksheet's XML one row at a time, so a sheet of any size is read in constant memory. Gives
 * each cell's column, kind and raw text; what the text means is the caller's business.
 *
 * <p>Two implementations read the same XML to the same cells: {@link ByteSheetScanner}, a byte-level scanner for
 * the regular XML that spreadsheet writers produce, and {@link StaxSheetScanner}, a full XML parser that reads
 * everything else (docs/decisions/0026-excel-reading-speed.md).
 */
abstract class SheetScanner implements AutoCloseable {
    /** What a cell holds. */
    enum Kind { NUMBER, TEXT, BOOLEAN, ERROR }

    /** Characters one row may hold in all its cells, so that a hostile row cannot exhaust memory. */
    static final long MAX_ROW_CHARS = 32L * 1024 * 1024;

    protected final SharedTexts sharedStrings;
    protected final int maxCellChars;
    protected long rowChars;

    // The current row, filled by nextRow().
    int rowIndex;
    int cellCount;
    int[] columns = new int[64];
    Kind[] kinds = new Kind[64];
    /** Each cell's text; a subclass may leave it null until {@link #text(int)} asks for it. */
    String[] texts = new String[64];
    int[] styles = new int[64];

    SheetScanner(SharedTexts sharedStrings, int maxCellChars) {
        this.sharedStrings = sharedStrings;
        this.maxCellChars = maxCellChars;
    }

    /** Thrown for a cell whose text is longer than a cell may be (a hostile or broken file). */
    static final class CellTooLongException extends XMLStreamException {
        private static final long serialVersionUID = 1L;

        CellTooLongException(String message) {
            super(message);
        }
    }

    /** Advances to the next {@code <row>}; false at the end of the sheet data. */
    abstract boolean nextRow() throws XMLStreamException;

    /** Bytes of sheet XML read so far, for progress; 0 where not known. */
    long xmlBytesRead() {
        return 0;
    }

    /** The text of cell {@code i} of the current row. */
    String text(int i) {
        return texts[i];
    }

    /** The number of a NUMBER cell, as {@link Double#parseDouble} reads its text. */
    double number(int i) {
        return Double.parseDouble(text(i));
    }

    /** Fails as {@link #number(int)} would for a NUMBER cell whose text is not a number; cheaper when it is. */
    void checkNumber(int i) {
        number(i);
    }

    /**
     * The text of NUMBER cell {@code i} if it is certainly the text {@code ValueText.formatDouble} prints for its
     * number, so a text writer can take it as it is (docs/decisions/0126-excel-to-csv-without-reprinting-numbers.md);
     * null otherwise, and where a scanner cannot tell cheaply.
     */
    String canonicalDoubleText(int i) {
        return null;
    }

    /** The text of NUMBER cell {@code i} if it is {@code Long.toString} of a whole number of at most 15 digits. */
    String canonicalLongText(int i) {
        return null;
    }

    /** Whether a BOOLEAN cell is true. */
    boolean isTrue(int i) {
        String t = text(i);
        return "1".equals(t) || "true".equalsIgnoreCase(t);
    }

    /** Whether cell {@code i} is a text cell with no characters. */
    boolean isEmptyText(int i) {
        return kinds[i] == Kind.TEXT && text(i).isEmpty();
    }

    /** Classifies a cell by its {@code t} attribute, as the XML gives it, and adds it to the row. */
    protected final void addCell(int column, String t, int style, String value, String inline)
            throws XMLStreamException {
        checkColumn(column);
        Kind kind;
        String text;
        if (t == null || "n".equals(t)) {
            if (value == null || value.isEmpty()) {
                return; // a styled but empty cell
            }
            kind = Kind.NUMBER;
            text = value;
        } else if ("s".equals(t)) {
            if (value == null) {
                return;
            }
            text = sharedString(column, value.trim());
            kind = Kind.TEXT;
        } else if ("inlineStr".equals(t)) {
            kind = Kind.TEXT;
            text = inline == null ? "" : XmlSink.decodeEscapes(inline);
        } else if ("str".equals(t)) {
            kind = Kind.TEXT;
            text = value == null ? "" : XmlSink.decodeEscapes(value);
        } else if ("b".equals(t)) {
            if (value == null) {
                return;
            }
            kind = Kind.BOOLEAN;
            text = value.trim();
        } else if ("e".equals(t)) {
            kind = Kind.ERROR;
            text = value == null ? "" : value;
        } else if ("d".equals(t)) { // ISO 8601 date cell (strict OOXML), read as its text
            kind = Kind.TEXT;
            text = value == null ? "" : value;
        } else {
            throw unknownType(column, t);
        }
        store(column, kind, text, text.length(), style);
    }

    protected final void checkColumn(int column) throws XMLStreamException {
        if (column < 0 || column >= ExcelTableWriter.MAX_COLUMNS) {
            throw new XMLStreamException("row " + (rowIndex + 1) + " has a cell outside Excel's 16,384 columns");
        }
    }

    protected final XMLStreamException unknownType(int column, String t) {
        return new XMLStreamException("cell " + cellName(column) + " has an unknown type '" + t + "'");
    }

    protected final String sharedString(int column, String index) throws XMLStreamException {
        try {
            return sharedStrings.get(Integer.parseInt(index));
        } catch (RuntimeException e) {
            throw new XMLStreamException("cell " + cellName(column) + " refers to a shared string that does not exist");
        }
    }

    /** Adds a cell whose text is {@code length} characters long ({@code text} may be null for a lazy subclass). */
    protected final void store(int column, Kind kind, String text, int length, int style) throws XMLStreamException {
        if (cellCount == columns.length) {
            int n = cellCount * 2;
            columns = Arrays.copyOf(columns, n);
            kinds = Arrays.copyOf(kinds, n);
            texts = Arrays.copyOf(texts, n);
            styles = Arrays.copyOf(styles, n);
            grow(n);
        }
        rowChars += length;
        if (rowChars > MAX_ROW_CHARS) {
            throw new CellTooLongException("row " + (rowIndex + 1) + " holds more than " + MAX_ROW_CHARS
                    + " characters in its cells, more than LabExport reads in one row");
        }
        columns[cellCount] = column;
        kinds[cellCount] = kind;
        texts[cellCount] = text;
        styles[cellCount] = style;
        cellCount++;
    }

    /** Lets a subclass grow its own per-cell arrays with the common ones. */
    protected void grow(int cells) {
    }

    protected final String cellName(int column) {
        return org.apache.poi.ss.util.CellReference.convertNumToColString(column) + (rowIndex + 1);
    }

    protected final CellTooLongException tooLong() {
        return new CellTooLongException("a cell in row " + (rowIndex + 1) + " holds more than " + maxCellChars
                + " characters, more than Excel allows");
    }

    /** Zero-based column of a cell reference such as {@code AB12}. */
    static int columnOf(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            int next = withColumnLetter(col, ref.charAt(i));
            if (next < 0) {
                break;
            }
            col = next;
        }
        return col - 1;
    }

    /** The one-based column {@code col} followed by the letter {@code ch} (either case); -1 if not a letter. */
    static int withColumnLetter(int col, int ch) {
        if (ch >= 'A' && ch <= 'Z') {
            return col * 26 + (ch - 'A' + 1);
        }
        if (ch >= 'a' && ch <= 'z') {
            return col * 26 + (ch - 'a' + 1);
        }
        return -1;
    }

    @Override
    public abstract void close() throws IOException;

    /** Opens the faster byte scanner over a sheet's XML; it reports {@link ByteSheetScanner.Unsupported} if it cannot. */
    static SheetScanner bytes(InputStream in, SharedTexts sharedStrings, int maxCellChars) {
        return new ByteSheetScanner(in, sharedStrings, maxCellChars);
    }

    /** Opens the StAX scanner, which reads any well-formed sheet XML. */
    static SheetScanner stax(InputStream in, SharedTexts sharedStrings, int maxCellChars) throws XMLStreamException {
        return new StaxSheetScanner(in, sharedStrings, maxCellChars);
    }
}
