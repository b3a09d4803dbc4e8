package org.labexport.convert.parquet;

import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.factory.DefaultValuesWriterFactory;
import org.apache.parquet.column.values.factory.ValuesWriterFactory;

/**
 * parquet-java's default value encoders, except that the named columns never try a dictionary. Columns are matched
 * by name rather than through the builder's per-column option, which takes a dotted path and so would miss a column
 * whose name contains a dot.
 */
final class ChosenDictionaryFactory implements ValuesWriterFactory {
    private final Set<String> plainColumns;
    private final ValuesWriterFactory withDictionary = new DefaultValuesWriterFactory();
    private final ParquetProperties withoutDictionary;

    /** {@code plainProperties} must equal the writer's properties except for dictionary encoding being off. */
    ChosenDictionaryFactory(Set<String> plainColumns, ParquetProperties plainProperties) {
        this.plainColumns = Set.copyOf(plainColumns);
        this.withoutDictionary = plainProperties;
    }

    @Override
    public void initialize(ParquetProperties properties) {
        withDictionary.initialize(properties);
    }

    @Override
    public ValuesWriter newValuesWriter(ColumnDescriptor descriptor) {
        String[] path = descriptor.getPath();
        if (path.length == 1 && plainColumns.contains(path[0])) {
            return withoutDictionary.newValuesWriter(descriptor);
        }
        return withDictionary.newValuesWriter(descriptor);
    }
}
