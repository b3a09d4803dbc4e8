package org.labexport.convert;

import java.util.List;

/**
 * What a writer reports after finishing one table.
 *
 * @param rows   data rows written
 * @param notes  facts the manifest should record, such as an Excel sheet split ("rows 1048576.. continue on sheet Data_2")
 * @param sheets the sheet names used, for Excel; empty for other formats
 */
public record WriteSummary(long rows, List<String> notes, List<String> sheets) {
    public WriteSummary {
        notes = List.copyOf(notes);
        sheets = List.copyOf(sheets);
    }

    public static WriteSummary ofRows(long rows) {
        return new WriteSummary(rows, List.of(), List.of());
    }
}
