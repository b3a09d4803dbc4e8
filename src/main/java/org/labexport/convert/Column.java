package org.labexport.convert;

import java.util.Objects;

/** One named, typed column of a table. */
public record Column(String name, ColumnType type) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Written out, as {@link TableSchema#equals} is and for the same reason. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Column other && name.equals(other.name) && type == other.type;
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + type.hashCode();
    }
}
