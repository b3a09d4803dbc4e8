package org.labexport.convert;

import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validated export options for one format: every known option with its parsed value, defaults filled in.
 * Built only through {@link #parse}, so holding one means the options were checked.
 */
public final class ExportOptions {
    private final ExportFormat format;
    private final Map<String, String> raw;
    private final Map<String, Object> values;

    private ExportOptions(ExportFormat format, Map<String, String> raw, Map<String, Object> values) {
        this.format = format;
        this.raw = raw;
        this.values = values;
    }

    /**
     * Checks raw key/values against the format's option specs.
     *
     * @throws OptionException for an unknown key (listing the allowed keys) or a bad value (saying what is allowed)
     */
    public static ExportOptions parse(ExportFormat format, Map<String, String> rawOptions) throws OptionException {
        Map<String, String> given = rawOptions == null ? Map.of() : rawOptions;
        for (String key : given.keySet()) {
            if (format.option(key).isEmpty()) {
                String allowed = format.options().isEmpty() ? "none"
                        : format.options().stream().map(OptionSpec::key).collect(Collectors.joining(", "));
                throw new OptionException(key, "Unknown option '" + key + "' for format " + format.wireName()
                        + "; allowed options: " + allowed + ".");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec spec : format.options()) {
            String v = given.get(spec.key());
            values.put(spec.key(), v == null ? spec.defaultParsed() : spec.parse(v));
        }
        checkTogether(format, values);
        return new ExportOptions(format, Collections.unmodifiableMap(new LinkedHashMap<>(given)),
                Collections.unmodifiableMap(values));
    }

    /** Rules between options, checked after each is valid alone. */
    private static void checkTogether(ExportFormat format, Map<String, Object> values) throws OptionException {
        Object delimiter = values.get("delimiter");
        if (delimiter != null && delimiter.equals(values.get("quote_char"))) {
            throw new OptionException("quote_char", "Options 'delimiter' and 'quote_char' of format "
                    + format.wireName() + " are both '" + describe((Character) delimiter) + "': a reader could not"
                    + " tell a quoted field from the fields around it. Choose two different characters.");
        }
    }

    private static String describe(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    /** Defaults only. */
    public static ExportOptions defaults(ExportFormat format) {
        try {
            return parse(format, Map.of());
        } catch (OptionException e) {
            throw new IllegalStateException(e);
        }
    }

    public ExportFormat format() {
        return format;
    }

    /** The options as the user gave them (for the manifest and the database). */
    public Map<String, String> raw() {
        return raw;
    }

    /** Every option with its effective value, defaults included, as text (for the manifest). */
    public Map<String, String> effectiveAsText() {
        Map<String, String> out = new LinkedHashMap<>();
        for (OptionSpec spec : format.options()) {
            out.put(spec.key(), raw.getOrDefault(spec.key(), spec.defaultValue()));
        }
        return out;
    }

    /**
     * Every option with its effective value as a JSON value, for the manifest: booleans as booleans, whole numbers
     * as numbers, lists as lists, characters and charsets as text.
     */
    public Map<String, Object> effectiveTyped() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec spec : format.options()) {
            Object v = values.get(spec.key());
            if (v instanceof int[] pair) {
                v = java.util.Arrays.stream(pair).boxed().toList();
            } else if (v instanceof Charset cs) {
                v = cs.name();
            } else if (v instanceof Character c) {
                v = String.valueOf(c);
            } else if (!(v == null || v instanceof Boolean || v instanceof Number || v instanceof List<?>)) {
                v = String.valueOf(v);
            }
            out.put(spec.key(), v);
        }
        return out;
    }

    public String string(String key) {
        return (String) get(key);
    }

    public char character(String key) {
        return (Character) get(key);
    }

    public boolean bool(String key) {
        return (Boolean) get(key);
    }

    public long integer(String key) {
        return (Long) get(key);
    }

    public Charset charset(String key) {
        return (Charset) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        return (List<String>) get(key);
    }

    public int[] intPair(String key) {
        return ((int[]) get(key)).clone();
    }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("Format " + format.wireName() + " has no option " + key);
        }
        return values.get(key);
    }
}
