package org.labexport.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.labexport.base.CancelSignal;
import org.labexport.base.ValidationException;
import org.labexport.convert.ColumnType;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.OptionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;
import org.labexport.convert.ValueText;
import org.labexport.convert.engine.FormatRegistry;
import org.labexport.convert.excel.ExcelTableWriter;

/**
 * Reads the first rows of a file through the converter engine's own readers, with the export's read settings
 * (null tokens, input sheet) and column choice, and the same one-pass type inference the export starts from
 * (docs/decisions/0106-preview-from-the-export-readers.md).
 */
final class TablePreviewer {
    /** Rows the readers infer a text file's types from before the export checks the rest as it reads. */
    private static final int INFERENCE_ROWS = 16_384;

    private TablePreviewer() {
    }

    static TablePreview preview(Path file, ExportFormat format, Map<String, String> rawOptions, int maxRows)
            throws IOException {
        String fileName = file.getFileName().toString();
        // ZIP copies the bytes; its preview shows the table as read, with default read settings.
        ExportFormat target = format != null && format.converts() ? format : ExportFormat.CSV;
        ExportOptions options;
        try {
            options = ExportOptions.parse(target, format != null && format.converts() ? rawOptions : Map.of());
        } catch (OptionException e) {
            throw new ValidationException("export_options", e.getMessage());
        }
        SourceFormat source = SourceFormat.detect(file);
        SourceReader reader = FormatRegistry.reader(source).orElseThrow(() -> new ValidationException("files",
                fileName + " is not a data file LabExport can convert (CSV, TSV, JSON, Excel, Parquet or HDF5)."));
        ReadSettings settings = ReadSettings.from(options, CancelSignal.NEVER).withSpeculation(true);
        List<String> tables = reader.tables(file, settings);
        if (tables.isEmpty()) {
            throw new ValidationException("files", fileName + " holds no table to preview.");
        }
        String table = tables.get(0);
        try (TableReader rows = reader.open(file, table, settings)) {
            TableSchema schema = rows.schema();
            int[] projection = projection(schema, options.list("columns"), fileName);
            Object[] row = new Object[schema.size()];
            List<Object[]> read = new ArrayList<>();
            while (read.size() < maxRows && rows.next(row)) {
                read.add(Arrays.copyOf(row, row.length));
            }
            List<TablePreview.Column> columns = new ArrayList<>();
            List<List<String>> texts = new ArrayList<>();
            for (int k = 0; k < projection.length; k++) {
                int c = projection[k];
                ColumnType type = schema.column(c).type();
                columns.add(new TablePreview.Column(schema.column(c).name(), type.wireName(),
                        warning(format, type, read, c)));
            }
            for (Object[] r : read) {
                List<String> text = new ArrayList<>(projection.length);
                for (int c : projection) {
                    text.add(ValueText.format(r[c]));
                }
                texts.add(text);
            }
            return new TablePreview(fileName, table, columns, texts, note(source, tables));
        }
    }

    private static int[] projection(TableSchema schema, List<String> wanted, String fileName) {
        if (wanted == null || wanted.isEmpty()) {
            return java.util.stream.IntStream.range(0, schema.size()).toArray();
        }
        int[] idx = new int[wanted.size()];
        for (int i = 0; i < idx.length; i++) {
            int at = schema.indexOf(wanted.get(i));
            if (at < 0) {
                at = schema.indexOf(wanted.get(i).trim());
            }
            if (at < 0) {
                throw new ValidationException("export_options", "Column '" + wanted.get(i) + "' is not in " + fileName
                        + "; its columns are " + String.join(", ", schema.names()) + ".");
            }
            idx[i] = at;
        }
        return idx;
    }

    /** What the target format does not keep of a column's shown values, in words; null when it keeps them all. */
    static String warning(ExportFormat format, ColumnType type, List<Object[]> rows, int column) {
        if (format == ExportFormat.EXCEL && type == ColumnType.LONG) {
            int count = 0;
            Object first = null;
            for (Object[] r : rows) {
                if (r[column] instanceof Long l
                        && (l > ExcelTableWriter.MAX_EXACT_LONG || l < -ExcelTableWriter.MAX_EXACT_LONG)) {
                    first = first == null ? l : first;
                    count++;
                }
            }
            if (count > 0) {
                return count + (count == 1 ? " value is" : " values are") + " beyond ±2^53 (" + first + "): Excel"
                        + " keeps such integers exactly only as text, so they are written as text cells.";
            }
        }
        if ((format == ExportFormat.EXCEL || format == ExportFormat.JSON) && type == ColumnType.DOUBLE) {
            for (Object[] r : rows) {
                if (r[column] instanceof Double d && !Double.isFinite(d)) {
                    return "NaN and infinite values (" + ValueText.formatDouble(d) + ") are written as the text "
                            + ValueText.NAN + ", " + ValueText.INF + " or " + ValueText.NEG_INF + ": "
                            + format.displayName() + " has no such numbers.";
                }
            }
        }
        return null;
    }

    private static String note(SourceFormat source, List<String> tables) {
        String types = source == SourceFormat.CSV || source == SourceFormat.TSV
                ? String.format(java.util.Locale.ROOT, "Types are inferred from the first %,d rows, as the export"
                + " starts; it checks every later value and widens a type that one does not fit.", INFERENCE_ROWS)
                : "Types are inferred as the export infers them.";
        if (tables.size() > 1) {
            return types + " The file holds " + tables.size() + " tables; this is the first, \"" + tables.get(0)
                    + "\", and each becomes its own output.";
        }
        return types;
    }
}
