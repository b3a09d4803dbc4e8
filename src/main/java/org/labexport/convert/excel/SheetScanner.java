package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.xssf.model.SharedStrings;

/**
 * Pulls the cells of one worksheet's XML one row at a time with StAX, so a sheet of any size is read in constant
 * memory. Gives each cell's column, kind and raw text; what the text means is the caller's business.
 */
final class SheetScanner implements AutoCloseable {
    /** What a cell holds. */
    enum Kind { NUMBER, TEXT, BOOLEAN, ERROR }

    private static final XMLInputFactory FACTORY = newFactory();

    private final InputStream in;
    private final XMLStreamReader xml;
    private final SharedStrings sharedStrings;
    private final int maxCellChars;
    private int nextRowIndex;

    // The current row, filled by nextRow().
    int rowIndex;
    int cellCount;
    int[] columns = new int[64];
    Kind[] kinds = new Kind[64];
    String[] texts = new String[64];
    int[] styles = new int[64];

    SheetScanner(InputStream in, SharedStrings sharedStrings, int maxCellChars) throws XMLStreamException {
        this.in = in;
        this.xml = FACTORY.createXMLStreamReader(in);
        this.sharedStrings = sharedStrings;
        this.maxCellChars = maxCellChars;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    /** Thrown for a cell whose text is longer than a cell may be (a hostile or broken file). */
    static final class CellTooLongException extends XMLStreamException {
        private static final long serialVersionUID = 1L;

        CellTooLongException(String message) {
            super(message);
        }
    }

    /** Advances to the next {@code <row>} that holds cells; false at the end of the sheet data. */
    boolean nextRow() throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
                String r = xml.getAttributeValue(null, "r");
                rowIndex = r != null ? Integer.parseInt(r) - 1 : nextRowIndex;
                nextRowIndex = rowIndex + 1;
                readCells();
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT && "sheetData".equals(xml.getLocalName())) {
                return false;
            }
        }
        return false;
    }

    private void readCells() throws XMLStreamException {
        cellCount = 0;
        int nextColumn = 0;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT && "c".equals(xml.getLocalName())) {
                String ref = xml.getAttributeValue(null, "r");
                int column = ref != null ? columnOf(ref) : nextColumn;
                nextColumn = column + 1;
                String t = xml.getAttributeValue(null, "t");
                String s = xml.getAttributeValue(null, "s");
                int style = s == null ? 0 : Integer.parseInt(s);
                String value = null;
                String inline = null;
                while (xml.hasNext()) {
                    int e = xml.next();
                    if (e == XMLStreamConstants.START_ELEMENT) {
                        String name = xml.getLocalName();
                        if ("v".equals(name)) {
                            value = text("v");
                        } else if ("t".equals(name)) { // inline string, possibly in rich-text runs
                            String part = text("t");
                            inline = inline == null ? part : inline + part;
                            if (inline.length() > maxCellChars) {
                                throw tooLong();
                            }
                        }
                    } else if (e == XMLStreamConstants.END_ELEMENT && "c".equals(xml.getLocalName())) {
                        break;
                    }
                }
                addCell(column, t, style, value, inline);
            } else if (event == XMLStreamConstants.END_ELEMENT && "row".equals(xml.getLocalName())) {
                return;
            }
        }
    }

    private void addCell(int column, String t, int style, String value, String inline) throws XMLStreamException {
        if (column < 0 || column >= ExcelTableWriter.MAX_COLUMNS) {
            throw new XMLStreamException("row " + (rowIndex + 1) + " has a cell outside Excel's 16,384 columns");
        }
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
            int index;
            try {
                index = Integer.parseInt(value.trim());
                text = sharedStrings.getItemAt(index).getString();
            } catch (RuntimeException e) {
                throw new XMLStreamException("cell " + cellName(column) + " refers to a shared string that does not exist");
            }
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
            throw new XMLStreamException("cell " + cellName(column) + " has an unknown type '" + t + "'");
        }
        if (cellCount == columns.length) {
            int n = cellCount * 2;
            columns = java.util.Arrays.copyOf(columns, n);
            kinds = java.util.Arrays.copyOf(kinds, n);
            texts = java.util.Arrays.copyOf(texts, n);
            styles = java.util.Arrays.copyOf(styles, n);
        }
        columns[cellCount] = column;
        kinds[cellCount] = kind;
        texts[cellCount] = text;
        styles[cellCount] = style;
        cellCount++;
    }

    private String cellName(int column) {
        return org.apache.poi.ss.util.CellReference.convertNumToColString(column) + (rowIndex + 1);
    }

    private XMLStreamException tooLong() {
        return new CellTooLongException("a cell in row " + (rowIndex + 1) + " holds more than " + maxCellChars
                + " characters, more than Excel allows");
    }

    /** Reads the text content of the current element, refusing text longer than a cell may hold. */
    private String text(String element) throws XMLStreamException {
        StringBuilder sb = null;
        String single = null;
        while (xml.hasNext()) {
            int e = xml.next();
            if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA
                    || e == XMLStreamConstants.SPACE || e == XMLStreamConstants.ENTITY_REFERENCE) {
                if (single == null && sb == null) {
                    single = xml.getText();
                } else {
                    if (sb == null) {
                        sb = new StringBuilder(single);
                    }
                    sb.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
                int length = sb != null ? sb.length() : single.length();
                if (length > maxCellChars) {
                    throw tooLong();
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                break;
            } else if (e == XMLStreamConstants.START_ELEMENT) {
                throw new XMLStreamException("unexpected element <" + xml.getLocalName() + "> inside <" + element + ">");
            }
        }
        return sb != null ? sb.toString() : single == null ? "" : single;
    }

    /** Zero-based column of a cell reference such as {@code AB12}. */
    static int columnOf(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length(); i++) {
            char ch = ref.charAt(i);
            if (ch >= 'A' && ch <= 'Z') {
                col = col * 26 + (ch - 'A' + 1);
            } else if (ch >= 'a' && ch <= 'z') {
                col = col * 26 + (ch - 'a' + 1);
            } else {
                break;
            }
        }
        return col - 1;
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // nothing more to release than the stream below
        }
        in.close();
    }
}
