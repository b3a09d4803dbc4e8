package org.labexport.convert.parquet;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;
import org.labexport.convert.Column;
import org.labexport.convert.TableSchema;

/** Maps our column types to the Parquet schema we write: every column optional, names kept as they are. */
final class ParquetSchemas {
    static final String MESSAGE_NAME = "labexport";

    private ParquetSchemas() {
    }

    static MessageType toParquet(TableSchema schema) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Column c : schema.columns()) {
            message.addField(field(c));
        }
        return message.named(MESSAGE_NAME);
    }

    private static Type field(Column c) {
        return switch (c.type()) {
            case LONG -> Types.optional(PrimitiveTypeName.INT64).named(c.name());
            case DOUBLE -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.name());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.name());
            case STRING -> Types.optional(PrimitiveTypeName.BINARY)
                    .as(LogicalTypeAnnotation.stringType()).named(c.name());
            case DATE -> Types.optional(PrimitiveTypeName.INT32)
                    .as(LogicalTypeAnnotation.dateType()).named(c.name());
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(c.name());
        };
    }
}
