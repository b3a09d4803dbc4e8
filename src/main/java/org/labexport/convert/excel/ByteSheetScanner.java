package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import com.fasterxml.jackson.core.io.NumberInput;
import org.labexport.convert.CanonicalNumberText;

/**
 * Reads the regular sheet XML that Excel, LibreOffice and our own writer produce straight from its UTF-8 bytes:
 * {@code <row r=..>}, {@code <c r=.. t=.. s=..>}, {@code <v>}, {@code <f>}, inline strings with rich-text runs, the
 * five predefined entities and character references. It gives exactly the cells {@link StaxSheetScanner} gives, at
 * several times its speed (docs/decisions/0026-excel-reading-speed.md).
 *
 * <p>Anything it does not take — another encoding, comments, CDATA, processing instructions or prefixed element names
 * inside the sheet data, unknown entities, carriage returns in text (which XML rewrites), markup where it expects
 * none, a row longer than {@link #MAX_BUFFER} bytes, or XML that ends early — stops it with {@link Unsupported}
 * before the caller has used a row of that pass, and the caller reads the sheet again with StAX, which either reads
 * it or reports what is wrong with it.
 *
 * <p>The text of number cells is kept as bytes and turned into a string or double only when asked, so the type
 * pass can skip the numbers it does not need.
 */
final class ByteSheetScanner extends SheetScanner {
    static final int INITIAL_BUFFER = 256 * 1024;
    /** The longest row (in bytes of XML) this scanner holds; longer rows are left to StAX. */
    static final int MAX_BUFFER = 16 * 1024 * 1024;
    private static final int MAX_DEPTH = 32;

    /** This scanner does not take the sheet's XML; read it with {@link StaxSheetScanner} instead. */
    static final class Unsupported extends XMLStreamException {
        private static final long serialVersionUID = 1L;

        Unsupported(String reason) {
            super("the fast sheet scanner does not take this XML: " + reason);
        }
    }

    /** The buffer ends before the current row does: read more and parse the row again. */
    private static final class NeedMore extends Exception {
        private static final long serialVersionUID = 1L;
        static final NeedMore INSTANCE = new NeedMore();

        private NeedMore() {
            super(null, null, false, false);
        }
    }

    private static final int PROLOG = 0;
    private static final int DATA = 1;
    private static final int END = 2;

    // Values of the t attribute.
    private static final int T_NUMBER = 0;
    private static final int T_SHARED = 1;
    private static final int T_INLINE = 2;
    private static final int T_STR = 3;
    private static final int T_BOOL = 4;
    private static final int T_ERROR = 5;
    private static final int T_DATE = 6;
    private static final byte[][] T_NAMES = {
        bytes("n"), bytes("s"), bytes("inlineStr"), bytes("str"), bytes("b"), bytes("e"), bytes("d")};

    private static final byte[] ROW = bytes("row");
    private static final byte[] SHEET_DATA = bytes("sheetData");

    private final InputStream in;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private int pos;
    private int limit;
    private boolean eof;
    private int state = PROLOG;
    private boolean bomSkipped;
    private long discarded; // bytes of the stream before buf[0]
    private int nextRowIndex;
    private final List<String> prologElements = new ArrayList<>();

    // Where a cell's raw ASCII text lies in buf while its string is not made yet (valid until the next row).
    private int[] rawStart = new int[64];
    private int[] rawLength = new int[64];
    private final char[] digits = new char[64];

    // Scratch results of the small parsing steps, so that they need not allocate.
    private int tagEnd; // position after the tag just parsed
    private boolean selfClosing;
    private int textEnd;
    private int textFlags;
    private final int[] attrStart = new int[3];
    private final int[] attrLength = new int[3];
    private final int[] depthStart = new int[MAX_DEPTH];
    private final int[] depthLength = new int[MAX_DEPTH];

    private static final int HAS_AMP = 1;
    private static final int NON_ASCII = 2;

