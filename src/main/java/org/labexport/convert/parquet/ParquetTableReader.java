package org.labexport.convert.parquet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;
import org.labexport.convert.Column;
import org.labexport.convert.ConversionException;
import org.labexport.convert.TableReader;
import org.labexport.convert.TableSchema;

/**
 * Streams the rows of a Parquet file, one row group at a time, straight into the caller's row array. Reads files
 * from any writer whose columns are flat; see {@link ParquetColumnMapping} for the type mapping.
 */
public final class ParquetTableReader implements TableReader {
    private static final int CANCEL_CHECK_ROWS = 4096;

    private final Path source;
    private final ParquetFileReader reader;
    private final TableSchema schema;
    private final MessageColumnIO columnIO;
    private final RowMaterializer materializer;
    private final CancelSignal cancel;
    private final List<BlockMetaData> blocks;
    private final long bytesTotal;
    private RecordReader<Object[]> records;
    private long rowsLeftInGroup;
    private int groupIndex;
    private long bytesConsumed;
    private long rowNumber;

    private ParquetTableReader(Path source, ParquetFileReader reader, MessageType fileSchema,
                               List<ParquetColumnMapping> mappings, CancelSignal cancel, long bytesTotal) {
        this.source = source;
        this.reader = reader;
        List<Column> columns = new ArrayList<>();
        for (ParquetColumnMapping m : mappings) {
            columns.add(new Column(m.name, m.type));
        }
        this.schema = new TableSchema(columns);
        this.columnIO = new ColumnIOFactory().getColumnIO(fileSchema);
        this.materializer = new RowMaterializer(mappings);
        this.cancel = cancel == null ? CancelSignal.NEVER : cancel;
        this.blocks = reader.getRowGroups();
        this.bytesTotal = bytesTotal;
    }

    /** What is wrong with a footer parquet-java could not read, in words for a person. */
    private static String footerProblem(Exception e, long size) {
        String detail = String.valueOf(e.getMessage());
        if (size == 0) {
            return "it is empty";
        }
        if (size < 12) {
            return "it is too short (" + size + " bytes) to hold a Parquet footer";
        }
        if (detail.contains("magic number at tail")) {
            return "it does not end with the Parquet marker, so it may be cut short or still being written";
        }
        return "its footer, which describes the columns, is missing or damaged";
    }

