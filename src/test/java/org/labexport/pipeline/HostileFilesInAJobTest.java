package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.convert.excel.TinyWorkbooks;

/**
 * A job with hostile files, run by the real command line in a JVM with a 256 MB heap: each hostile file fails by
 * name with its reason, the good file is exported, and the job says how many failed.
 */
class HostileFilesInAJobTest {
    @TempDir
    Path dir;

    @Test
    void hostileFilesFailOneByOneAndTheGoodFileIsExported() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path wide = data.resolve("very-wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(wide, StandardCharsets.UTF_8)) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 100_000; c++) {
                    w.write((c == 0 ? "" : ",") + (r == 0 ? "c" + c : "v"));
                }
                w.write('\n');
            }
        }
        Path far = TinyWorkbooks.withSheetData(data.resolve("far.xlsx"), "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                + "<is><t>sample</t></is></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>");
        Path unclosed = Files.writeString(data.resolve("unclosed.csv"), "a,b\n1,\"hello\n2,world\n3,end");
        Path good = Files.writeString(data.resolve("good.csv"), "a,b\n1,x\n2,y\n");
        Path out = dir.resolve("out");

        // The production logging configuration: what a user's terminal shows.
        Path mainLogback = Path.of(getClass().getResource("/logback.xml").toURI());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlogback.configurationFile=" + mainLogback, "-cp", System.getProperty("java.class.path"),
                "org.labexport.Main", "export",
                wide.toString(), far.toString(), unclosed.toString(), good.toString(), "--format", "parquet",
                "--dest", out.toString(), "--json").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(stdout).isEqualTo(1);
        JsonNode job = new ObjectMapper().readTree(stdout);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("failed_files").asInt()).isEqualTo(3);
        String errors = job.get("error_message").asText();
        assertThat(errors).contains("very-wide.csv: the table has 100,000 columns; writing that many as Parquet"
                        + " needs about 976 MB of memory")
                .contains("far.xlsx, sheet 'Data': its cells spread over 1,048,575 rows x 16,384 columns (to cell"
                        + " XFD1048576) but only 1 of them holds a value.")
                .contains("unclosed.csv, line 2: the record that starts on this line has a quoted field that is never"
                        + " closed")
                .doesNotContain("Exception").doesNotContain("OutOfMemory").doesNotContain(".part-");
        Path folder = Path.of(job.get("output_path").asText());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(f -> f.getFileName().toString()).toList();
            assertThat(names).hasSize(1).allSatisfy(n -> assertThat(n).endsWith("_good.parquet"));
        }
    }
}
