package org.labexport.convert.excel;

import java.util.List;
import java.util.Map;

/** The fixed parts of the xlsx package our writer produces (SpreadsheetML transitional, the parts Excel requires). */
final class XlsxParts {
    static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    static final String REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

    /** Style indexes in {@link #STYLES}. */
    static final int STYLE_HEADER = 1;
    static final int STYLE_LONG = 2;
    static final int STYLE_DATE = 3;
    static final int STYLE_TIMESTAMP = 4;
    static final int STYLE_TEXT = 5;

    static final String STYLES = HEAD
            + "<styleSheet xmlns=\"" + MAIN_NS + "\">"
            + "<numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/>"
            + "<numFmt numFmtId=\"165\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss.000\"/></numFmts>"
            + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
            + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
            + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"6\">"
            + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
            + "<xf numFmtId=\"1\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"165\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
            + "</cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>";

    static final String ROOT_RELS = HEAD
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"" + REL_NS + "/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"" + REL_NS + "/custom-properties\" Target=\"docProps/custom.xml\"/>"
            + "</Relationships>";

    private XlsxParts() {
    }

    static String contentTypes(int sheets) {
        StringBuilder sb = new StringBuilder(HEAD)
                .append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
                .append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
                .append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
                .append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
                .append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>")
                .append("<Override PartName=\"/docProps/custom.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.custom-properties+xml\"/>");
        for (int i = 1; i <= sheets; i++) {
            sb.append("<Override PartName=\"/xl/worksheets/sheet").append(i)
                    .append(".xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        return sb.append("</Types>").toString();
    }

    static String workbook(List<String> sheetNames) {
        StringBuilder sb = new StringBuilder(HEAD).append("<workbook xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\">")
                .append("<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>");
        for (int i = 0; i < sheetNames.size(); i++) {
            sb.append("<sheet name=\"").append(attr(sheetNames.get(i))).append("\" sheetId=\"").append(i + 1)
                    .append("\" r:id=\"rId").append(i + 1).append("\"/>");
        }
        return sb.append("</sheets></workbook>").toString();
    }

    static String workbookRels(int sheets) {
        StringBuilder sb = new StringBuilder(HEAD)
                .append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        for (int i = 1; i <= sheets; i++) {
            sb.append("<Relationship Id=\"rId").append(i).append("\" Type=\"").append(REL_NS)
                    .append("/worksheet\" Target=\"worksheets/sheet").append(i).append(".xml\"/>");
        }
        sb.append("<Relationship Id=\"rId").append(sheets + 1).append("\" Type=\"").append(REL_NS)
                .append("/styles\" Target=\"styles.xml\"/>");
        return sb.append("</Relationships>").toString();
    }

    /** docProps/custom.xml with one text property. */
    static String customProperties(String name, String value) {
        return customProperties(Map.of(name, value));
    }

    /** docProps/custom.xml with one text property per entry, in order (ids from 2, as the format asks). */
    static String customProperties(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder(HEAD)
                .append("<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/custom-properties\"")
                .append(" xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">");
        int pid = 2;
        for (Map.Entry<String, String> p : properties.entrySet()) {
            sb.append("<property fmtid=\"{D5CDD505-2E9C-101B-9397-08002B2CF9AE}\" pid=\"").append(pid++)
                    .append("\" name=\"").append(attr(xmlChars(p.getKey()))).append("\">")
                    .append("<vt:lpwstr>").append(attr(xmlChars(p.getValue()))).append("</vt:lpwstr></property>");
        }
        return sb.append("</Properties>").toString();
    }

    /**
     * The text with characters XML 1.0 cannot hold (control characters other than tab and line ends, unpaired
     * surrogates; possible in a file path) replaced by U+FFFD, so the part stays readable.
     */
    static String xmlChars(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(s.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                ok = (c >= 0x20 && c <= 0xD7FF) || c == '\t' || c == '\n' || c == '\r'
                        || (c >= 0xE000 && c <= 0xFFFD);
            }
            if (!ok && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? s : out.toString();
    }

    /** The start of a worksheet up to the opening of its data, with frozen panes if asked. */
    static String sheetStart(boolean selected, int freezeRows, int freezeCols) {
        StringBuilder sb = new StringBuilder(HEAD).append("<worksheet xmlns=\"").append(MAIN_NS)
                .append("\" xmlns:r=\"").append(REL_NS).append("\"><sheetViews><sheetView")
                .append(selected ? " tabSelected=\"1\"" : "").append(" workbookViewId=\"0\">");
        if (freezeRows > 0 || freezeCols > 0) {
            String pane = freezeRows > 0 && freezeCols > 0 ? "bottomRight" : freezeRows > 0 ? "bottomLeft" : "topRight";
            sb.append("<pane");
            if (freezeCols > 0) {
                sb.append(" xSplit=\"").append(freezeCols).append('"');
            }
            if (freezeRows > 0) {
                sb.append(" ySplit=\"").append(freezeRows).append('"');
            }
            sb.append(" topLeftCell=\"").append(columnName(freezeCols)).append(freezeRows + 1)
                    .append("\" activePane=\"").append(pane).append("\" state=\"frozen\"/>")
                    .append("<selection pane=\"").append(pane).append("\"/>");
        }
        return sb.append("</sheetView></sheetViews><sheetFormatPr defaultRowHeight=\"15\"/><sheetData>").toString();
    }

    static final String SHEET_END = "</sheetData></worksheet>";

    /** Excel's column letters: 0 is A, 26 is AA. */
    static String columnName(int column) {
        StringBuilder sb = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int r = (c - 1) % 26;
            sb.insert(0, (char) ('A' + r));
            c = (c - 1) / 26;
        }
        return sb.toString();
    }

    static String attr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
