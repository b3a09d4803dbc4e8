package org.labexport.publish;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * An export to check, wherever it is (folder, ZIP, bucket): the files it holds with their sizes, and a way to read
 * each. Paths are '/'-separated and relative to the export's top (a bag's base directory).
 */
public interface PackageSource extends Closeable {

    /** One file of the export. */
    record Entry(String path, long size) {
    }

    /** Every file, sorted by path. */
    List<Entry> files() throws IOException;

    /** Reads one file; the caller closes the stream. */
    InputStream open(String path) throws IOException;

    /** The export in words, for messages. */
    String describe();

    @Override
    default void close() throws IOException {
    }
}
