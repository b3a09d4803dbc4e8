package org.labexport.convert;

import java.util.Arrays;

/** Byte arrays that grow as text is appended to them, up to the 2 GB one array can hold. */
public final class ByteArrays {
    private ByteArrays() {
    }

    /**
     * {@code a} if it has room for {@code extra} bytes after its first {@code used}; otherwise a copy at least twice
     * as long. Doubling keeps the copying to about the size of the final array.
     *
     * @param what named in the error when the bytes would pass 2 GB ("a row group's text")
     */
    public static byte[] withRoom(byte[] a, int used, int extra, String what) {
        if (used + (long) extra <= a.length) {
            return a;
        }
        long size = Math.max(a.length * 2L, used + (long) extra);
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(what + " exceeds 2 GB");
        }
        return Arrays.copyOf(a, (int) size);
    }
}
