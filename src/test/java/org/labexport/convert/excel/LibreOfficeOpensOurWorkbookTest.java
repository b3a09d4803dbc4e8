package org.labexport.convert.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.Column;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.TableSchema;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

/**
 * An independent reader for our hand-written workbooks: LibreOffice (Debian's {@code libreoffice-calc-nogui}) opens
 * the file and saves it as UTF-8 CSV. Identifiers stay text, numbers stay numbers, and what Excel cannot hold as a
 * number is the documented text. Skipped where LibreOffice is not installed.
 */
class LibreOfficeOpensOurWorkbookTest {
    @TempDir
    Path dir;

    @Test
    void libreOfficeReadsIdentifiersAsTextAndNumbersAsNumbers() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/soffice")), "LibreOffice is not installed");
        Path file = dir.resolve("edge.xlsx");
        TableSchema schema = new TableSchema(List.of(new Column("gene_id", ColumnType.STRING),
                new Column("name", ColumnType.STRING), new Column("p", ColumnType.DOUBLE),
                new Column("flag", ColumnType.BOOLEAN), new Column("big", ColumnType.LONG),
                new Column("day", ColumnType.DATE)));
        EdgeTable.write(FormatRegistry.writer(ExportFormat.EXCEL).orElseThrow(), file, schema, List.of(
                new Object[] {"0001234", "MARCH1", 1e-300, true, Long.MAX_VALUE, LocalDate.of(2024, 1, 31)},
                new Object[] {"0002", "SEPT2", Double.NaN, false, -5L, LocalDate.of(2024, 2, 29)},
                new Object[] {"0003", "Ünïcødé", 2.5, null, 0L, null}),
                EdgeTable.opts(ExportFormat.EXCEL, Map.of()));

        Path out = dir.resolve("out");
        Process p = new ProcessBuilder("/usr/bin/soffice", "--headless", "-env:UserInstallation=file://"
                + dir.resolve("profile"), "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir",
                out.toString(), file.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(log).isTrue();

        List<String> lines = Files.readAllLines(out.resolve("edge.csv"), StandardCharsets.UTF_8);
        assertThat(lines).containsExactly(
                "gene_id,name,p,flag,big,day",
                "0001234,MARCH1,1E-300,TRUE,9223372036854775807,2024-01-31",
                "0002,SEPT2,NaN,FALSE,-5,2024-02-29",
                "0003,Ünïcødé,2.5,,0,");
    }
}