    /** Opens the file and reads its footer; a file that is not Parquet or is damaged gives a ConversionException. */
    public static ParquetTableReader open(Path source, CancelSignal cancel) throws IOException {
        String name = source.getFileName().toString();
        long size = Files.size(source);
        ParquetFileReader reader;
        try {
            reader = ParquetFileReader.open(new LocalInputFile(source),
                    ParquetReadOptions.builder(new PlainParquetConfiguration()).build());
        } catch (IOException | RuntimeException e) {
            // The library's text names its own classes and objects: the cause keeps it for the log.
            throw new ConversionException(name + " is not a readable Parquet file: " + footerProblem(e, size) + ".",
                    e);
        }
        try {
            long heap = Runtime.getRuntime().maxMemory();
            for (BlockMetaData block : reader.getRowGroups()) {
                // A row group's column chunks are loaded together: refuse one that cannot fit rather than run out.
                if (block.getCompressedSize() > heap / 3 || block.getCompressedSize() > size) {
                    throw new ConversionException(String.format(java.util.Locale.ROOT, "%s has a row group of %,d MB,"
                            + " more than LabExport can read in the memory available (%,d MB) or than the file holds.",
                            name, block.getCompressedSize() >> 20, heap >> 20));
                }
            }
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            List<ParquetColumnMapping> mappings = new ArrayList<>();
            for (Type field : fileSchema.getFields()) {
                mappings.add(ParquetColumnMapping.of(field));
            }
            return new ParquetTableReader(source, reader, fileSchema, mappings, cancel, size);
        } catch (ParquetColumnMapping.UnsupportedColumnException e) {
            reader.close();
            throw new ConversionException(name + ": " + e.getMessage() + ".");
        } catch (ConversionException e) {
            reader.close();
            throw e;
        } catch (RuntimeException e) {
            reader.close();
            throw new ConversionException(name + " has a Parquet schema LabExport cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public boolean next(Object[] row) throws IOException {
        try {
            while (rowsLeftInGroup == 0) {
                PageReadStore pages = groupIndex >= blocks.size() ? null : reader.readNextRowGroup();
                if (pages == null) {
                    bytesConsumed = bytesTotal; // footer and headers included: the whole file is done
                    return false;
                }
                bytesConsumed += blocks.get(groupIndex).getCompressedSize();
                groupIndex++;
                rowsLeftInGroup = pages.getRowCount();
                records = columnIO.getRecordReader(pages, materializer);
            }
            if ((rowNumber & (CANCEL_CHECK_ROWS - 1)) == 0) {
                cancel.check();
            }
            materializer.target = row;
            records.read();
            rowsLeftInGroup--;
            rowNumber++;
            return true;
        } catch (ValueException e) {
            throw new ConversionException(source.getFileName() + ": row " + (rowNumber + 1) + ", column '"
                    + e.column + "': " + e.getMessage() + ".");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConversionException || e instanceof ConversionCancelledException) {
                throw e;
            }
            throw new ConversionException(source.getFileName() + " is damaged: row group " + groupIndex
                    + " cannot be read (" + e.getMessage() + ").", e);
        }
    }

    @Override
    public long bytesConsumed() {
        return Math.min(bytesConsumed, bytesTotal);
    }

    @Override
    public long bytesTotal() {
        return bytesTotal;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    /** A value that cannot be converted without losing information. */
    private static final class ValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String column;

        ValueException(String column, String message) {
            super(message, null, false, false);
            this.column = column;
        }
    }

    /** Fills the current target row; fields absent from a record stay null. */
    private static final class RowMaterializer extends RecordMaterializer<Object[]> {
        Object[] target;
        private final GroupConverter root;

        RowMaterializer(List<ParquetColumnMapping> mappings) {
            Converter[] converters = new Converter[mappings.size()];
            for (int i = 0; i < converters.length; i++) {
                converters[i] = new ValueConverter(this, i, mappings.get(i));
            }
            root = new GroupConverter() {
                @Override
                public Converter getConverter(int fieldIndex) {
                    return converters[fieldIndex];
                }

                @Override
                public void start() {
                    java.util.Arrays.fill(target, null);
                }

                @Override
                public void end() {
                }
            };
        }

        @Override
        public Object[] getCurrentRecord() {
            return target;
        }

        @Override
        public GroupConverter getRootConverter() {
            return root;
        }
    }

    private static final class ValueConverter extends PrimitiveConverter {
        private final RowMaterializer owner;
        private final int index;
        private final ParquetColumnMapping mapping;

        ValueConverter(RowMaterializer owner, int index, ParquetColumnMapping mapping) {
            this.owner = owner;
            this.index = index;
            this.mapping = mapping;
        }

        @Override
        public void addBoolean(boolean value) {
            owner.target[index] = value;
        }

        @Override
        public void addDouble(double value) {
            owner.target[index] = value;
        }

        @Override
        public void addFloat(float value) {
            owner.target[index] = (double) value; // exact widening
        }

        @Override
        public void addInt(int value) {
            try {
                owner.target[index] = mapping.fromInt(value);
            } catch (ArithmeticException e) {
                throw new ValueException(mapping.name, e.getMessage());
            }
        }

        @Override
        public void addLong(long value) {
            try {
                owner.target[index] = mapping.kind == ParquetColumnMapping.Kind.INT64 ? value : mapping.fromLong(value);
            } catch (ArithmeticException e) {
                throw new ValueException(mapping.name, e.getMessage());
            }
        }

        @Override
        public void addBinary(Binary value) {
            try {
                owner.target[index] = mapping.fromBinary(value);
            } catch (ArithmeticException e) {
                throw new ValueException(mapping.name, e.getMessage());
            }
        }
    }
}
