package org.labexport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeFileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "degs.csv|file_123_degs",
        "../../etc/passwd|file_123_etc_passwd",
        "a/b\\c:d*e?f\"g<h>i.csv|file_123_a_b_c_d_e_f_g_h_i",
        "CON.csv|file_123_CON",
        "trailing. .csv|file_123_trailing",
        "résumé données.xlsx|file_123_résumé_données",
        ".hidden.csv|file_123_hidden",
        "counts.csv.gz|file_123_counts",
        "'   .csv'|file_123_file"})
    void outputStemsAreSafeOnEveryOs(String original, String expected) {
        assertThat(SafeFileNames.outputStem(123, original)).isEqualTo(expected);
    }

    @Test
    void controlCharactersAndDotDotNeverSurvive() {
        String s = SafeFileNames.sanitizeFileName("a\u0000b\u001fc..d\n.csv");
        assertThat(s).doesNotContain("..").doesNotContainPattern("\\p{Cntrl}").isEqualTo("a_b_c.d.csv");
    }

    @ParameterizedTest
    @CsvSource({"CON,_CON", "nul.txt,_nul.txt", "COM1.csv,_COM1.csv", "LPT9,_LPT9", "CONSOLE,CONSOLE"})
    void reservedWindowsNamesArePrefixed(String name, String expected) {
        assertThat(SafeFileNames.sanitizeFileName(name)).isEqualTo(expected);
    }

    @Test
    void longNamesAreCut() {
        String stem = SafeFileNames.outputStem(1, "x".repeat(500) + ".csv");
        assertThat(stem.length()).isLessThanOrEqualTo(SafeFileNames.MAX_STEM + "file_1_".length());
    }

    @Test
    void namesAreUniqueIgnoringCase() {
        UniqueNames names = new UniqueNames();
        assertThat(names.claim("file_1_a.csv")).isEqualTo("file_1_a.csv");
        assertThat(names.claim("FILE_1_A.csv")).isEqualTo("FILE_1_A_2.csv");
        assertThat(names.claim("file_1_a.csv")).isEqualTo("file_1_a_3.csv");
        assertThat(names.claim("file_1_a.csv.gz")).isEqualTo("file_1_a.csv.gz");
    }
}
