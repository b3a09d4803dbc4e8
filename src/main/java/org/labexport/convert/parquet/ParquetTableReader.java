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
 * from any writer whose columns are flat; see {@link ParquetColumnMapping} for the type mapping. A column it cannot
 * convert (a list, struct or map) stays in the schema, so that the {@code columns} option can leave it out
 * ({@link #useOnly}); reading rows with it still selected fails naming it and its type. Only the columns used are
 * read from the file.
 */
public final class ParquetTableReader implements TableReader {
    private static final int CANCEL_CHECK_ROWS = 4096;
    /** Where parquet-java's page errors name the column ("... in col [name] optional binary name"). */
    private static final java.util.regex.Pattern PAGE_COLUMN = java.util.regex.Pattern.compile("in col \\[([^\\]]*)\\]");

    private final Path source;
    private final ParquetFileReader reader;
    private final TableSchema schema;
    private final MessageType fileSchema;
    private final List<ParquetColumnMapping> mappings;
    /** Per column, why it cannot be converted, or null. */
    private final String[] unsupported;
    private MessageColumnIO columnIO;
    private RowMaterializer materializer;
    private final CancelSignal cancel;
    private final List<BlockMetaData> blocks;
    private final long bytesTotal;
    private RecordReader<Object[]> records;
    private long rowsLeftInGroup;
    private int groupIndex;
    private long bytesConsumed;
    private long rowNumber;

    private ParquetTableReader(Path source, ParquetFileReader reader, MessageType fileSchema,
                               List<ParquetColumnMapping> mappings, String[] unsupported, CancelSignal cancel,
                               long bytesTotal) {
        this.source = source;
        this.reader = reader;
        this.fileSchema = fileSchema;
        this.mappings = mappings;
        this.unsupported = unsupported;
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < mappings.size(); i++) {
            // A column that cannot be converted is listed (as text) only so that it can be left out by name.
            columns.add(mappings.get(i) != null ? new Column(mappings.get(i).name, mappings.get(i).type)
                    : new Column(fileSchema.getFields().get(i).getName(), org.labexport.convert.ColumnType.STRING));
        }
        this.schema = new TableSchema(columns);
        this.cancel = cancel == null ? CancelSignal.NEVER : cancel;
        this.blocks = reader.getRowGroups();
        this.bytesTotal = bytesTotal;
    }

    /** Opens the file and reads its footer; a file that is not Parquet or is damaged gives a ConversionException. */
    public static ParquetTableReader open(Path source, CancelSignal cancel) throws IOException {
        String name = source.getFileName().toString();
        long size = Files.size(source);
        ParquetFileReader reader;
        try {
            // Pages whose writer stored a checksum are checked, so damaged values fail instead of being exported.
            reader = ParquetFileReader.open(new LocalInputFile(source),
                    ParquetReadOptions.builder(new PlainParquetConfiguration())
                            .usePageChecksumVerification(true).build());
        } catch (IOException | RuntimeException e) {
            throw unreadable(name, size, e);
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
            String[] unsupported = new String[fileSchema.getFieldCount()];
            for (Type field : fileSchema.getFields()) {
                try {
                    mappings.add(ParquetColumnMapping.of(field));
                } catch (ParquetColumnMapping.UnsupportedColumnException e) {
                    unsupported[mappings.size()] = e.getMessage();
                    mappings.add(null);
                }
            }
            return new ParquetTableReader(source, reader, fileSchema, mappings, unsupported, cancel, size);
        } catch (ConversionException e) {
            reader.close();
            throw e;
        } catch (RuntimeException e) {
            reader.close();
            throw new ConversionException(name + " has a Parquet schema LabExport cannot read: " + e.getMessage(), e);
        }
    }

    /** Why the footer cannot be read, in words: parquet-java's messages name its own classes and objects. */
    private static ConversionException unreadable(String name, long size, Exception e) {
        String m = String.valueOf(e.getMessage());
        String why;
        if (size == 0) {
            why = " is empty (zero bytes); it is not a Parquet file.";
        } else if (m.contains("magic number") || m.contains("length is too low")) {
            why = " is not a Parquet file: it does not end with the Parquet marker (PAR1), so it is another kind of"
                    + " file, or a Parquet file cut short.";
        } else {
            why = " is a damaged Parquet file: the description of its table at the end of the file (the footer)"
                    + " cannot be read.";
        }
        return new ConversionException(name + why, e);
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    /** Reads only these columns from the file; one that cannot be converted must not be among them. */
    @Override
    public void useOnly(int[] columns) throws IOException {
        if (materializer != null) {
            throw new IllegalStateException("useOnly after the first row");
        }
        select(columns);
    }

    /** Sets up reading of {@code used} columns (indexes into the schema), refusing one that cannot be converted. */
    private void select(int[] used) throws ConversionException {
        List<Type> fields = new ArrayList<>();
        List<ParquetColumnMapping> usedMappings = new ArrayList<>();
        int[] positions = new int[used.length];
        for (int k = 0; k < used.length; k++) {
            int c = used[k];
            if (unsupported[c] != null) {
                throw new ConversionException(source.getFileName() + ": " + unsupported[c] + ". Leave it out with"
                        + " the columns option to export the other columns.");
            }
            fields.add(fileSchema.getFields().get(c));
            usedMappings.add(mappings.get(c));
            positions[k] = c;
        }
        MessageType requested = new MessageType(fileSchema.getName(), fields);
        reader.setRequestedSchema(requested);
        columnIO = new ColumnIOFactory().getColumnIO(requested, fileSchema);
        materializer = new RowMaterializer(usedMappings, positions);
    }

    @Override
    public boolean next(Object[] row) throws IOException {
        if (materializer == null) {
            int[] all = new int[mappings.size()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            select(all);
        }
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
            java.util.regex.Matcher col = PAGE_COLUMN.matcher(String.valueOf(e.getMessage()));
            throw new ConversionException(source.getFileName() + " is damaged: the data of row group "
                    + (rowsLeftInGroup == 0 ? groupIndex + 1 : groupIndex)
                    + " of " + blocks.size() + (col.find() ? ", column '" + col.group(1) + "'," : "")
                    + " cannot be read.", e);
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

        /** {@code positions[k]}: where the value of the k-th read column goes in the row. */
        RowMaterializer(List<ParquetColumnMapping> mappings, int[] positions) {
            Converter[] converters = new Converter[mappings.size()];
            for (int i = 0; i < converters.length; i++) {
                converters[i] = new ValueConverter(this, positions[i], mappings.get(i));
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
