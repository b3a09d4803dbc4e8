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

    /**
     * Written out because a record's generated equality is linked on first use by building method handles, about
     * fifty classes spun in the middle of a conversion that compares a provisional schema (decision 0140).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof TableSchema other && columns.equals(other.columns);
    }

    @Override
    public int hashCode() {
        return columns.hashCode();
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