    ByteSheetScanner(InputStream in, SharedTexts sharedStrings, int maxCellChars) {
        super(sharedStrings, maxCellChars);
        this.in = in;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    boolean nextRow() throws XMLStreamException {
        while (state == PROLOG) {
            try {
                prologStep();
            } catch (NeedMore e) {
                refill();
            }
        }
        while (state == DATA) {
            try {
                return row();
            } catch (NeedMore e) {
                refill();
            }
        }
        return false;
    }

    /** Keeps the unparsed bytes from {@code pos} on and reads more after them. */
    private void refill() throws XMLStreamException {
        if (eof) {
            throw new Unsupported("the sheet XML ends early");
        }
        int keep = limit - pos;
        discarded += pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, keep);
        }
        pos = 0;
        limit = keep;
        if (limit == buf.length) {
            if (buf.length >= MAX_BUFFER) {
                throw new Unsupported("a row longer than " + MAX_BUFFER + " bytes");
            }
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n;
        try {
            n = in.read(buf, limit, buf.length - limit);
        } catch (IOException e) {
            throw new XMLStreamException(String.valueOf(e.getMessage()), e);
        }
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    private byte at(int p) throws NeedMore {
        if (p >= limit) {
            throw NeedMore.INSTANCE;
        }
        return buf[p];
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\t' || b == '\r';
    }

    private int skipSpace(int p) throws NeedMore {
        while (isSpace(at(p))) {
            p++;
        }
        return p;
    }

    private boolean equalsAt(int start, int length, byte[] name) {
        return length == name.length && Arrays.equals(buf, start, start + length, name, 0, length);
    }

    /** End of the element or attribute name starting at {@code p}; refuses characters a plain name does not have. */
    private int nameEnd(int p) throws NeedMore, Unsupported {
        int start = p;
        while (true) {
            byte b = at(p);
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == ':'
                    || b == '-' || b == '.') {
                p++;
            } else if (isSpace(b) || b == '/' || b == '>' || b == '=') {
                if (p == start) {
                    throw new Unsupported("an empty name");
                }
                return p;
            } else {
                throw new Unsupported("an unusual character in a name");
            }
        }
    }

    private static final int PLAIN = 0;
    private static final int ROW_ATTRIBUTES = 1; // r
    private static final int CELL_ATTRIBUTES = 2; // r, t, s

    /** Which recorded attribute a one-letter name is in a mode: 0 r, 1 t, 2 s, or -1. */
    private static int attributeSlot(byte name, int mode) {
        if (mode == ROW_ATTRIBUTES) {
            return name == 'r' ? 0 : -1;
        }
        return name == 'r' ? 0 : name == 't' ? 1 : name == 's' ? 2 : -1;
    }

    /**
     * Reads the attributes of the tag whose name ends at {@code p}, up to its closing {@code >}, setting
     * {@link #tagEnd} and {@link #selfClosing}. In the row and cell modes, records where the values of r (and t, s)
     * lie in {@link #attrStart}/{@link #attrLength} ({@code -1} when absent).
     */
    private void attributes(int p, int mode) throws NeedMore, Unsupported {
        if (mode != PLAIN) {
            attrStart[0] = -1;
            attrStart[1] = -1;
            attrStart[2] = -1;
        }
        while (true) {
            byte b = at(p);
            boolean spaced = false;
            while (isSpace(b)) {
                spaced = true;
                b = at(++p);
            }
            if (b == '>') {
                tagEnd = p + 1;
                selfClosing = false;
                return;
            }
            if (b == '/') {
                if (at(p + 1) != '>') {
                    throw new Unsupported("'/' not followed by '>'");
                }
                tagEnd = p + 2;
                selfClosing = true;
                return;
            }
            if (!spaced) {
                throw new Unsupported("an attribute without space before it");
            }
            int nameStart = p;
            int nameLength;
            if (at(p + 1) == '=' && ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z'))) {
                nameLength = 1; // r="..", t="..", s=".." and the like
                p++;
            } else {
                p = nameEnd(p);
                nameLength = p - nameStart;
                p = skipSpace(p);
                if (at(p) != '=') {
                    throw new Unsupported("an attribute without a value");
                }
            }
            p++;
            byte quote = at(p);
            if (quote != '"' && quote != '\'') {
                p = skipSpace(p);
                quote = at(p);
                if (quote != '"' && quote != '\'') {
                    throw new Unsupported("an unquoted attribute value");
                }
            }
            int valueStart = ++p;
            while (true) {
                byte v = at(p);
                if (v == quote) {
                    break;
                }
                if (v == '<' || v == '&' || (v >= 0 && v < 0x20)) {
                    throw new Unsupported("markup, an entity or a control character in an attribute value");
                }
                p++;
            }
            int valueLength = p - valueStart;
            p++;
            if (mode != PLAIN) {
                int which = -1;
                if (nameLength == 1) {
                    which = attributeSlot(buf[nameStart], mode);
                } else if (nameLength > 2 && buf[nameStart + nameLength - 2] == ':'
                        && attributeSlot(buf[nameStart + nameLength - 1], mode) >= 0) {
                    throw new Unsupported("a prefixed attribute whose local name the sheet uses");
                }
                if (which >= 0) {
                    if (attrStart[which] >= 0) {
                        throw new Unsupported("a repeated attribute");
                    }
                    attrStart[which] = valueStart;
                    attrLength[which] = valueLength;
                }
            }
        }
    }

