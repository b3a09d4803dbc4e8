package org.labexport.pipeline;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Hands out file names unique within one export, compared without case (Windows and macOS folders ignore case):
 * a second {@code file_1_a.csv} becomes {@code file_1_a_2.csv}.
 */
public final class UniqueNames {
    private final Set<String> taken = new HashSet<>();

    /** Reserves and returns {@code name}, or the first free {@code stem_N.ext}. */
    public synchronized String claim(String name) {
        String ext = SafeFileNames.extension(name);
        String stem = ext.isEmpty() ? name : name.substring(0, name.length() - ext.length() - 1);
        String candidate = name;
        for (int n = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = stem + "_" + n + (ext.isEmpty() ? "" : "." + ext);
        }
        return candidate;
    }

    /** Reserves a stem (no extension) so that no other file's outputs start with it. */
    public synchronized String claimStem(String stem) {
        String candidate = stem;
        for (int n = 2; !taken.add("stem:" + candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = stem + "_" + n;
        }
        return candidate;
    }
}
