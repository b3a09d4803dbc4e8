package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;

/** {@code labexport export --package bagit} and {@code labexport verify}: output lines, JSON and exit codes. */
class VerifyCommandTest {
    @TempDir
    Path tmp;

    CliRun labexport(String... args) {
        return CliRun.run(new AppHome(tmp.resolve("home")), args);
    }

    @Test
    void aBagMadeOnTheCommandLineVerifiesAndAChangedByteGivesExitOneNamingTheFile() throws Exception {
        Path a = Files.writeString(Files.createDirectories(tmp.resolve("data")).resolve("a.csv"), "x,y\n1,2\n3,4\n");
        CliRun export = labexport("export", a.toString(), "--format", "json", "--package", "bagit", "--project",
                "PRJ-7", "--license", "CC0-1.0", "--author", "https://orcid.org/0000-0002-1825-0097", "--dest",
                tmp.resolve("out").toString(), "--json");
        assertThat(export.exitCode()).as(export.err()).isZero();
        Path bag = Path.of(new ObjectMapper().readTree(export.out()).get("output_path").asText());
        String crate = Files.readString(bag.resolve("data/ro-crate-metadata.json"));
        assertThat(crate).contains("https://spdx.org/licenses/CC0-1.0").contains("orcid.org/0000-0002-1825-0097")
                .contains("PRJ-7");

        CliRun ok = labexport("verify", bag.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).startsWith("VALID BagIt bag " + bag).contains("every checksum matches");

        Path json = Files.list(bag.resolve("data")).filter(p -> p.toString().endsWith("_a.json")).findFirst()
                .orElseThrow();
        byte[] bytes = Files.readAllBytes(json);
        bytes[1] ^= 0x20;
        Files.write(json, bytes);
        CliRun bad = labexport("verify", bag.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).startsWith("INVALID BagIt bag").contains("changed  data/" + json.getFileName()
                + ": its SHA256 differs");

        CliRun asJson = labexport("verify", bag.toString(), "--json");
        assertThat(asJson.exitCode()).isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(asJson.out());
        assertThat(report.get("valid").asBoolean()).isFalse();
        assertThat(report.get("kind").asText()).isEqualTo("bagit");
        assertThat(report.get("problems").findValuesAsText("file")).contains("data/" + json.getFileName());
    }

    @Test
    void nothingAtThePathOrAnUnknownPackageIsBadUsage() {
        CliRun missing = labexport("verify", tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Nothing to verify at").contains("nope").doesNotContain("Exception");

        CliRun unknown = labexport("export", "x.csv", "--format", "csv", "--package", "tar");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown package 'tar'").contains("none, bagit");
    }

    @Test
    void filesAddKeepsNumbersAndBooleansTypedAndThePipelineRun() throws Exception {
        Path a = Files.writeString(Files.createDirectories(tmp.resolve("data")).resolve("a.csv"), "x\n1\n");
        CliRun add = labexport("files", "add", a.toString(), "--meta", "sample_count=12", "--meta", "ok=true",
                "--meta", "plate=0012", "--meta", "label=\"12\"", "--meta", "pipeline_run=nf-88");
        assertThat(add.exitCode()).as(add.err()).isZero();

        JsonNode file = new ObjectMapper().readTree(labexport("files", "list", "--json").out()).get(0);
        assertThat(file.path("metadata").path("sample_count").isIntegralNumber()).isTrue();
        assertThat(file.path("metadata").path("ok").isBoolean()).isTrue();
        assertThat(file.path("metadata").path("plate").asText()).isEqualTo("0012");
        assertThat(file.path("metadata").path("label").isTextual()).isTrue();
        assertThat(file.path("metadata").has("pipeline_run")).isFalse();
        assertThat(file.path("pipeline_run").asText()).isEqualTo("nf-88");
    }
}
