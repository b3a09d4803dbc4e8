package org.labexport.convert.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.SourceFormat;
import org.labexport.convert.SourceReader;
import org.labexport.convert.TableWriterFactory;

/**
 * The one place where formats are plugged in: a {@link SourceReader} per source format and a
 * {@link TableWriterFactory} per converting export format. Each format's subpackage adds its line here.
 */
public final class FormatRegistry {
    private static final Map<SourceFormat, SourceReader> READERS = new EnumMap<>(SourceFormat.class);
    private static final Map<ExportFormat, TableWriterFactory> WRITERS = new EnumMap<>(ExportFormat.class);

    static {
        // Readers and writers are registered here, one line per format, as they are written.
        READERS.put(SourceFormat.CSV, org.labexport.convert.csv.CsvSourceReader.csv());
        READERS.put(SourceFormat.TSV, org.labexport.convert.csv.CsvSourceReader.tsv());
        WRITERS.put(ExportFormat.CSV, org.labexport.convert.csv.CsvTableWriter.factory());
        WRITERS.put(ExportFormat.TSV, org.labexport.convert.csv.CsvTableWriter.factory());
        READERS.put(SourceFormat.JSON, new org.labexport.convert.json.JsonSourceReader());
        WRITERS.put(ExportFormat.JSON, org.labexport.convert.json.JsonTableWriter.factory());
        READERS.put(SourceFormat.PARQUET, new org.labexport.convert.parquet.ParquetSourceReader());
        WRITERS.put(ExportFormat.PARQUET, org.labexport.convert.parquet.ParquetTableWriter::open);
        READERS.put(SourceFormat.HDF5, new org.labexport.convert.hdf5.Hdf5SourceReader());
        WRITERS.put(ExportFormat.HDF5, org.labexport.convert.hdf5.Hdf5TableWriter::open);
        READERS.put(SourceFormat.EXCEL, new org.labexport.convert.excel.ExcelSourceReader());
        WRITERS.put(ExportFormat.EXCEL, org.labexport.convert.excel.ExcelTableWriter::open);
    }

    private FormatRegistry() {
    }

    public static Optional<SourceReader> reader(SourceFormat format) {
        return Optional.ofNullable(READERS.get(format));
    }

    public static Optional<TableWriterFactory> writer(ExportFormat format) {
        return Optional.ofNullable(WRITERS.get(format));
    }
}
