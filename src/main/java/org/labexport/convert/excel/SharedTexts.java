package org.labexport.convert.excel;

import java.util.Arrays;
import org.apache.poi.xssf.model.SharedStrings;

/**
 * The texts of a workbook's shared strings by index. POI's read-only table builds a rich-text object (an XmlBeans
 * tree) on every lookup; a sheet written by Excel refers to a shared string from every text cell, so each text is
 * taken from POI once and kept (docs/decisions/0026-excel-reading-speed.md). Keeping them is only allowed for a
 * table small enough that a second copy of its texts fits the heap comfortably; a larger one is looked up each time.
 */
final class SharedTexts {
    private final SharedStrings table;
    private final boolean keep;
    private String[] kept = new String[0];

    SharedTexts(SharedStrings table, boolean keep) {
        this.table = table;
        this.keep = keep;
    }

    /** The text of shared string {@code index}; throws as POI does for an index the table does not have. */
    String get(int index) {
        if (index >= 0 && index < kept.length) {
            String s = kept[index];
            if (s != null) {
                return s;
            }
        }
        String s = table.getItemAt(index).getString();
        if (keep) {
            if (index >= kept.length) {
                kept = Arrays.copyOf(kept, Math.max(index + 1, Math.min(kept.length * 2, Integer.MAX_VALUE - 8)));
            }
            kept[index] = s;
        }
        return s;
    }
}
