package org.labexport.convert;

/**
 * Limits on the text of a {@link OptionType#STRING} option, as data: its length, characters it may not contain and
 * characters it may not start or end with (an Excel sheet name: 1 to 31 characters, none of {@code : \ / ? * [ ]},
 * no apostrophe at either end).
 *
 * @param minLength   fewest characters
 * @param maxLength   most characters
 * @param forbidden   characters not allowed anywhere
 * @param notAtEdges  characters not allowed first or last
 * @param description what is allowed, in words, for messages and help
 */
public record TextRule(int minLength, int maxLength, String forbidden, String notAtEdges, String description) {

    /** The name of an Excel sheet, as Excel and POI's {@code WorkbookUtil.validateSheetName} accept it. */
    public static final TextRule EXCEL_SHEET_NAME = new TextRule(1, 31, ":\\/?*[]", "'",
            "a sheet name of 1 to 31 characters, without any of : \\ / ? * [ ] and not starting or ending with '");

    public TextRule {
        forbidden = forbidden == null ? "" : forbidden;
        notAtEdges = notAtEdges == null ? "" : notAtEdges;
    }

    /** Whether the text keeps to this rule. */
    public boolean accepts(String text) {
        if (text == null || text.length() < minLength || text.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (forbidden.indexOf(text.charAt(i)) >= 0) {
                return false;
            }
        }
        return text.isEmpty() || notAtEdges.indexOf(text.charAt(0)) < 0
                && notAtEdges.indexOf(text.charAt(text.length() - 1)) < 0;
    }
}
