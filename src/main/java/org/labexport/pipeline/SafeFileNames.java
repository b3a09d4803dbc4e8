package org.labexport.pipeline;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * File names that are safe on Windows, macOS and Linux: no path separators, no {@code ..}, no control characters,
 * none of {@code <>:"/\|?*}, no reserved Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9), no leading dot,
 * no trailing dot or space, at most {@value #MAX_STEM} characters before the extension.
 */
public final class SafeFileNames {
    public static final int MAX_STEM = 120;
    private static final Pattern UNSAFE = Pattern.compile("[^\\p{L}\\p{N}._-]");
    private static final Pattern EXTENSION = Pattern.compile("[A-Za-z0-9]{1,10}");
    private static final Pattern RUNS = Pattern.compile("_{2,}");
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final Set<String> DOUBLE_EXTENSIONS = Set.of("gz", "bz2", "xz", "zst");

    private SafeFileNames() {
    }

    /** The output stem for a catalog file: {@code file_<id>_<safe stem of its name>}. */
    public static String outputStem(long fileId, String originalFileName) {
        // The prefix already keeps the whole name clear of reserved device names, so CON.csv stays file_1_CON.csv.
        return "file_" + fileId + "_" + clean(stem(originalFileName));
    }

    /** The name without its extension; {@code degs.csv.gz} gives {@code degs}. */
    public static String stem(String fileName) {
        String name = fileName == null ? "" : fileName;
        String ext = extension(name);
        return ext.isEmpty() ? name : name.substring(0, name.length() - ext.length() - 1);
    }

    /** The extension without the dot, two parts for compressed names ({@code csv.gz}); empty if none. */
    public static String extension(String fileName) {
        String name = fileName == null ? "" : fileName;
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        String last = name.substring(dot + 1);
        if (!EXTENSION.matcher(last).matches()) {
            return "";
        }
        if (DOUBLE_EXTENSIONS.contains(last.toLowerCase(Locale.ROOT))) {
            int prev = name.lastIndexOf('.', dot - 1);
            if (prev > 0) {
                return name.substring(prev + 1);
            }
        }
        return last;
    }

    /** Makes one name component safe; never returns an empty string. */
    public static String sanitize(String name) {
        String s = clean(name);
        String base = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (RESERVED.contains(base.toUpperCase(Locale.ROOT))) {
            s = "_" + s;
        }
        return s;
    }

    private static String clean(String name) {
        String s = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFC);
        s = UNSAFE.matcher(s).replaceAll("_");
        while (s.contains("..")) {
            s = s.replace("..", ".");
        }
        s = RUNS.matcher(s).replaceAll("_");
        s = stripEnds(s);
        if (s.codePointCount(0, s.length()) > MAX_STEM) {
            s = stripEnds(s.substring(0, s.offsetByCodePoints(0, MAX_STEM)));
        }
        return s.isEmpty() ? "file" : s;
    }

    /** A full file name (stem and extension) made safe; the extension is kept when it is itself safe. */
    public static String sanitizeFileName(String fileName) {
        String ext = extension(fileName);
        String safeExt = ext.isEmpty() ? "" : sanitize(ext);
        String stem = sanitize(stem(fileName));
        return safeExt.isEmpty() ? stem : stem + "." + safeExt;
    }

    /** Whether the name is already safe as it is. */
    public static boolean isSafe(String fileName) {
        return fileName != null && !fileName.isEmpty() && sanitizeFileName(fileName).equals(fileName);
    }

    private static String stripEnds(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || s.charAt(start) == ' ' || s.charAt(start) == '_')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '_')) {
            end--;
        }
        return s.substring(start, end);
    }
}
