package org.labexport.cli;

import static org.labexport.cli.HostileCase.Expected.exported;
import static org.labexport.cli.HostileCase.Expected.failed;
import static org.labexport.cli.HostileCase.Expected.partly;
import static org.labexport.cli.HostileCase.Expected.refused;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.OptionSpec;
import org.labexport.convert.excel.TinyWorkbooks;

/**
 * The hostile corpus: every kind of bad file a lab can produce, every option's bad values for every format, special
 * files and destinations that cannot take an export, each with the outcome the README's contract promises. The inputs
 * are made at test time, tiny, from our own writers and plain bytes.
 */
final class HostileCorpus {
    /** The formats a table can be exported to, by wire name. */
    static final List<String> TABLE_FORMATS = List.of("csv", "tsv", "json", "excel", "parquet", "hdf5");

    /**
     * Cases skipped, with the known defect as the reason, until that defect is fixed; none today. A case named here
     * must exist in the corpus (a test checks it), so the list cannot go stale.
     */
    static final Map<String, String> AWAITING_CONVERTER_FIXES = Map.of();

    private HostileCorpus() {
    }

    static List<HostileCase> cases() {
        HostileCase.ListBuilder b = new HostileCase.ListBuilder();
        emptyAndGarbageFiles(b);
        damagedBinaries(b);
        textContent(b);
        shapes(b);
        converterEdges(b);
        options(b);
        specialFiles(b);
        destinations(b);
        mixedJobs(b);
        return b.build();
    }

    // ------------------------------------------------------------------ every reader: nothing and noise

    private static void emptyAndGarbageFiles(HostileCase.ListBuilder b) {
        for (String ext : List.of("csv", "tsv", "json", "xlsx", "parquet", "h5", "hdf5")) {
            String name = "empty." + ext;
            b.inProcess("zero-byte ." + ext, failed(name, "empty"),
                    f -> f.export("json", List.of(f.empty(name))));
            String noise = "noise." + ext;
            b.inProcess("garbage ." + ext, failed(noise),
                    f -> f.export("csv", List.of(f.garbage(noise))));
        }
        b.subprocess("zero-byte .csv", failed("empty.csv", "empty"),
                f -> f.export("parquet", List.of(f.empty("empty.csv"))));
        b.subprocess("garbage .parquet", failed("noise.parquet", "is a damaged Parquet file"),
                f -> f.export("csv", List.of(f.garbage("noise.parquet"))));
        // A .zip is not a table: converting it fails by name; archiving it as it is (format zip) is fine.
        b.inProcess("zero-byte .zip to csv", refused("empty.zip", "is not a data file"), f -> f.export("csv", List.of(f.empty("empty.zip"))));
        b.inProcess("garbage .zip to csv", refused("noise.zip", "is not a data file"), f -> f.export("csv", List.of(f.garbage("noise.zip"))));
        b.inProcess("garbage .zip archived as it is", exported("noise"),
                f -> f.export("zip", List.of(f.garbage("noise.zip"))));
        b.inProcess("garbage .csv.gz", failed("noise.csv.gz"),
                f -> f.export("json", List.of(f.garbage("noise.csv.gz"))));
    }

    // ------------------------------------------------------------------ valid files, then cut or flipped