    /** One step through the XML before the sheet data: a declaration, a tag, or text. */
    private void prologStep() throws NeedMore, XMLStreamException {
        int p = pos;
        byte first = at(p);
        if (discarded + p == 0 && first == (byte) 0xEF) {
            if (at(1) != (byte) 0xBB || at(2) != (byte) 0xBF) {
                throw new Unsupported("an unknown byte-order mark");
            }
            pos = 3;
            bomSkipped = true;
            return;
        }
        if (first == 0 || first == (byte) 0xFE || first == (byte) 0xFF) {
            throw new Unsupported("an encoding other than UTF-8");
        }
        if (first != '<') {
            while (at(p) != '<') {
                if (!isSpace(buf[p])) {
                    throw new Unsupported("text before the sheet data");
                }
                p++;
            }
            pos = p;
            return;
        }
        byte next = at(p + 1);
        if (next == '?') {
            int end = p + 2;
            while (at(end) != '?' || at(end + 1) != '>') {
                end++;
            }
            String pi = new String(buf, p, end - p, StandardCharsets.ISO_8859_1);
            if (pi.length() > 5 && pi.startsWith("<?xml") && isSpace(buf[p + 5])) {
                if (discarded + p != (bomSkipped ? 3 : 0)) {
                    throw new Unsupported("an XML declaration that is not at the start");
                }
                int e = pi.indexOf("encoding");
                if (e >= 0) {
                    String rest = pi.substring(e + "encoding".length()).replaceAll("[\\s=\"']", " ").trim();
                    String enc = rest.split(" ")[0];
                    if (!enc.equalsIgnoreCase("UTF-8")) {
                        throw new Unsupported("the encoding " + enc);
                    }
                }
            }
            pos = end + 2;
            return;
        }
        if (next == '!') {
            throw new Unsupported("a comment, CDATA section or document type");
        }
        if (next == '/') {
            int end = nameEnd(p + 2);
            String name = new String(buf, p + 2, end - p - 2, StandardCharsets.ISO_8859_1);
            end = skipSpace(end);
            if (at(end) != '>' || prologElements.isEmpty()
                    || !prologElements.remove(prologElements.size() - 1).equals(name)) {
                throw new Unsupported("an end tag that does not match");
            }
            pos = end + 1;
            return;
        }
        int end = nameEnd(p + 1);
        String name = new String(buf, p + 1, end - p - 1, StandardCharsets.ISO_8859_1);
        String local = name.substring(name.indexOf(':') + 1);
        if (local.equals("row") || local.equals("c") || (local.equals("sheetData") && !name.equals(local))) {
            throw new Unsupported("a row or cell outside the sheet data");
        }
        attributes(end, PLAIN);
        pos = tagEnd;
        if (name.equals("sheetData")) {
            state = selfClosing ? END : DATA;
        } else if (!selfClosing) {
            prologElements.add(name);
        }
    }

