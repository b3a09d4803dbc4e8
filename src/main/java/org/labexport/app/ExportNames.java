package org.labexport.app;

import java.util.List;

/** The one rule for an export's default name, used by the window and the command line alike. */
public final class ExportNames {
    private ExportNames() {
    }

    /**
     * "plate-2024" for one file {@code plate-2024.csv}, "plate-2024 and 2 more" for three; "Export" when there is no
     * file name to go by (datasets only).
     */
    public static String suggest(List<String> fileNames) {
        if (fileNames == null || fileNames.isEmpty()) {
            return "Export";
        }
        String first = fileNames.get(0);
        int dot = first.indexOf('.');
        String base = dot > 0 ? first.substring(0, dot) : first;
        if (base.isBlank()) {
            base = first;
        }
        return fileNames.size() == 1 ? base : base + " and " + (fileNames.size() - 1) + " more";
    }
}
