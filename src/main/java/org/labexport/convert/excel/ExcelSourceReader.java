package org.labexport.convert.excel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ReadSettings;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableReader;

/** Every sheet of an xlsx workbook is a table, or only the one named by the {@code input_sheet} option. */
public final class ExcelSourceReader implements SourceReader {

    @Override
    public List<String> tables(Path source, ReadSettings settings) throws IOException {
        try (ExcelWorkbook wb = ExcelWorkbook.open(source)) {
            List<String> sheets = wb.sheetNames();
            if (sheets.isEmpty()) {
                throw new ConversionException(source.getFileName() + " holds no sheet.");
            }
            if (!settings.inputSheet().isEmpty()) {
                requireSheet(wb, settings.inputSheet());
                return List.of(settings.inputSheet());
            }
            return sheets;
        }
    }

    @Override
    public TableReader open(Path source, String table, ReadSettings settings) throws IOException {
        ExcelWorkbook wb = ExcelWorkbook.open(source);
        try {
            String sheet = table != null ? table
                    : !settings.inputSheet().isEmpty() ? settings.inputSheet() : wb.sheetNames().get(0);
            requireSheet(wb, sheet);
            return new WorkbookTableReader(wb, new ExcelTableReader(wb, sheet, settings));
        } catch (IOException | RuntimeException e) {
            wb.close();
            throw e instanceof IOException io ? io : ExcelWorkbook.failure(source, e);
        }
    }

    private static void requireSheet(ExcelWorkbook wb, String sheet) throws ConversionException {
        if (!wb.hasSheet(sheet)) {
            throw new ConversionException(wb.file.getFileName() + " has no sheet '" + sheet + "'; its sheets are: "
                    + String.join(", ", wb.sheetNames()) + ".");
        }
    }

    /** Closes the workbook package with the sheet's reader. */
    private static final class WorkbookTableReader implements TableReader {
        private final ExcelWorkbook workbook;
        private final ExcelTableReader reader;

        WorkbookTableReader(ExcelWorkbook workbook, ExcelTableReader reader) {
            this.workbook = workbook;
            this.reader = reader;
        }

        @Override
        public org.labexport.convert.TableSchema schema() {
            return reader.schema();
        }

        @Override
        public boolean next(Object[] row) throws IOException {
            return reader.next(row);
        }

        @Override
        public boolean nextText(Object[] row, boolean fitSchema) throws IOException {
            return reader.nextText(row, fitSchema);
        }

        @Override
        public long bytesConsumed() {
            return reader.bytesConsumed();
        }

        @Override
        public long bytesTotal() {
            return reader.bytesTotal();
        }

        @Override
        public void close() throws IOException {
            try {
                reader.close();
            } finally {
                workbook.close();
            }
        }
    }
}