    /** Parses one row from {@link #pos}, or the end of the sheet data; false at the end. */
    private boolean row() throws NeedMore, XMLStreamException {
        int p = pos;
        byte b = at(p);
        while (b != '<') {
            if (!isSpace(b)) {
                throw new Unsupported("text between rows");
            }
            b = at(++p);
        }
        byte next = at(p + 1);
        if (next == '/') {
            int end = nameEnd(p + 2);
            if (!equalsAt(p + 2, end - p - 2, SHEET_DATA)) {
                throw new Unsupported("an unexpected end tag between rows");
            }
            if (at(skipSpace(end)) != '>') {
                throw new Unsupported("a malformed end tag");
            }
            state = END;
            return false;
        }
        int nameEnd = nameEnd(p + 1);
        if (!equalsAt(p + 1, nameEnd - p - 1, ROW)) {
            throw new Unsupported("an element other than a row in the sheet data");
        }
        attributes(nameEnd, ROW_ATTRIBUTES);
        int index = attrStart[0] < 0 ? nextRowIndex : rowNumber(attrStart[0], attrLength[0]) - 1;
        rowIndex = index;
        cellCount = 0;
        rowChars = 0;
        p = tagEnd;
        if (!selfClosing) {
            p = cells(p);
        }
        pos = p;
        nextRowIndex = index + 1;
        return true;
    }

    private int rowNumber(int start, int length) {
        if (length > 0 && length <= 9) {
            int v = 0;
            for (int i = start; i < start + length; i++) {
                byte d = buf[i];
                if (d < '0' || d > '9') {
                    return Integer.parseInt(ascii(start, length));
                }
                v = v * 10 + (d - '0');
            }
            return v;
        }
        return Integer.parseInt(ascii(start, length));
    }

    private String ascii(int start, int length) {
        return new String(buf, start, length, StandardCharsets.ISO_8859_1);
    }

    /** The cells of a row from {@code p} to its end tag; the position after it. */
    private int cells(int p) throws NeedMore, XMLStreamException {
        int nextColumn = 0;
        while (true) {
            byte b = at(p);
            while (b != '<') {
                if (!isSpace(b)) {
                    throw new Unsupported("text between cells");
                }
                b = at(++p);
            }
            byte next = at(p + 1);
            if (next == 'c') {
                byte after = at(p + 2);
                if (isSpace(after) || after == '>' || after == '/') {
                    p = cell(p + 2, nextColumn);
                    nextColumn = lastColumn + 1;
                    continue;
                }
            } else if (next == '/') {
                int end = nameEnd(p + 2);
                if (!equalsAt(p + 2, end - p - 2, ROW)) {
                    throw new Unsupported("an unexpected end tag in a row");
                }
                end = skipSpace(end);
                if (at(end) != '>') {
                    throw new Unsupported("a malformed end tag");
                }
                return end + 1;
            }
            throw new Unsupported("an element other than a cell in a row");
        }
    }

    private int lastColumn;

