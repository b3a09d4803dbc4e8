package org.labexport.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Options that would write an unreadable file, or that Excel or Java would refuse later, are refused by
 * {@link ExportOptions#parse} (which the service, and so the command line and the dialog, validate through) before
 * any job starts, with a message naming the option.
 */
class OptionChecksTest {

    static Stream<Arguments> refused() {
        String sheetRules = "expected an Excel sheet name: 1 to 31 characters, none of [ ] : * ? / \\, not starting or"
                + " ending with an apostrophe.";
        return Stream.of(
                Arguments.of(ExportFormat.CSV, Map.of("delimiter", "\""), "quote_char",
                        "Options 'delimiter' and 'quote_char' of format csv are both '\"': a reader could not tell a"
                                + " quoted field from the fields around it. Choose two different characters."),
                Arguments.of(ExportFormat.TSV, Map.of("quote_char", "tab"), "quote_char",
                        "Options 'delimiter' and 'quote_char' of format tsv are both '\\t': a reader could not tell a"
                                + " quoted field from the fields around it. Choose two different characters."),
                Arguments.of(ExportFormat.CSV, Map.of("delimiter", "\n"), "delimiter",
                        "Option 'delimiter' has an invalid value '\n': expected a single character other than a line"
                                + " break (\\t or tab for a tab)."),
                Arguments.of(ExportFormat.CSV, Map.of("delimiter", "\r"), "delimiter",
                        "Option 'delimiter' has an invalid value '\r': expected a single character other than a line"
                                + " break (\\t or tab for a tab)."),
                Arguments.of(ExportFormat.TSV, Map.of("quote_char", "\n"), "quote_char",
                        "Option 'quote_char' has an invalid value '\n': expected a single character other than a"
                                + " line break (\\t or tab for a tab)."),
                Arguments.of(ExportFormat.CSV, Map.of("encoding", "klingon-8"), "encoding",
                        "Option 'encoding' has an invalid value 'klingon-8': expected a character set name such as"
                                + " UTF-8, UTF-16 or ISO-8859-1."),
                Arguments.of(ExportFormat.CSV, Map.of("encoding", "x-JISAutoDetect"), "encoding",
                        "Option 'encoding' names x-JISAutoDetect, a character set Java can only read, not write:"
                                + " choose UTF-8, UTF-16 or ISO-8859-1, for example."),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "A sheet name of thirty-two chars"),
                        "sheet_name", "Option 'sheet_name' has an invalid value 'A sheet name of thirty-two chars':"
                                + " it has 32 characters, Excel allows 31; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "results[1]"), "sheet_name",
                        "Option 'sheet_name' has an invalid value 'results[1]': it contains '['; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "a:b"), "sheet_name",
                        "Option 'sheet_name' has an invalid value 'a:b': it contains ':'; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "why?"), "sheet_name",
                        "Option 'sheet_name' has an invalid value 'why?': it contains '?'; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "a*"), "sheet_name",
                        "Option 'sheet_name' has an invalid value 'a*': it contains '*'; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "in\\out"), "sheet_name",
                        "Option 'sheet_name' has an invalid value 'in\\out': it contains '\\'; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "   "), "sheet_name",
                        "Option 'sheet_name' has an invalid value '   ': it is blank; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", ""), "sheet_name",
                        "Option 'sheet_name' has an invalid value '': it is blank; " + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "'quoted"), "sheet_name",
                        "Option 'sheet_name' has an invalid value ''quoted': it starts or ends with an apostrophe; "
                                + sheetRules),
                Arguments.of(ExportFormat.EXCEL, Map.of("sheet_name", "history"), "sheet_name",
                        "Option 'sheet_name' has an invalid value 'history': Excel reserves the name History; "
                                + sheetRules));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void conflictingOrImpossibleOptionsAreRefusedNamingTheOption(ExportFormat format, Map<String, String> raw,
                                                                  String option, String message) {
        assertThatThrownBy(() -> ExportOptions.parse(format, raw)).isInstanceOf(OptionException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((OptionException) e).option()).isEqualTo(option));
    }

    @Test
    void validNamesAndCharactersAreKept() throws Exception {
        assertThat(ExportOptions.parse(ExportFormat.EXCEL, Map.of("sheet_name", "Résultats 2024 (v2) it's"))
                .string("sheet_name")).isEqualTo("Résultats 2024 (v2) it's");
        assertThat(ExportOptions.parse(ExportFormat.EXCEL, Map.of("sheet_name", "x".repeat(31)))
                .string("sheet_name")).hasSize(31);
        ExportOptions csv = ExportOptions.parse(ExportFormat.CSV, Map.of("delimiter", ";", "quote_char", "'",
                "encoding", "ISO-8859-1"));
        assertThat(csv.character("delimiter")).isEqualTo(';');
        assertThat(csv.character("quote_char")).isEqualTo('\'');
        assertThat(csv.charset("encoding").name()).isEqualTo("ISO-8859-1");
    }
}
