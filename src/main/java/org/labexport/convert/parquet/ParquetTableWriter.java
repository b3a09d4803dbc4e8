package org.labexport.convert.parquet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.labexport.Version;
import org.labexport.convert.ConversionException;
import org.labexport.convert.ExportOptions;
import org.labexport.convert.TableSchema;
import org.labexport.convert.TableWriter;
import org.labexport.convert.WriteSummary;

/**
 * Writes a table as one Parquet file through {@link RowWriteSupport}, without Hadoop's file system (no .crc files).
 *
 * <p>{@code row_group_size} counts rows: a row group is closed after that many rows (or earlier at Parquet's
 * 128 MB byte limit, whichever comes first).
 */
public final class ParquetTableWriter implements TableWriter {
    /** Parquet's byte limit per row group; kept at the library default so the row limit normally decides. */
    static final long ROW_GROUP_BYTES = 128L * 1024 * 1024;

    private final Path target;
    private final ParquetWriter<Object[]> writer;
    private final int width;
    private long rows;

    private ParquetTableWriter(Path target, ParquetWriter<Object[]> writer, int width) {
        this.target = target;
        this.writer = writer;
        this.width = width;
    }

    /** Opens a writer on {@code target} (replaced if it exists) with the Parquet options. */
    public static ParquetTableWriter open(Path target, TableSchema schema, ExportOptions options) throws IOException {
        if (schema.size() == 0) {
            throw new ConversionException(target.getFileName() + ": a table without columns cannot be written as Parquet.");
        }
        ParquetWriter<Object[]> writer = new Builder(new LocalOutputFile(target), schema)
                .withConf(new PlainParquetConfiguration())
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(codec(options.string("compression")))
                .withRowGroupRowCountLimit(Math.toIntExact(options.integer("row_group_size")))
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withDictionaryEncoding(options.bool("use_dictionary"))
                .build();
        return new ParquetTableWriter(target, writer, schema.size());
    }

    static CompressionCodecName codec(String option) {
        return switch (option) {
            case "snappy" -> CompressionCodecName.SNAPPY;
            case "gzip" -> CompressionCodecName.GZIP;
            case "zstd" -> CompressionCodecName.ZSTD;
            case "lz4_raw" -> CompressionCodecName.LZ4_RAW;
            case "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
            default -> throw new IllegalArgumentException("Unknown Parquet compression " + option);
        };
    }

    @Override
    public void write(Object[] row) throws IOException {
        if (row.length != width) {
            throw new IllegalArgumentException("Row has " + row.length + " values, schema has " + width);
        }
        try {
            writer.write(row);
        } catch (ArithmeticException e) {
            throw new ConversionException(target.getFileName() + ": row " + (rows + 1)
                    + " holds a date or timestamp outside the range Parquet can store.", e);
        }
        rows++;
    }

    @Override
    public WriteSummary finish() throws IOException {
        writer.close();
        return WriteSummary.ofRows(rows);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final TableSchema schema;

        Builder(OutputFile file, TableSchema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return support();
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
            return support();
        }

        private WriteSupport<Object[]> support() {
            return new RowWriteSupport(schema, Map.of("created_by_app", "LabExport " + Version.get()));
        }
    }
}