    /** One cell whose name ends at {@code p}; the position after it. */
    private int cell(int p, int nextColumn) throws NeedMore, XMLStreamException {
        attributes(p, CELL_ATTRIBUTES);
        int refStart = attrStart[0];
        int refLength = attrLength[0];
        int typeStart = attrStart[1];
        int typeLength = attrLength[1];
        int column = refStart >= 0 ? columnOf(refStart, refLength) : nextColumn;
        lastColumn = column;
        int style = attrStart[2] < 0 ? 0 : styleNumber(attrStart[2], attrLength[2]);
        p = tagEnd;
        // What the cell holds: <v> text (the last one) and <t> texts (concatenated), at any depth, as StAX reads it.
        int valueStart = -1;
        int valueLength = 0;
        String value = null; // set when the value needed decoding
        String inline = null;
        int depth = 0;
        if (!selfClosing) {
            while (true) {
                byte b = at(p);
                while (b != '<') {
                    b = at(++p); // text outside <v> and <t> (a formula) is not read
                }
                byte next = at(p + 1);
                if (next == '/') {
                    if (depth == 0 && at(p + 2) == 'c' && at(p + 3) == '>') {
                        p += 4; // </c>, the usual end
                        break;
                    }
                    int end = nameEnd(p + 2);
                    int length = end - p - 2;
                    end = skipSpace(end);
                    if (at(end) != '>') {
                        throw new Unsupported("a malformed end tag");
                    }
                    if (depth == 0) {
                        if (length != 1 || buf[p + 2] != 'c') {
                            throw new Unsupported("an unexpected end tag in a cell");
                        }
                        p = end + 1;
                        break;
                    }
                    depth--;
                    if (!Arrays.equals(buf, p + 2, p + 2 + length, buf, depthStart[depth],
                            depthStart[depth] + depthLength[depth])) {
                        throw new Unsupported("an end tag that does not match");
                    }
                    p = end + 1;
                    continue;
                }
                if (next == '!' || next == '?') {
                    throw new Unsupported("a comment, CDATA section or processing instruction in a cell");
                }
                int nameStart = p + 1;
                int length;
                if ((next == 'v' || next == 't') && at(p + 2) == '>') {
                    length = 1; // <v> or <t>, the usual start
                    selfClosing = false;
                    p += 3;
                } else {
                    int end = nameEnd(nameStart);
                    length = end - nameStart;
                    for (int i = nameStart; i < end; i++) {
                        if (buf[i] == ':') {
                            throw new Unsupported("a prefixed element in a cell");
                        }
                    }
                    attributes(end, PLAIN);
                    p = tagEnd;
                }
                boolean isV = length == 1 && buf[nameStart] == 'v';
                boolean isT = length == 1 && buf[nameStart] == 't';
                if (isV || isT) {
                    int start = p;
                    int textLength = 0;
                    int flags = 0;
                    if (!selfClosing) {
                        p = scanText(p);
                        flags = textFlags;
                        textLength = p - start;
                        if (at(p + 1) != '/' || at(p + 2) != buf[nameStart]) {
                            throw new Unsupported("markup inside a value");
                        }
                        int close = skipSpace(p + 3);
                        if (at(close) != '>') {
                            throw new Unsupported("markup inside a value");
                        }
                        p = close + 1;
                    }
                    if (isV) {
                        if (flags == 0) {
                            value = null;
                            valueStart = start;
                            valueLength = textLength;
                            if (textLength > maxCellChars) {
                                throw tooLong();
                            }
                        } else {
                            value = decode(start, start + textLength);
                            valueStart = -1;
                            if (value.length() > maxCellChars) {
                                throw tooLong();
                            }
                        }
                    } else {
                        String part = flags == 0 ? ascii(start, textLength) : decode(start, start + textLength);
                        if (part.length() > maxCellChars) {
                            throw tooLong();
                        }
                        inline = inline == null ? part : inline + part;
                        if (inline.length() > maxCellChars) {
                            throw tooLong();
                        }
                    }
                } else if (!selfClosing) {
                    if (depth == MAX_DEPTH) {
                        throw new Unsupported("elements nested too deep in a cell");
                    }
                    depthStart[depth] = nameStart;
                    depthLength[depth] = length;
                    depth++;
                }
            }
        }
        checkColumn(column);
        boolean hasValue = value != null || valueStart >= 0;
        int type = typeStart < 0 ? T_NUMBER : typeCode(typeStart, typeLength);
        switch (type) {
            case T_NUMBER -> {
                if (!hasValue || (value != null ? value.isEmpty() : valueLength == 0)) {
                    return p; // a styled but empty cell
                }
                storeRaw(column, Kind.NUMBER, value, valueStart, valueLength, style);
            }
            case T_SHARED -> {
                if (hasValue) {
                    String index = valueText(value, valueStart, valueLength).trim();
                    String text = sharedString(column, index);
                    store(column, Kind.TEXT, text, text.length(), style);
                }
            }
            case T_INLINE -> {
                String text = inline == null ? "" : XmlSink.decodeEscapes(inline);
                store(column, Kind.TEXT, text, text.length(), style);
            }
            case T_STR -> {
                String text = hasValue ? XmlSink.decodeEscapes(valueText(value, valueStart, valueLength)) : "";
                store(column, Kind.TEXT, text, text.length(), style);
            }
            case T_BOOL -> {
                if (hasValue) {
                    String text;
                    if (value == null && valueLength == 1 && buf[valueStart] == '1') {
                        text = "1";
                    } else if (value == null && valueLength == 1 && buf[valueStart] == '0') {
                        text = "0";
                    } else {
                        text = valueText(value, valueStart, valueLength).trim();
                    }
                    store(column, Kind.BOOLEAN, text, text.length(), style);
                }
            }
            case T_ERROR -> {
                String text = hasValue ? valueText(value, valueStart, valueLength) : "";
                store(column, Kind.ERROR, text, text.length(), style);
            }
            case T_DATE -> {
                String text = hasValue ? valueText(value, valueStart, valueLength) : "";
                store(column, Kind.TEXT, text, text.length(), style);
            }
            default -> throw unknownType(column, new String(buf, typeStart, typeLength, StandardCharsets.UTF_8));
        }
        return p;
    }

