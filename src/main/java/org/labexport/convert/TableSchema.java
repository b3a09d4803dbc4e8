package org.labexport.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The ordered columns of a table; immutable. */
public record TableSchema(List<Column> columns) {
    public TableSchema {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    }

    public int size() {
        return columns.size();
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }

    /** Index of the column with this exact name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
