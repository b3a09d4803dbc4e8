package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads any well-formed sheet XML with StAX, one row at a time: the general path behind {@link ByteSheetScanner},
 * used for sheets whose XML that scanner does not take (prefixed element names, comments, CDATA, other encodings).
 */
final class StaxSheetScanner extends SheetScanner {
    private static final XMLInputFactory FACTORY = newFactory();

    private final InputStream in;
    private final XMLStreamReader xml;
    private int nextRowIndex;

    StaxSheetScanner(InputStream in, SharedTexts sharedStrings, int maxCellChars) throws XMLStreamException {
        super(sharedStrings, maxCellChars);
        this.in = in;
        this.xml = FACTORY.createXMLStreamReader(in);
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    @Override
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
        rowChars = 0;
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