    private static void damagedBinaries(HostileCase.ListBuilder b) {
        b.subprocess("truncated Parquet", failed("cut.parquet"),
                f -> f.export("csv", List.of(f.cut(f.valid(ExportFormat.PARQUET, "whole.parquet"), "cut.parquet", 0.6))));
        b.inProcess("Parquet with a damaged footer", failed("footer.parquet"),
                f -> f.export("csv", List.of(f.flip(f.valid(ExportFormat.PARQUET, "whole.parquet"), "footer.parquet",
                        -9, -10, -11, -12, -20, -30, -40))));
        b.inProcess("Parquet with its footer length pointing outside the file", failed("length.parquet"),
                f -> f.export("json", List.of(f.flip(f.valid(ExportFormat.PARQUET, "whole.parquet"), "length.parquet",
                        -5))));
        b.subprocess("truncated xlsx", failed("cut.xlsx"),
                f -> f.export("csv", List.of(f.cut(f.valid(ExportFormat.EXCEL, "whole.xlsx"), "cut.xlsx", 0.5))));
        b.inProcess("xlsx with flipped bytes inside its sheet", failed("flipped.xlsx"),
                f -> f.export("csv", List.of(flipInsideSheet(f))));
        b.subprocess("xlsx zip bomb (330 MB of sheet XML in a few hundred kB)", failed("bomb.xlsx"),
                f -> f.export("csv", List.of(xlsxBomb(f))));
        b.subprocess("truncated HDF5", failed("cut.h5"),
                f -> f.export("csv", List.of(f.cut(f.valid(ExportFormat.HDF5, "whole.h5"), "cut.h5", 0.5))));
        b.inProcess("HDF5 with a damaged superblock", failed("super.hdf5"),
                f -> f.export("json", List.of(f.flip(f.valid(ExportFormat.HDF5, "whole.h5"), "super.hdf5",
                        8, 9, 10, 11, 12, 13, 20, 24, 28, 32, 36, 40))));
        b.inProcess("truncated gzip CSV", failed("cut.csv.gz"),
                f -> f.export("json", List.of(f.cut(f.gzip("whole.csv.gz", rows(2000)), "cut.csv.gz", 0.7))));
        b.inProcess("gzip CSV with a flipped byte", failed("flipped.csv.gz"),
                f -> f.export("parquet", List.of(f.flip(f.gzip("whole.csv.gz", rows(2000)), "flipped.csv.gz",
                        -4))));
        b.subprocess("gzip CSV expanding to one 64 MB field", failed("bomb.csv.gz"), f -> {
            byte[] huge = new byte[64 << 20];
            java.util.Arrays.fill(huge, (byte) 'a');
            System.arraycopy("a,b\n".getBytes(StandardCharsets.US_ASCII), 0, huge, 0, 4);
            return f.export("csv", List.of(f.gzip("bomb.csv.gz", huge)));
        });
        b.inProcess("xlsx input_sheet naming a sheet the workbook lacks", failed("book.xlsx", "Nope"),
                f -> f.export("csv", List.of(f.valid(ExportFormat.EXCEL, "book.xlsx")), "--option",
                        "input_sheet=Nope"));
    }

    private static Path flipInsideSheet(CaseFolder f) throws Exception {
        Path whole = f.valid(ExportFormat.EXCEL, "whole.xlsx");
        long offset;
        try (ZipFile zip = new ZipFile(whole.toFile())) {
            ZipEntry sheet = zip.getEntry("xl/worksheets/sheet1.xml");
            // The local header is 30 bytes plus the name; the data follows. Flip a few bytes in the middle of it.
            offset = localDataOffset(whole, "xl/worksheets/sheet1.xml") + sheet.getCompressedSize() / 2;
        }
        int o = (int) offset;
        return f.flip(whole, "flipped.xlsx", o, o + 1, o + 2, o + 3);
    }

