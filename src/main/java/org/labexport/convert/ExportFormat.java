package org.labexport.convert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The seven export formats, each with the options it accepts. This is the one place where options are described:
 * the service validates export_options against it, the CLI parses {@code --option} with it and the dialog builds its
 * options form from it.
 */
public enum ExportFormat {
    CSV("csv", "CSV", true, delimited(",")),
    TSV("tsv", "TSV", true, delimited("\\t")),
    JSON("json", "JSON", true, List.of(
            OptionSpec.of("lines", OptionType.BOOLEAN, "false", "JSON Lines",
                    "true writes newline-delimited JSON (one record a line); false one array of records."))),
    EXCEL("xlsx", "Excel", true, List.of(
            OptionSpec.of("sheet_name", OptionType.SHEET_NAME, "Data", "Sheet name",
                    "Name of the first sheet; a table over 1,048,576 rows continues on <name>_2, <name>_3, ..."),
            OptionSpec.of("include_index", OptionType.BOOLEAN, "false", "Include row index",
                    "Adds a first column 'index' numbering the rows from 0."),
            OptionSpec.of("freeze_panes", OptionType.INT_PAIR, "[1, 0]", "Freeze panes",
                    "Rows and columns kept in view while scrolling, as [row, col].")
                    .withHints(FormHints.NONE.withParts("rows", "columns")))),
    PARQUET("parquet", "Parquet", true, List.of(
            OptionSpec.choice("compression", "snappy", List.of("snappy", "gzip", "zstd", "lz4_raw", "uncompressed"),
                    "Compression", "Column chunk compression codec."),
            OptionSpec.integer("row_group_size", 100_000, 1, 100_000_000, "Row group size",
                    "Rows per row group."),
            OptionSpec.of("use_dictionary", OptionType.BOOLEAN, "true", "Dictionary encoding",
                    "Dictionary-encode columns with repeated values."))),
    HDF5("h5", "HDF5", true, List.of(
            OptionSpec.choice("compression", "gzip", List.of("gzip", "none"), "Compression",
                    "gzip compresses each column's chunks (readable by every HDF5 tool); none stores them as they are."))),
    ZIP("zip", "ZIP (original files)", false, List.of());

    private final String extension;
    private final String displayName;
    private final boolean converts;
    private final List<OptionSpec> options;

    ExportFormat(String extension, String displayName, boolean converts, List<OptionSpec> own) {
        this.extension = extension;
        this.displayName = displayName;
        this.converts = converts;
        List<OptionSpec> all = new ArrayList<>(own);
        if (converts) {
            all.addAll(TableOptions.ALL);
        }
        this.options = Collections.unmodifiableList(all);
    }

    /** Options every table format accepts, listed after the format's own (a holder class: enum constants cannot read
     * the enum's own static fields while they are built). */
    public static final class TableOptions {
        public static final List<OptionSpec> ALL = List.of(
                OptionSpec.of("columns", OptionType.STRING_LIST, "", "Columns",
                        "Only these columns, in this order; empty keeps all.")
                        .withHints(FormHints.NONE.withPlaceholder("All columns").suggestingColumns()),
                OptionSpec.of("null_values", OptionType.STRING_LIST, "[\"\",\"NA\",\"N/A\",\"NULL\",\"null\"]",
                        "Null values", "Text values read as missing; they become real nulls in typed formats.")
                        .withHints(FormHints.NONE.withPlaceholder("Add a value such as NA")),
                OptionSpec.of("input_sheet", OptionType.STRING, "", "Input sheet",
                        "For Excel inputs, read only this sheet; empty reads every sheet.")
                        .withHints(FormHints.NONE.withPlaceholder("Every sheet").forInputs(SourceFormat.EXCEL)));

        private TableOptions() {
        }
    }

    private static List<OptionSpec> delimited(String delimiter) {
        return List.of(
                OptionSpec.of("delimiter", OptionType.CHAR, delimiter, "Delimiter", "Field separator."),
                OptionSpec.of("quote_char", OptionType.CHAR, "\"", "Quote character",
                        "Encloses fields that contain the delimiter, quotes or line breaks."),
                OptionSpec.of("encoding", OptionType.CHARSET, "UTF-8", "Encoding",
                        "Character set of the written file; a UTF-8 byte-order mark in inputs is detected and removed."),
                OptionSpec.of("include_header", OptionType.BOOLEAN, "true", "Header row",
                        "Write the column names as the first line."),
                OptionSpec.of("bom", OptionType.BOOLEAN, "false", "Byte-order mark",
                        "Start with a UTF-8 byte-order mark so that Excel shows non-ASCII text correctly."));
    }

    /** The lower-case name used in the database, JSON and the CLI: csv, tsv, json, excel, parquet, hdf5, zip. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** File extension of converted outputs, without the dot. */
    public String extension() {
        return extension;
    }

    public String displayName() {
        return displayName;
    }

    /** False for ZIP, which archives the original bytes without conversion. */
    public boolean converts() {
        return converts;
    }

    /** Every option this format accepts, its own first. */
    public List<OptionSpec> options() {
        return options;
    }

    public Optional<OptionSpec> option(String key) {
        return options.stream().filter(o -> o.key().equals(key)).findFirst();
    }

    /** Parses a wire name (case-insensitive; "xlsx" is accepted for excel, "h5" for hdf5). */
    public static Optional<ExportFormat> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (ExportFormat f : values()) {
            if (f.wireName().equals(n)) {
                return Optional.of(f);
            }
        }
        return switch (n) {
            case "xlsx" -> Optional.of(EXCEL);
            case "h5" -> Optional.of(HDF5);
            default -> Optional.empty();
        };
    }

    /** The wire names, for messages: "csv, tsv, json, excel, parquet, hdf5, zip". */
    public static String wireNames() {
        List<String> names = new ArrayList<>();
        for (ExportFormat f : values()) {
            names.add(f.wireName());
        }
        return String.join(", ", names);
    }
}
