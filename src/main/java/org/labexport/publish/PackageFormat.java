package org.labexport.publish;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How an export is packaged: as plain files, or as a BagIt bag whose payload carries an RO-Crate. */
public enum PackageFormat {
    /** The exported files (and manifest) as they are. */
    NONE("none"),
    /** A BagIt 1.0 bag (RFC 8493) with {@code data/ro-crate-metadata.json} (RO-Crate 1.2). */
    BAGIT("bagit");

    private final String wireName;

    PackageFormat(String wireName) {
        this.wireName = wireName;
    }

    /** The lower-case name used on the command line, in the database and in JSON. */
    public String wireName() {
        return wireName;
    }

    /** The format of a wire name, any case. */
    public static Optional<PackageFormat> fromWireName(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.wireName.equals(t)).findFirst();
    }

    /** "none, bagit", for messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(PackageFormat::wireName).collect(Collectors.joining(", "));
    }
}
