package org.labexport.convert;

import java.util.Objects;

/** One named, typed column of a table. */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