    private static long localDataOffset(Path zip, String entry) throws Exception {
        byte[] all = Files.readAllBytes(zip);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 30 + name.length < all.length; i++) {
            if (all[i] == 'P' && all[i + 1] == 'K' && all[i + 2] == 3 && all[i + 3] == 4) {
                int nameLen = (all[i + 26] & 0xff) | (all[i + 27] & 0xff) << 8;
                int extraLen = (all[i + 28] & 0xff) | (all[i + 29] & 0xff) << 8;
                if (nameLen == name.length && java.util.Arrays.equals(all, i + 30, i + 30 + nameLen, name, 0,
                        name.length)) {
                    return i + 30L + nameLen + extraLen;
                }
            }
        }
        throw new IllegalStateException(entry + " not found in " + zip);
    }

    private static Path xlsxBomb(CaseFolder f) throws Exception {
        Path good = f.valid(ExportFormat.EXCEL, "good.xlsx");
        Path bomb = TinyWorkbooks.zipBomb(good, f.dir().resolve("bomb.xlsx"));
        Files.delete(good); // only the bomb is an input
        return bomb;
    }

    /** A CSV of {@code n} rows as bytes. */
    static byte[] rows(int n) {
        StringBuilder sb = new StringBuilder("id,value\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i * 0.5).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ encodings and quoting

    private static void textContent(HostileCase.ListBuilder b) {
        // A UTF-16 byte-order mark is recognised and the text decoded as what it is.
        b.subprocess("UTF-16 CSV with a byte-order mark", exported("utf16").holding("Größe"),
                f -> f.export("json", List.of(f.bytes("utf16.csv", utf16WithBom("name,count\nGröße,1\n")))));
        b.inProcess("Latin-1 bytes in a UTF-8 CSV", failed("latin1.csv", "line 3", "UTF-8"),
                f -> f.export("csv", List.of(f.text("latin1.csv", "name,count\nok,1\nGröße,2\n",
                        StandardCharsets.ISO_8859_1))));
        b.inProcess("a bad UTF-8 byte at line 5000", failed("badbyte.csv", "line 5000", "UTF-8"),
                f -> f.export("parquet", List.of(f.bytes("badbyte.csv", badByteAtLine(5000)))));
        b.subprocess("ragged rows", failed("ragged.csv", "line 3"),
                f -> f.export("parquet", List.of(f.text("ragged.csv", "a,b\n1,2\n3,4,5\n6,7\n"))));
        b.inProcess("ragged TSV row with too few fields", failed("short.tsv", "line 4"),
                f -> f.export("csv", List.of(f.text("short.tsv", "a\tb\tc\n1\t2\t3\n4\t5\t6\n7\n"))));
        b.inProcess("an unterminated quote at end of file", failed("unterminated.csv", "quote"),
                f -> f.export("json", List.of(f.text("unterminated.csv", "a,b\n1,2\n3,\"never closed\n4,5\n"))));
        b.inProcess("JSON cut in the middle of a record", failed("cut.json"),
                f -> f.export("csv", List.of(f.text("cut.json", "[{\"a\": 1, \"b\": \"x\"}, {\"a\": 2, \"b\""))));
        b.inProcess("JSON that is a number, not records", failed("number.json"),
                f -> f.export("csv", List.of(f.text("number.json", "42\n"))));
    }

    private static byte[] utf16WithBom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[body.length + 2];
        all[0] = (byte) 0xFF;
        all[1] = (byte) 0xFE;
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }

    /** A CSV whose line {@code line} (1 is the header) holds a byte that is never valid UTF-8. */
    private static byte[] badByteAtLine(int line) {
        StringBuilder sb = new StringBuilder("id,name\n");
        for (int i = 2; i < line; i++) {
            sb.append(i).append(",gene").append(i).append('\n');
        }
        sb.append(line).append(",bad\u0001\n");
        sb.append(line + 1).append(",after\n");
        byte[] bytes = sb.toString().getBytes(StandardCharsets.US_ASCII);
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == 1) {
                bytes[i] = (byte) 0xFF;
            }
        }
        return bytes;
    }

    // ------------------------------------------------------------------ table shapes

    private static void shapes(HostileCase.ListBuilder b) {
        for (String format : List.of("csv", "excel", "parquet", "hdf5")) {
            b.inProcess("header-only CSV to " + format, exported("header"),
                    f -> f.export(format, List.of(f.text("header.csv", "sample,value\n"))));
        }
        // Repeated and empty names follow docs/decisions/0013: a_2, col_2.
        b.inProcess("duplicate column names", exported("dupes").holding("a_2"),
                f -> f.export("parquet", List.of(f.text("dupes.csv", "a,b,a\n1,2,3\n"))));
        b.inProcess("an empty column name", exported("blank").holding("col_2"),
                f -> f.export("json", List.of(f.text("blank.csv", "a,,c\n1,2,3\n"))));
        b.inProcess("a 1 MB field to csv", exported("long"),
                f -> f.export("csv", List.of(f.text("long.csv", "id,text\n1," + "x".repeat(1 << 20) + "\n"))));
        b.inProcess("a 1 MB field to excel (over the 32,767 characters of a cell)", failed("long.csv", "32,767"),
                f -> f.export("excel", List.of(f.text("long.csv", "id,text\n1," + "x".repeat(1 << 20) + "\n"))));
        for (String format : List.of("parquet", "hdf5", "excel", "json")) {
            HostileCase.Setup wide = f -> f.export(format, List.of(f.text("wide.csv", wideTable(3000, 3))));
            b.inProcess("3000 columns to " + format, exported("wide"), wide);
        }
    }

    private static String wideTable(int columns, int rows) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            sb.append(c == 0 ? "" : ",").append("c").append(c);
        }
        sb.append('\n');
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                sb.append(c == 0 ? "" : ",").append(r * columns + c);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Cases of known converter defects beyond the basic shapes: sparse workbooks, Excel times, nested Parquet. */
    private static void converterEdges(HostileCase.ListBuilder b) {
        b.inProcess("sparse xlsx with a far-away cell", exported("sparse").holding("far"),
                f -> f.export("csv", List.of(workbook(f, "sparse.xlsx", (wb, sheet) -> {
                    sheet.createRow(0).createCell(0).setCellValue("a");
                    sheet.getRow(0).createCell(16_383).setCellValue("far");
                    sheet.createRow(1).createCell(0).setCellValue(1);
                }))));
        b.inProcess("xlsx time with milliseconds", exported("times").holding("2024-03-10T12:34:56.789Z"),
                f -> f.export("csv", List.of(workbook(f, "times.xlsx", (wb, sheet) -> {
                    org.apache.poi.ss.usermodel.CellStyle style = wb.createCellStyle();
                    style.setDataFormat(wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss.000"));
                    sheet.createRow(0).createCell(0).setCellValue("measured_at");
                    org.apache.poi.ss.usermodel.Cell cell = sheet.createRow(1).createCell(0);
                    cell.setCellValue(java.time.LocalDateTime.of(2024, 3, 10, 12, 34, 56, 789_000_000));
                    cell.setCellStyle(style);
                }))));
        b.inProcess("nested Parquet types with the columns option", exported("nested").holding("\"id\""),
                f -> f.export("json", List.of(nestedParquet(f)), "--option", "columns=id"));
    }

    /** Fills a one-sheet workbook. */
    @FunctionalInterface
    interface SheetFiller {
        void fill(org.apache.poi.ss.usermodel.Workbook wb, org.apache.poi.ss.usermodel.Sheet sheet);
    }

    private static Path workbook(CaseFolder f, String name, SheetFiller filler) throws Exception {
        Path file = f.dir().resolve(name);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
             java.io.OutputStream out = Files.newOutputStream(file)) {
            filler.fill(wb, wb.createSheet("Data"));
            wb.write(out);
        }
        return file;
    }

    /** A Parquet file with a list and a struct column beside a plain one, written by DuckDB. */
    private static Path nestedParquet(CaseFolder f) throws Exception {
        Path file = f.dir().resolve("nested.parquet");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 1 AS id, [1, 2] AS xs, {'k': 'v'} AS s UNION ALL SELECT 2, [3], {'k': 'w'})"
                    + " TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        }
        return file;
    }

    // ------------------------------------------------------------------ options, from the formats' own description

    private static void options(HostileCase.ListBuilder b) {
        for (ExportFormat format : ExportFormat.values()) {
            String wire = format.wireName();
            b.inProcess(wire + ": unknown option", refused("'no_such_option'", "allowed options"),
                    f -> f.export(wire, List.of(f.goodCsv("in.csv")), "--option", "no_such_option=1"));
            for (OptionSpec spec : format.options()) {
                for (String bad : badValues(spec)) {
                    b.inProcess(wire + ": " + spec.key() + "=" + bad.replace("\n", "\\n"),
                            refused("'" + spec.key() + "'"),
                            f -> f.export(wire, List.of(f.goodCsv("in.csv")), "--option", spec.key() + "=" + bad));
                }
            }
        }
        b.subprocess("parquet: compression=brotli", refused("'compression'", "snappy"),
                f -> f.export("parquet", List.of(f.goodCsv("in.csv")), "--option", "compression=brotli"));
        for (String format : List.of("csv", "tsv")) {
            b.inProcess(format + ": delimiter equal to the quote character", refused("'delimiter'", "quote"),
                    f -> f.export(format, List.of(f.goodCsv("in.csv")), "--option", "delimiter='",
                            "--option", "quote_char='"));
            b.inProcess(format + ": a newline as delimiter", refused("'delimiter'"),
                    f -> f.export(format, List.of(f.goodCsv("in.csv")), "--option", "delimiter=\n"));
        }
        b.inProcess("excel: a sheet name Excel refuses", refused("'sheet_name'"),
                f -> f.export("excel", List.of(f.goodCsv("in.csv")), "--option", "sheet_name=a/b:c*"));
        b.inProcess("excel: a sheet name over 31 characters", refused("'sheet_name'"),
                f -> f.export("excel", List.of(f.goodCsv("in.csv")), "--option", "sheet_name=" + "s".repeat(40)));
        b.inProcess("unknown format", refused("'xml'"), f -> f.export("xml", List.of(f.goodCsv("in.csv"))));
        b.inProcess("ttl out of range", refused("ttl"),
                f -> f.export("csv", List.of(f.goodCsv("in.csv")), "--ttl-hours", "100000"));
        b.inProcess("ttl not a number", refused("--ttl-hours"),
                f -> f.export("csv", List.of(f.goodCsv("in.csv")), "--ttl-hours", "soon"));
    }

    /** Values each option must refuse, by its type and bounds. */
    private static List<String> badValues(OptionSpec spec) {
        List<String> bad = new ArrayList<>();
        switch (spec.type()) {
            case CHAR -> bad.addAll(List.of("ab", ""));
            case BOOLEAN -> bad.add("maybe");
            case INTEGER -> {
                bad.add("many");
                bad.add(Long.toString(spec.min() - 1));
                if (spec.max() < Long.MAX_VALUE) {
                    bad.add(Long.toString(spec.max() + 1));
                }
            }
            case CHARSET -> bad.add("NOT-A-CHARSET-8");
            case CHOICE -> bad.add("brotli");
            case STRING_LIST -> bad.add("[\"unclosed\"");
            case INT_PAIR -> bad.addAll(List.of("[1]", "[-1, 0]", "[a, b]"));
            case STRING, SHEET_NAME -> { } // free text; the sheet names have their own cases
            default -> throw new IllegalStateException(spec.type().toString());
        }
        return bad;
    }

    // ------------------------------------------------------------------ what is not a regular file

    private static void specialFiles(HostileCase.ListBuilder b) {
        b.subprocess("/dev/zero as input", refused("/dev/zero", "device"),
                f -> f.export("csv", List.of(Path.of("/dev/zero"))));
        b.inProcess("a FIFO as input", refused("pipe.csv", "FIFO"), f -> f.export("csv", List.of(fifo(f, "pipe.csv"))));
        b.inProcess("a folder as input", refused("folder.csv", "folder"),
                f -> f.export("csv", List.of(Files.createDirectories(f.dir().resolve("folder.csv")))));
        b.inProcess("a missing input", refused("missing.csv", "not found"),
                f -> f.export("csv", List.of(f.dir().resolve("missing.csv"))));
    }

    static Path fifo(CaseFolder f, String name) throws Exception {
        Path p = f.dir().resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
        return p;
    }

    // ------------------------------------------------------------------ destinations

    private static void destinations(HostileCase.ListBuilder b) {
        b.subprocess("destination is a file", refused("is a file, not a folder"), f -> {
            Path file = f.text("taken", "x");
            return f.exportTo(file.toString(), null, "csv", List.of(f.goodCsv("in.csv")));
        });
        b.inProcess("destination under a file", refused("cannot be created", "is a file"), f -> {
            Path file = f.text("taken", "x");
            return f.exportTo(file.resolve("sub").toString(), null, "csv", List.of(f.goodCsv("in.csv")));
        });
        b.subprocess("destination under /proc", refused("/proc/labexport-corpus", "cannot be created"),
                f -> f.exportTo("/proc/labexport-corpus", null, "csv", List.of(f.goodCsv("in.csv"))));
        b.inProcess("destination in a read-only place (/proc/self)", refused("/proc/self/labexport"),
                f -> f.exportTo("/proc/self/labexport", null, "csv", List.of(f.goodCsv("in.csv"))));
        b.inProcess("destination http://", refused("neither a folder nor s3://"),
                f -> f.exportTo("http://" + HostileCorpusTest.SECRET_KEY_IN_URL + "@127.0.0.1/b", null, "csv",
                        List.of(f.goodCsv("in.csv"))));
        b.inProcess("an S3 profile not in the settings", refused("'nobody'", "not in the settings"),
                f -> f.exportTo("s3://nobody@exports/x", null, "csv", List.of(f.goodCsv("in.csv"))));
        b.inProcess("an S3 profile whose endpoint has credentials in it", refused("user name or password"),
                f -> f.exportTo("s3://" + HostileCorpusTest.LEAKY_PROFILE + "@exports/x", null, "csv",
                        List.of(f.goodCsv("in.csv"))));
        b.subprocess("an S3 endpoint with credentials in the environment", refused("user name or password"),
                f -> withEnv(f.exportTo("s3://exports/x", null, "csv", List.of(f.goodCsv("in.csv"))),
                        HostileCorpusTest.leakyEnvironment()));
        b.inProcess("an S3 endpoint that refuses connections", failed("127.0.0.1", "kept at"),
                f -> f.exportTo("s3://" + HostileCorpusTest.CLOSED_PROFILE + "@exports/x", null, "csv",
                        List.of(f.goodCsv("in.csv"))));
        b.subprocess("an S3 endpoint that refuses connections, from the environment", failed("127.0.0.1", "kept at"),
                f -> withEnv(f.exportTo("s3://exports/x", null, "parquet", List.of(f.goodCsv("in.csv")),
                        "--compress"), HostileCorpusTest.closedEnvironment()));
        b.inProcess("an S3 bucket that does not exist", failed("no-such-bucket", "kept at"),
                f -> f.exportTo("s3://" + HostileCorpusTest.LAB_PROFILE + "@no-such-bucket/x", null, "csv",
                        List.of(f.goodCsv("in.csv"))));
    }

    private static HostileCase.Invocation withEnv(HostileCase.Invocation i, Map<String, String> env) {
        return new HostileCase.Invocation(i.args(), env, i.localOutput());
    }

    // ------------------------------------------------------------------ one bad file among good ones

    private static void mixedJobs(HostileCase.ListBuilder b) {
        b.subprocess("mixed: garbage Parquet and ragged CSV among good files",
                partly(List.of("good1", "good2"), "noise.parquet", "ragged.csv"),
                f -> f.export("parquet", List.of(f.goodCsv("good1.csv"), f.garbage("noise.parquet"),
                        f.text("ragged.csv", "a,b\n1\n"), f.goodCsv("good2.csv"))));
        b.inProcess("mixed: empty xlsx among good files, compressed", partly(List.of("good"), "empty.xlsx"),
                f -> f.export("json", List.of(f.goodCsv("good.csv"), f.empty("empty.xlsx")), "--compress"));
        b.inProcess("mixed: truncated HDF5 among good files, as a bag", partly(List.of("good"), "cut.h5"),
                f -> f.export("csv", List.of(f.goodCsv("good.csv"),
                        f.cut(f.valid(ExportFormat.HDF5, "whole.h5"), "cut.h5", 0.3)), "--package", "bagit"));
        b.inProcess("mixed: one bad file to S3", partly(List.of("good"), "noise.json"),
                f -> f.exportTo("s3://" + HostileCorpusTest.LAB_PROFILE + "@exports/mixed", null, "csv",
                        List.of(f.goodCsv("good.csv"), f.garbage("noise.json"))));
        b.inProcess("mixed: every file bad", failed("noise.csv", "empty.tsv"),
                f -> f.export("excel", List.of(f.garbage("noise.csv"), f.empty("empty.tsv"))));
    }

    static Set<String> awaitingNames() {
        return AWAITING_CONVERTER_FIXES.keySet();
    }
}
