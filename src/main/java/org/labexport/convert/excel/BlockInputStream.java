package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream that works in blocks: a single byte is read through the block read, reading after close fails,
 * and closing twice releases once. Subclasses give {@link #readBlock} and {@link #release}.
 */
abstract class BlockInputStream extends InputStream {
    private volatile boolean closed;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        return readBlock(b, off, len);
    }

    /** Reads up to {@code len > 0} bytes, at least one unless at the end (-1). */
    protected abstract int readBlock(byte[] b, int off, int len) throws IOException;

    @Override
    public final void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        release();
    }

    /** Lets go of what the stream holds; called once, by the first {@link #close()}. */
    protected abstract void release() throws IOException;

    /** Whether {@link #close()} was called (visible to other threads). */
    protected final boolean isClosed() {
        return closed;
    }
}