    private String valueText(String decoded, int start, int length) {
        return decoded != null ? decoded : ascii(start, length);
    }

    private void storeRaw(int column, Kind kind, String decoded, int start, int length, int style)
            throws XMLStreamException {
        store(column, kind, decoded, decoded != null ? decoded.length() : length, style);
        rawStart[cellCount - 1] = start;
        rawLength[cellCount - 1] = length;
    }

    @Override
    protected void grow(int cells) {
        rawStart = Arrays.copyOf(rawStart, cells);
        rawLength = Arrays.copyOf(rawLength, cells);
    }

    private int typeCode(int start, int length) {
        for (int i = 0; i < T_NAMES.length; i++) {
            if (equalsAt(start, length, T_NAMES[i])) {
                return i;
            }
        }
        return -1;
    }

    private int columnOf(int start, int length) {
        int col = 0;
        for (int i = start; i < start + length; i++) {
            int next = withColumnLetter(col, buf[i]);
            if (next < 0) {
                break;
            }
            col = next;
        }
        return col - 1;
    }

    private int styleNumber(int start, int length) {
        if (length > 0 && length <= 9) {
            int v = 0;
            for (int i = start; i < start + length; i++) {
                byte d = buf[i];
                if (d < '0' || d > '9') {
                    return Integer.parseInt(new String(buf, start, length, StandardCharsets.UTF_8));
                }
                v = v * 10 + (d - '0');
            }
            return v;
        }
        return Integer.parseInt(new String(buf, start, length, StandardCharsets.UTF_8));
    }

    /**
     * Scans character data from {@code p} to the next {@code <}, noting in {@link #textFlags} whether it holds
     * entities or non-ASCII bytes; refuses what XML would rewrite or reject (carriage returns, control characters,
     * {@code ]]>}).
     */
    private int scanText(int p) throws NeedMore, Unsupported {
        int flags = 0;
        byte[] b = buf;
        while (true) {
            if (p >= limit) {
                throw NeedMore.INSTANCE;
            }
            byte c = b[p];
            if (c == '<') {
                break;
            }
            if (c < 0x20) {
                if (c < 0) {
                    flags |= NON_ASCII;
                } else if (c != '\n' && c != '\t') {
                    throw new Unsupported("a carriage return or control character in text");
                }
            } else if (c == '&') {
                flags |= HAS_AMP;
            } else if (c == ']' && at(p + 1) == ']' && at(p + 2) == '>') {
                throw new Unsupported("']]>' in text");
            }
            p++;
        }
        textFlags = flags;
        return p;
    }

