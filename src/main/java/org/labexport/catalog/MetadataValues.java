package org.labexport.catalog;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns metadata typed as text ({@code --meta sample_count=12}) into JSON values: {@code 12} is the number 12,
 * {@code true}/{@code false} booleans, {@code null} a null; everything else stays text. A number is only a number
 * when its text comes back exactly ({@code 0012}, {@code 1.50} and {@code 1e3} stay text, as in the table type rules
 * of decision 0010); wrap a value in double quotes to keep it text ({@code "12"}).
 */
public final class MetadataValues {
    private MetadataValues() {
    }

    /** Each value parsed with {@link #parse}, key order kept. */
    public static Map<String, Object> parseAll(Map<String, String> text) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (text != null) {
            text.forEach((k, v) -> out.put(k, parse(v)));
        }
        return out;
    }

    /** The JSON value a piece of text stands for. */
    public static Object parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return t.substring(1, t.length() - 1);
        }
        switch (t) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        if (t.matches("-?(0|[1-9][0-9]*)")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                return text; // beyond a long: keep the digits as written
            }
        }
        if (t.matches("-?(0|[1-9][0-9]*)\\.[0-9]*[1-9]")) {
            double d = Double.parseDouble(t);
            // Only when the double prints back as the same decimal, so no digit is lost.
            if (Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(new BigDecimal(t)) == 0) {
                return d;
            }
        }
        return text;
    }
}
