package org.labexport.convert.parquet;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.labexport.convert.ColumnType;
import org.labexport.convert.TableSchema;

/**
 * Writes {@code Object[]} rows straight into Parquet's record consumer, with no intermediate record objects
 * (measured against Avro's generic records in docs/decisions/0020-parquet-write-path.md).
 */
final class RowWriteSupport extends WriteSupport<Object[]> {
    private final MessageType parquetSchema;
    private final ColumnType[] types;
    private final String[] names;
    private final Map<String, String> extraMetadata;
    private RecordConsumer consumer;

    RowWriteSupport(TableSchema schema, Map<String, String> extraMetadata) {
        this.parquetSchema = ParquetSchemas.toParquet(schema);
        this.types = new ColumnType[schema.size()];
        this.names = new String[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            types[i] = schema.column(i).type();
            names[i] = schema.column(i).name();
        }
        this.extraMetadata = new HashMap<>(extraMetadata);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(parquetSchema, extraMetadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(parquetSchema, extraMetadata);
    }

    @Override
    public String getName() {
        return "labexport";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
        RecordConsumer rc = consumer;
        rc.startMessage();
        for (int i = 0; i < types.length; i++) {
            Object v = row[i];
            if (v == null) {
                continue; // an optional field left out is a null
            }
            rc.startField(names[i], i);
            switch (types[i]) {
                case LONG -> rc.addLong((Long) v);
                case DOUBLE -> rc.addDouble((Double) v);
                case BOOLEAN -> rc.addBoolean((Boolean) v);
                case STRING -> rc.addBinary(Binary.fromString((String) v));
                case DATE -> rc.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
                case TIMESTAMP -> rc.addLong(toMicros((Instant) v));
            }
            rc.endField(names[i], i);
        }
        rc.endMessage();
    }

    static long toMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
