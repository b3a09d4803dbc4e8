package org.labexport.convert.excel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Builds small xlsx files from hand-written sheet XML, the way other tools write them, for hostile-input tests. */
public final class TinyWorkbooks {
    private TinyWorkbooks() {
    }

    /** A workbook whose one sheet, "Data", holds {@code sheetData} (the rows, inside {@code <sheetData>}). */
    public static Path withSheetData(Path file, String sheetData) throws IOException {
        return withSheet(file, XlsxParts.HEAD + "<worksheet xmlns=\"" + XlsxParts.MAIN_NS + "\"><sheetData>"
                + sheetData + "</sheetData></worksheet>");
    }

    /** A workbook whose one sheet, "Data", is {@code sheetXml}. */
    public static Path withSheet(Path file, String sheetXml) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            entry(zip, "[Content_Types].xml", XlsxParts.contentTypes(1));
            entry(zip, "_rels/.rels", XlsxParts.HEAD
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"" + XlsxParts.REL_NS + "/officeDocument\""
                    + " Target=\"xl/workbook.xml\"/></Relationships>");
            entry(zip, "xl/workbook.xml", XlsxParts.workbook(List.of("Data")));
            entry(zip, "xl/_rels/workbook.xml.rels", XlsxParts.workbookRels(1));
            entry(zip, "xl/styles.xml", XlsxParts.STYLES);
            entry(zip, "xl/worksheets/sheet1.xml", sheetXml);
        }
        return file;
    }

    /**
     * A copy of the workbook {@code good} whose first sheet is about 330 MB of XML (4,000,000 rows of 40 letters),
     * deflated to a few hundred kB: a zip bomb that a reader must refuse without inflating it into memory.
     */
    public static Path zipBomb(Path good, Path bomb) throws IOException {
        byte[] row = "<row><c t=\"inlineStr\"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[row.length * 1000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(row, 0, block, i * row.length, row.length);
        }
        try (ZipFile in = new ZipFile(good.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.setLevel(Deflater.BEST_COMPRESSION);
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    out.write(("<worksheet xmlns=\"" + XlsxParts.MAIN_NS + "\"><sheetData>")
                            .getBytes(StandardCharsets.US_ASCII));
                    for (int i = 0; i < 4000; i++) {
                        out.write(block);
                    }
                    out.write("</sheetData></worksheet>".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(in.getInputStream(e).readAllBytes());
                }
                out.closeEntry();
            }
        }
        return bomb;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
