package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.ooxml.POIXMLProperties;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ConversionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An opened xlsx package: its sheets in order, shared strings, which styles are date formats, the date system and
 * the column types our own writer recorded. Every failure to open becomes a {@link ConversionException} naming the
 * file; nothing here holds a sheet in memory.
 */
final class ExcelWorkbook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExcelWorkbook.class);
    private static final byte[] OLE2_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    final Path file;
    private final OPCPackage pkg;
    private final Reader reader;
    private final Map<String, String> sheetParts; // sheet name -> relationship id, in workbook order
    private final StylesTable styles;
    private final Map<Integer, Boolean> dateStyles = new HashMap<>();
    final boolean date1904;
    final List<ColumnType> declaredTypes;
    private SharedTexts sharedStrings;
    private ZipSecureFile zip; // the same file opened again for fast entry reads
    private boolean zipUnavailable;

    private ExcelWorkbook(Path file, OPCPackage pkg, Reader reader, Map<String, String> sheetParts,
                          StylesTable styles, boolean date1904, List<ColumnType> declaredTypes) {
        this.file = file;
        this.pkg = pkg;
        this.reader = reader;
        this.sheetParts = sheetParts;
        this.styles = styles;
        this.date1904 = date1904;
        this.declaredTypes = declaredTypes;
    }

    /**
     * The instant of a date cell's serial: to the microsecond in a workbook LabExport wrote (it records its column
     * types, and writes serials that hold microseconds), to the millisecond, as Excel keeps times, in any other.
     * openpyxl and pandas write 12:30:00 as 45292.52083333334, a microsecond off.
     */
    java.time.Instant instant(double serial) {
        return declaredTypes != null ? ExcelDates.instant(serial, date1904) : ExcelDates.instantToMillis(serial, date1904);
    }

    static ExcelWorkbook open(Path file) throws ConversionException {
        String name = file.getFileName().toString();
        refuseOle2(file);
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (NotOfficeXmlFileException | org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            if (e instanceof org.apache.poi.openxml4j.exceptions.InvalidFormatException
                    && !String.valueOf(e.getMessage()).startsWith("Failed to read")) {
                throw new ConversionException(name + " is not a readable Excel .xlsx workbook: it is a zip archive,"
                        + " but without the parts every workbook has (another kind of zip file, or damaged).", e);
            }
            throw new ConversionException(name + " is not a readable Excel .xlsx workbook: it is not a complete zip"
                    + " archive (damaged, truncated, or another kind of file).", e);
        } catch (org.apache.poi.EmptyFileException e) {
            throw new ConversionException(name + " is empty (zero bytes); it is not an Excel workbook.", e);
        } catch (RuntimeException e) {
            throw failure(file, e);
        }
        try {
            Reader reader = new Reader(pkg);
            reader.setUseReadOnlySharedStringsTable(true);
            Map<String, String> sheets = new LinkedHashMap<>();
            boolean date1904 = readWorkbook(reader, sheets);
            StylesTable styles = reader.getStylesTable();
            return new ExcelWorkbook(file, pkg, reader, sheets, styles, date1904, declaredTypes(pkg));
        } catch (Exception e) {
            pkg.revert();
            throw failure(file, e);
        }
    }

    /** Encrypted xlsx files and old .xls workbooks are OLE2 containers, not zip packages. */
    private static void refuseOle2(Path file) throws ConversionException {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, 4) == 4 && java.util.Arrays.equals(head, OLE2_MAGIC)) {
                throw new ConversionException(file.getFileName() + " is password-protected (encrypted) or an old .xls"
                        + " workbook; LabExport reads unencrypted .xlsx workbooks. Save it without a password as .xlsx.");
            }
        } catch (ConversionException e) {
            throw e;
        } catch (IOException e) {
            throw new ConversionException(file.getFileName() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** A clear message for whatever went wrong opening or reading the package. */
    static ConversionException failure(Path file, Throwable e) {
        String name = file.getFileName().toString();
        if (e instanceof ConversionException c) {
            return c;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("Zip bomb") || m.contains("zip bomb")) {
                return new ConversionException(name + " was refused: a part of it expands to far more data than its"
                        + " compressed size suggests (a possible zip bomb).", e);
            }
            if (t instanceof EncryptedDocumentException || t instanceof OLE2NotOfficeXmlFileException) {
                return new ConversionException(name + " is password-protected (encrypted) or not an .xlsx workbook.", e);
            }
            if (t instanceof SheetScanner.CellTooLongException) {
                return new ConversionException(name + ": " + t.getMessage() + ".", e);
            }
        }
        LOG.debug("Excel read failure on {}", file, e);
        return new ConversionException(name + " is a damaged or unsupported Excel workbook: its parts cannot be read"
                + " (open it in Excel and save it again).", e);
    }

    private static boolean readWorkbook(XSSFReader reader, Map<String, String> sheets) throws Exception {
        boolean date1904 = false;
        XMLInputFactory f = XMLInputFactory.newInstance();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = reader.getWorkbookData()) {
            XMLStreamReader xml = f.createXMLStreamReader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String local = xml.getLocalName();
                if ("workbookPr".equals(local)) {
                    String v = xml.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(v) || "true".equalsIgnoreCase(v);
                } else if ("sheet".equals(local)) {
                    String id = null;
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        if ("id".equals(xml.getAttributeLocalName(i))
                                && xml.getAttributeNamespace(i) != null
                                && xml.getAttributeNamespace(i).contains("relationships")) {
                            id = xml.getAttributeValue(i);
                        }
                    }
                    sheets.put(xml.getAttributeValue(null, "name"), id);
                }
            }
            xml.close();
        }
        return date1904;
    }

    private static List<ColumnType> declaredTypes(OPCPackage pkg) {
        try {
            POIXMLProperties props = new POIXMLProperties(pkg);
            var property = props.getCustomProperties().getProperty(ExcelTableWriter.TYPES_PROPERTY);
            if (property == null || !property.isSetLpwstr()) {
                return null;
            }
            List<ColumnType> types = new ArrayList<>();
            for (String wire : property.getLpwstr().split(",", -1)) {
                types.add(ColumnType.valueOf(wire.trim().toUpperCase(java.util.Locale.ROOT)));
            }
            return types;
        } catch (Exception e) {
            LOG.debug("No usable column types recorded in the workbook", e);
            return null; // a workbook from another tool, or damaged properties: infer instead
        }
    }

    List<String> sheetNames() {
        return new ArrayList<>(sheetParts.keySet());
    }

    boolean hasSheet(String sheet) {
        return sheetParts.containsKey(sheet);
    }

    /** The shared strings, loaded once, and only when a sheet is read. */
    SharedTexts sharedStrings() throws ConversionException {
        if (sharedStrings == null) {
            try {
                long size = checkSharedStringsSize();
                // Keeping the texts may hold a second copy of them: only for tables well inside the heap.
                boolean keep = size >= 0 && size <= Runtime.getRuntime().maxMemory() / 16;
                sharedStrings = new SharedTexts(reader.getSharedStringsTable(), keep);
            } catch (OutOfMemoryError e) {
                throw new ConversionException(file.getFileName() + ": its shared strings table is too large to read"
                        + " in the memory available.");
            } catch (Exception e) {
                throw failure(file, e);
            }
        }
        return sharedStrings;
    }

    /** Refuses a shared strings table too large for the heap; its size in bytes (0 if none, -1 if not known). */
    private long checkSharedStringsSize() throws Exception {
        long total = 0;
        for (PackagePart part : pkg.getPartsByContentType(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml")) {
            long size = part.getSize();
            total = size < 0 || total < 0 ? -1 : total + size;
            long allowed = Runtime.getRuntime().maxMemory() / 6;
            if (size > allowed) {
                throw new ConversionException(String.format(java.util.Locale.ROOT, "%s: its shared strings table"
                        + " expands to %,d MB, more than LabExport can hold in the memory available (%,d MB).",
                        file.getFileName(), size >> 20, allowed >> 20));
            }
        }
        return total;
    }

    InputStream sheet(String sheet) throws ConversionException {
        try {
            InputStream fast = deflatedEntry(sheetParts.get(sheet));
            return fast != null ? fast : reader.getSheet(sheetParts.get(sheet));
        } catch (Exception e) {
            throw failure(file, e);
        }
    }

    /** The size of the sheet's XML as the zip directory gives it, or -1. */
    long sheetXmlSize(String sheet) {
        try {
            if (zip == null || zipUnavailable) {
                return -1;
            }
            String partName = PackagingURIHelper.createPartName(reader.workbookPart()
                    .getRelationship(sheetParts.get(sheet)).getTargetURI()).getName();
            ZipArchiveEntry entry = zip.getEntry(partName.substring(1));
            return entry == null ? -1 : entry.getSize();
        } catch (InvalidFormatException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The sheet's zip entry inflated by {@link EntryInflater}, or null where that does not apply (an entry that is
     * not deflated, a name that does not map plainly, or a zip whose directory only POI's fallback reads).
     */
    private InputStream deflatedEntry(String relId) throws IOException {
        if (zipUnavailable) {
            return null;
        }
        try {
            if (zip == null) {
                zip = new ZipSecureFile(file.toFile());
            }
            PackagePart workbookPart = reader.workbookPart();
            String partName = PackagingURIHelper.createPartName(workbookPart.getRelationship(relId).getTargetURI())
                    .getName();
            ZipArchiveEntry entry = zip.getEntry(partName.substring(1));
            if (entry == null || entry.getMethod() != ZipEntry.DEFLATED) {
                return null;
            }
            return new EntryInflater(zip.getRawInputStream(entry), partName.substring(1));
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            LOG.debug("Reading {} through POI's entry streams", file, e);
            zipUnavailable = true;
            return null;
        }
    }

    /** Gives the workbook part, which XSSFReader keeps to itself. */
    private static final class Reader extends XSSFReader {
        Reader(OPCPackage pkg) throws IOException, OpenXML4JException {
            super(pkg);
        }

        PackagePart workbookPart() {
            return workbookPart;
        }
    }

    boolean isDateStyle(int styleIndex) {
        if (styleIndex == 0 || styles == null) {
            return false;
        }
        return dateStyles.computeIfAbsent(styleIndex, i -> {
            if (i >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle s = styles.getStyleAt(i);
            return s != null && DateUtil.isADateFormat(s.getDataFormat(), s.getDataFormatString());
        });
    }

    @Override
    public void close() {
        try {
            if (zip != null) {
                zip.close();
            }
        } catch (IOException e) {
            LOG.debug("Closing {}", file, e);
        } finally {
            pkg.revert();
        }
    }

    static XMLStreamException wrap(Exception e) {
        return e instanceof XMLStreamException x ? x : new XMLStreamException(e);
    }
}
