package org.labexport.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The description of one export option, as data: the service validates with it, the CLI parses with it and the
 * create-export dialog builds its form from it.
 *
 * @param key          the option's name in export_options, snake_case
 * @param type         how its value is parsed
 * @param defaultValue the raw default, as the user would type it
 * @param allowed      for {@link OptionType#CHOICE}, the allowed raw values; empty otherwise
 * @param min          for {@link OptionType#INTEGER}, the smallest allowed value
 * @param max          for {@link OptionType#INTEGER}, the largest allowed value
 * @param label        a short human label for forms
 * @param help         one sentence of help for forms and {@code --help}
 * @param hints        how a form shows the option
 */
public record OptionSpec(String key, OptionType type, String defaultValue, List<String> allowed, long min, long max,
                         String label, String help, FormHints hints) {

    /** Made on first use (a JSON list option): the CLI loads every format's specs just to list its commands. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    public OptionSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        allowed = List.copyOf(allowed);
        hints = hints == null ? FormHints.NONE : hints;
    }

    public static OptionSpec of(String key, OptionType type, String defaultValue, String label, String help) {
        return new OptionSpec(key, type, defaultValue, List.of(), Long.MIN_VALUE, Long.MAX_VALUE, label, help,
                FormHints.NONE);
    }

    public static OptionSpec choice(String key, String defaultValue, List<String> allowed, String label, String help) {
        return new OptionSpec(key, OptionType.CHOICE, defaultValue, allowed, Long.MIN_VALUE, Long.MAX_VALUE, label, help,
                FormHints.NONE);
    }

    public static OptionSpec integer(String key, long defaultValue, long min, long max, String label, String help) {
        return new OptionSpec(key, OptionType.INTEGER, Long.toString(defaultValue), List.of(), min, max, label, help,
                FormHints.NONE);
    }

    /** The same option with hints for forms. */
    public OptionSpec withHints(FormHints formHints) {
        return new OptionSpec(key, type, defaultValue, allowed, min, max, label, help, formHints);
    }

    /** The text a form shows in the empty field: the hint's, else the default, else what is allowed. */
    public String placeholder() {
        if (hints.placeholder() != null) {
            return hints.placeholder();
        }
        return defaultValue.isEmpty() ? describeAllowed() : defaultValue;
    }

    /**
     * What is wrong with a value, worded for a form: the option's label, the value and what is allowed; null when the
     * value is good. The same rules as {@link #parse}, which words its message for the command line (by key).
     */
    public String problem(String raw) {
        try {
            parse(raw);
            return null;
        } catch (OptionException e) {
            String shown = raw == null ? "" : raw;
            return shown.isBlank() ? label + " is empty: enter " + describeAllowed() + "."
                    : label + ": '" + shown + "' is not allowed; enter " + describeAllowed() + ".";
        }
    }

    /** The parsed default value. */
    public Object defaultParsed() {
        try {
            return parse(defaultValue);
        } catch (OptionException e) {
            throw new IllegalStateException("Bad default for option " + key, e);
        }
    }

    /** What values this option accepts, in words, for error messages and help. */
    public String describeAllowed() {
        return switch (type) {
            case STRING -> "any text";
            case CHAR -> "a single character other than a line break (\\t or tab for a tab)";
            case BOOLEAN -> "true or false";
            case INTEGER -> "a whole number from " + min + " to " + max;
            case CHARSET -> "a character set name such as UTF-8, UTF-16 or ISO-8859-1";
            case CHOICE -> "one of " + String.join(", ", allowed);
            case STRING_LIST -> "a list such as [\"\",\"NA\"] or NA,N/A";
            case INT_PAIR -> "two whole numbers [row, col], each 0 or more";
            case SHEET_NAME -> "an Excel sheet name: 1 to 31 characters, none of [ ] : * ? / \\, not starting or"
                    + " ending with an apostrophe";
        };
    }

    /**
     * Parses raw text into the option's value: String, Character, Boolean, Long, Charset, String (choice),
     * {@code List<String>} or {@code int[2]}.
     *
     * @throws OptionException naming the option, the bad value and what is allowed
     */
    public Object parse(String raw) throws OptionException {
        if (raw == null) {
            throw bad("null");
        }
        switch (type) {
            case STRING:
                return raw;
            case CHAR: {
                if (raw.equals("\\t") || raw.equalsIgnoreCase("tab")) {
                    return '\t';
                }
                if (raw.length() != 1 || raw.charAt(0) == '\n' || raw.charAt(0) == '\r') {
                    throw bad(raw);
                }
                if (raw.charAt(0) == '\n' || raw.charAt(0) == '\r') {
                    // A line break ends records: as a delimiter or quote it would make the file unreadable.
                    throw new OptionException(key, "Option '" + key + "' cannot be a line break: expected "
                            + describeAllowed() + ".");
                }
                return raw.charAt(0);
            }
            case BOOLEAN: {
                String v = raw.trim().toLowerCase(Locale.ROOT);
                if (v.equals("true")) {
                    return Boolean.TRUE;
                }
                if (v.equals("false")) {
                    return Boolean.FALSE;
                }
                throw bad(raw);
            }
            case INTEGER: {
                long v;
                try {
                    v = Long.parseLong(raw.trim());
                } catch (NumberFormatException e) {
                    throw bad(raw);
                }
                if (v < min || v > max) {
                    throw bad(raw);
                }
                return v;
            }
            case CHARSET: {
                Charset charset;
                try {
                    charset = Charset.forName(raw.trim());
                } catch (IllegalArgumentException e) {
                    throw bad(raw);
                }
                if (!charset.canEncode()) {
                    throw new OptionException(key, "Option '" + key + "' names " + charset.name() + ", a character"
                            + " set Java can only read, not write: choose UTF-8, UTF-16 or ISO-8859-1, for example.");
                }
                return charset;
            }
            case SHEET_NAME:
                return sheetName(raw);
            case CHOICE: {
                String v = raw.trim().toLowerCase(Locale.ROOT);
                if (!allowed.contains(v)) {
                    throw bad(raw);
                }
                return v;
            }
            case STRING_LIST:
                return parseList(raw);
            case INT_PAIR: {
                List<String> parts = parseList(raw);
                if (parts.size() != 2) {
                    throw bad(raw);
                }
                int[] pair = new int[2];
                for (int i = 0; i < 2; i++) {
                    try {
                        pair[i] = Integer.parseInt(parts.get(i).trim());
                    } catch (NumberFormatException e) {
                        throw bad(raw);
                    }
                    if (pair[i] < 0) {
                        throw bad(raw);
                    }
                }
                return pair;
            }
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    /** Excel's own rules for a sheet name, so that a bad one is refused before the job starts, not by Excel. */
    private String sheetName(String raw) throws OptionException {
        String problem = null;
        if (raw.isBlank()) {
            problem = "it is blank";
        } else if (raw.length() > 31) {
            problem = "it has " + raw.length() + " characters, Excel allows 31";
        } else if (raw.startsWith("'") || raw.endsWith("'")) {
            problem = "it starts or ends with an apostrophe";
        } else if (raw.equalsIgnoreCase("History")) {
            problem = "Excel reserves the name History";
        } else {
            for (int i = 0; i < raw.length() && problem == null; i++) {
                char c = raw.charAt(i);
                if ("[]:*?/\\".indexOf(c) >= 0) {
                    problem = "it contains '" + c + "'";
                } else if (Character.isISOControl(c)) {
                    problem = "it contains a control character";
                }
            }
        }
        if (problem != null) {
            throw new OptionException(key, "Option '" + key + "' has an invalid value '" + raw + "': " + problem
                    + "; expected " + describeAllowed() + ".");
        }
        return raw;
    }

    private List<String> parseList(String raw) throws OptionException {
        String t = raw.trim();
        if (t.startsWith("[")) {
            try {
                String[] values = Json.MAPPER.readValue(t, String[].class);
                for (String v : values) {
                    if (v == null) {
                        throw bad(raw);
                    }
                }
                return List.of(values);
            } catch (JsonProcessingException e) {
                throw bad(raw);
            }
        }
        if (t.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(raw.split(",", -1)));
    }

    private OptionException bad(String raw) {
        return new OptionException(key, "Option '" + key + "' has an invalid value '" + raw + "': expected "
                + describeAllowed() + ".");
    }
}
