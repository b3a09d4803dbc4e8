package org.labexport.ui.main;

import java.util.ArrayList;
import java.util.List;
import org.labexport.convert.ExportFormat;

/** One choice of the toolbar's format filter: every format, or one. */
public record FormatChoice(ExportFormat format) {
    public static final FormatChoice ALL = new FormatChoice(null);

    /** "All formats" followed by each format. */
    public static List<FormatChoice> choices() {
        List<FormatChoice> all = new ArrayList<>();
        all.add(ALL);
        for (ExportFormat f : ExportFormat.values()) {
            all.add(new FormatChoice(f));
        }
        return all;
    }

    public boolean accepts(ExportFormat f) {
        return format == null || format == f;
    }

    @Override
    public String toString() {
        return format == null ? "All formats" : format.displayName();
    }
}
