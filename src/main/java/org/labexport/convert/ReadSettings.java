package org.labexport.convert;

import java.util.List;
import java.util.Set;
import org.labexport.base.CancelSignal;

/**
 * What readers need from the export options: the text tokens meaning null, which input sheet to read, and the
 * cancel signal to poll.
 *
 * @param nullValues text values read as null (default: empty, NA, N/A, NULL, null)
 * @param inputSheet the one workbook sheet to read, or empty for every sheet
 * @param cancel     polled while reading
 * @param speculate  whether a text reader may start from a schema inferred on a prefix and check the rest as it
 *                   reads (one pass), rather than reading the whole input once for types first (two passes); off
 *                   unless asked for, because only a caller that handles {@link SchemaRevisedException} and
 *                   {@link TableReader#finalSchema()} (the converter) may use a provisional schema
 */
public record ReadSettings(Set<String> nullValues, String inputSheet, CancelSignal cancel, boolean speculate) {
    public ReadSettings {
        nullValues = Set.copyOf(nullValues);
        inputSheet = inputSheet == null ? "" : inputSheet;
        cancel = cancel == null ? CancelSignal.NEVER : cancel;
    }

    public ReadSettings(Set<String> nullValues, String inputSheet, CancelSignal cancel) {
        this(nullValues, inputSheet, cancel, false);
    }

    /** The same settings, with a provisional schema allowed or not. */
    public ReadSettings withSpeculation(boolean allowed) {
        return new ReadSettings(nullValues, inputSheet, cancel, allowed);
    }

    /** From validated options (the {@code null_values} and {@code input_sheet} options). */
    public static ReadSettings from(ExportOptions options, CancelSignal cancel) {
        if (!options.format().converts()) {
            return defaults(cancel);
        }
        return new ReadSettings(Set.copyOf(options.list("null_values")), options.string("input_sheet"), cancel);
    }

    public static ReadSettings defaults(CancelSignal cancel) {
        return new ReadSettings(Set.of("", "NA", "N/A", "NULL", "null"), "", cancel);
    }

    public boolean isNull(String text) {
        return text == null || nullValues.contains(text);
    }

    public List<String> nullValuesList() {
        return List.copyOf(nullValues);
    }
}