    /** Decodes UTF-8 text with entities and character references; anything malformed is left to StAX. */
    private String decode(int start, int end) throws Unsupported {
        StringBuilder sb = new StringBuilder(end - start);
        int p = start;
        while (p < end) {
            int c = buf[p] & 0xFF;
            if (c == '&') {
                int semi = p + 1;
                while (semi < end && buf[semi] != ';' && semi - p < 12) {
                    semi++;
                }
                if (semi >= end || buf[semi] != ';') {
                    throw new Unsupported("a malformed entity");
                }
                String name = new String(buf, p + 1, semi - p - 1, StandardCharsets.ISO_8859_1);
                switch (name) {
                    case "amp" -> sb.append('&');
                    case "lt" -> sb.append('<');
                    case "gt" -> sb.append('>');
                    case "quot" -> sb.append('"');
                    case "apos" -> sb.append('\'');
                    default -> sb.appendCodePoint(characterReference(name));
                }
                p = semi + 1;
            } else if (c < 0x80) {
                sb.append((char) c);
                p++;
            } else {
                int n;
                int cp;
                int min;
                if (c >= 0xC2 && c <= 0xDF) {
                    n = 1;
                    cp = c & 0x1F;
                    min = 0x80;
                } else if (c >= 0xE0 && c <= 0xEF) {
                    n = 2;
                    cp = c & 0x0F;
                    min = 0x800;
                } else if (c >= 0xF0 && c <= 0xF4) {
                    n = 3;
                    cp = c & 0x07;
                    min = 0x10000;
                } else {
                    throw new Unsupported("malformed UTF-8");
                }
                if (p + n >= end) {
                    throw new Unsupported("malformed UTF-8");
                }
                for (int k = 1; k <= n; k++) {
                    int cc = buf[p + k] & 0xFF;
                    if ((cc & 0xC0) != 0x80) {
                        throw new Unsupported("malformed UTF-8");
                    }
                    cp = (cp << 6) | (cc & 0x3F);
                }
                if (cp < min || !isXmlChar(cp)) {
                    throw new Unsupported("malformed UTF-8 or a character XML does not allow");
                }
                sb.appendCodePoint(cp);
                p += n + 1;
            }
        }
        return sb.toString();
    }

    private static int characterReference(String name) throws Unsupported {
        int cp;
        try {
            if (name.startsWith("#x")) {
                cp = Integer.parseInt(name.substring(2), 16);
            } else if (name.startsWith("#")) {
                cp = Integer.parseInt(name.substring(1), 10);
            } else {
                throw new Unsupported("the entity &" + name + ";");
            }
        } catch (NumberFormatException e) {
            throw new Unsupported("a malformed character reference");
        }
        if (!isXmlChar(cp) || name.indexOf('+') >= 0 || name.indexOf('-') >= 0) {
            throw new Unsupported("a character reference XML does not allow");
        }
        return cp;
    }

    private static boolean isXmlChar(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }

    @Override
    long xmlBytesRead() {
        return discarded + pos;
    }

    @Override
    String text(int i) {
        String t = texts[i];
        if (t == null) {
            t = ascii(rawStart[i], rawLength[i]);
            texts[i] = t;
        }
        return t;
    }

    @Override
    double number(int i) {
        int length = rawLength[i];
        if (texts[i] == null && length <= digits.length && isPlainNumber(rawStart[i], length)) {
            int start = rawStart[i];
            for (int k = 0; k < length; k++) {
                digits[k] = (char) buf[start + k];
            }
            return NumberInput.parseDouble(digits, 0, length, true);
        }
        return Double.parseDouble(text(i));
    }

    @Override
    String canonicalDoubleText(int i) {
        return texts[i] == null && CanonicalNumberText.isCanonicalDouble(buf, rawStart[i], rawLength[i]) ? text(i) : null;
    }

    @Override
    String canonicalLongText(int i) {
        return texts[i] == null && CanonicalNumberText.isCanonicalSmallLong(buf, rawStart[i], rawLength[i])
                ? text(i) : null;
    }

    @Override
    void checkNumber(int i) {
        if (texts[i] != null || !isPlainNumber(rawStart[i], rawLength[i])) {
            Double.parseDouble(text(i));
        }
    }

    /** {@code -?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?}: text every double parser reads alike. */
    private boolean isPlainNumber(int start, int length) {
        int p = start;
        int end = start + length;
        if (p < end && buf[p] == '-') {
            p++;
        }
        int digits = p;
        while (p < end && buf[p] >= '0' && buf[p] <= '9') {
            p++;
        }
        if (p == digits) {
            return false;
        }
        if (p < end && buf[p] == '.') {
            p++;
            while (p < end && buf[p] >= '0' && buf[p] <= '9') {
                p++;
            }
        }
        if (p < end && (buf[p] == 'e' || buf[p] == 'E')) {
            p++;
            if (p < end && (buf[p] == '-' || buf[p] == '+')) {
                p++;
            }
            int exp = p;
            while (p < end && buf[p] >= '0' && buf[p] <= '9') {
                p++;
            }
            if (p == exp) {
                return false;
            }
        }
        return p == end;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
