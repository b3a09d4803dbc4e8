package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.excel.TinyWorkbooks;

/**
 * Tables of any shape convert in a 256 MB heap, or fail that one file with a message naming it: thousands of
 * columns of two rows (whose per-column buffers once took gigabytes), and a workbook with one cell at XFD1048576.
 * Each case runs in a child JVM with {@code -Xmx256m} ({@link SmallHeapConversions}); running out of memory there
 * crashes the child, which fails the test.
 */
class WideAndSparseTablesMemoryTest {
    @TempDir
    Path dir;

    /** A CSV of {@code columns} text columns c0, c1, ... and two rows of values r{row}c{column}. */
    private Path wideCsv(String name, int columns) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < columns; c++) {
                w.write((c == 0 ? "" : ",") + "c" + c);
            }
            for (int r = 1; r <= 2; r++) {
                w.write('\n');
                for (int c = 0; c < columns; c++) {
                    w.write((c == 0 ? "" : ",") + "r" + r + "c" + c);
                }
            }
            w.write('\n');
        }
        return file;
    }

    /** Runs the conversions in one child JVM with a 256 MB heap; its lines, one per conversion. */
    private List<String> convertInSmallHeap(String... conversions) throws Exception {
        return convertInHeap("256m", conversions);
    }

    private List<String> convertInHeap(String heap, String... conversions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-Dlogback.configurationFile=none",
                "-cp", System.getProperty("java.class.path"), SmallHeapConversions.class.getName(),
                dir.resolve("out").toString()));
        command.addAll(List.of(conversions));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text.lines().filter(l -> l.startsWith("OK ") || l.startsWith("FAILED ")).toList();
    }

    @Test
    void fourThousandTextColumnsOfTwoRowsConvertToParquetAndHdf5() throws Exception {
        Path wide = wideCsv("wide.csv", 4_000);

        List<String> lines = convertInSmallHeap(wide + "|parquet", wide + "|hdf5");

        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("OK 2 "));
        for (String line : lines) {
            TestTables.Table t = TestTables.read(Path.of(line.substring("OK 2 ".length())));
            assertThat(t.schema().size()).isEqualTo(4_000);
            assertThat(t.schema().column(3_999)).isEqualTo(new Column("c3999", ColumnType.STRING));
            assertThat(t.column("c0")).containsExactly("r1c0", "r2c0");
            assertThat(t.column("c3999")).containsExactly("r1c3999", "r2c3999");
        }
    }

    @Test
    void aHundredThousandColumnsConvertToCsvAndAreRefusedByNameWhereTheyCannotFit() throws Exception {
        Path wide = wideCsv("very-wide.csv", 100_000);

        List<String> lines = convertInSmallHeap(wide + "|parquet", wide + "|hdf5", wide + "|csv", wide + "|excel");

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("FAILED very-wide.csv: the table has 100,000 columns; writing that many"
                + " as Parquet needs about 976 MB of memory, more than half of the ").endsWith(" MB LabExport may use."
                + " Choose fewer columns with the columns option, export to CSV, or give LabExport more memory.");
        assertThat(lines.get(1)).isEqualTo("FAILED very-wide.csv: the table has 100,000 columns, more than the 4,000"
                + " an HDF5 export can list (HDF5 limits the attributes that hold the column names and types to"
                + " 64 KB). Choose fewer columns with the columns option, or export to Parquet or CSV.");
        assertThat(lines.get(2)).startsWith("OK 2 ");
        assertThat(Files.mismatch(Path.of(lines.get(2).substring("OK 2 ".length())), wide)).isEqualTo(-1L);
        assertThat(lines.get(3)).isEqualTo("FAILED very-wide.csv: the table has 100,000 columns but an Excel sheet"
                + " holds at most 16,384; nothing was written. Choose fewer columns or another format.");
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("out3.csv");
        }
    }

    @Test
    void oneCellAtTheFarCornerOfASheetIsRefusedNamingTheSheetAndTheCell() throws Exception {
        Path far = TinyWorkbooks.withSheetData(dir.resolve("far.xlsx"), "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                + "<is><t>sample</t></is></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>");
        Path farHeader = TinyWorkbooks.withSheetData(dir.resolve("far-header.xlsx"),
                "<row r=\"1\"><c r=\"XFD1\" t=\"inlineStr\"><is><t>last</t></is></c></row>");

        List<String> lines = convertInSmallHeap(far + "|csv", far + "|parquet", farHeader + "|csv",
                farHeader + "|parquet");

        String refused = "FAILED far.xlsx, sheet 'Data': its cells spread over 1,048,575 rows x 16,384 columns (to"
                + " cell XFD1048576) but only 1 of them holds a value. Delete the stray cells far from the data"
                + " (Excel: select the empty rows and columns after the table and delete them) and export again.";
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(refused);
        assertThat(lines.get(1)).isEqualTo(refused);
        // A header row reaching column XFD is a table of 16,384 columns and no rows: CSV takes it.
        assertThat(lines.get(2)).startsWith("OK 0 ");
        String header = Files.readString(Path.of(lines.get(2).substring("OK 0 ".length())));
        assertThat(header).startsWith("column_1,column_2,").endsWith(",column_16383,last\n");
        assertThat(lines.get(3)).startsWith("FAILED far-header.xlsx: the table has 16,384 columns; writing that"
                + " many as Parquet needs about 160 MB of memory");
    }

    @Test
    void runningOutOfMemoryFailsThatFileByNameAndTheNextFileStillConverts() throws Exception {
        // One value of 14 million characters (under the 16 Mi limit of a field) cannot be held in a 48 MB heap.
        Path huge = dir.resolve("huge.csv");
        try (BufferedWriter w = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            w.write("id,sequence\n1,");
            char[] block = new char[1 << 20];
            java.util.Arrays.fill(block, 'A');
            for (int i = 0; i < 14; i++) {
                w.write(block);
            }
            w.write('\n');
        }
        Path small = Files.writeString(dir.resolve("small.csv"), "id,sequence\n1,ACGT\n");

        List<String> lines = convertInHeap("48m", huge + "|parquet", small + "|parquet");

        assertThat(lines).hasSize(2);
        // The heap the JVM reports for -Xmx48m differs a little between collectors.
        assertThat(lines.get(0)).matches("FAILED huge\\.csv: the table is too large to convert in the 4\\d MB of"
                + " memory LabExport may use \\(very long values or very many columns\\)\\. Give LabExport more"
                + " memory, or choose fewer columns with the columns option\\.");
        assertThat(lines.get(1)).isEqualTo("OK 1 " + dir.resolve("out").resolve("out2.parquet"));
        assertThat(TestTables.read(dir.resolve("out").resolve("out2.parquet")).column("sequence"))
                .containsExactly("ACGT");
    }
}
