package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream ahead on a second thread, so that inflating a sheet's zip entry runs on one core while the sheet XML
 * is parsed on another (docs/decisions/0026-excel-reading-speed.md). Blocks are recycled through two small bounded
 * queues, so memory stays at a few blocks whatever the size of the sheet.
 *
 * <p>The reading thread is never interrupted: an interrupt during a read of the workbook's zip file would close the
 * file channel that every part of the package shares. It stops at its next block after {@link #close()} instead.
 */
final class ReadAheadInputStream extends BlockInputStream {
    static final int BLOCK_BYTES = 128 * 1024;
    private static final int BLOCKS = 4;
    private static final long POLL_MILLIS = 50;

    /** A filled block; {@code length < 0} marks the end of the stream, {@code failure != null} a read error. */
    private record Block(byte[] bytes, int length, Throwable failure) {
    }

    private final InputStream source;
    private final BlockingQueue<Block> full = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final Thread worker;
    private Block current;
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String threadName) {
        this.source = source;
        for (int i = 0; i < BLOCKS + 1; i++) {
            empty.add(new byte[BLOCK_BYTES]);
        }
        worker = new Thread(this::fill, threadName);
        worker.setDaemon(true);
        worker.start();
    }

    private void fill() {
        try {
            while (!isClosed()) {
                byte[] bytes = empty.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (bytes == null) {
                    continue;
                }
                int n = source.readNBytes(bytes, 0, bytes.length);
                if (n == 0) {
                    put(new Block(bytes, -1, null));
                    return;
                }
                put(new Block(bytes, n, null));
            }
        } catch (Throwable t) {
            try {
                put(new Block(null, -1, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void put(Block block) throws InterruptedException {
        while (!isClosed() && !full.offer(block, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            // the reader is busy; wait unless it closed the stream
        }
    }

    /** Makes the next filled block current; false at the end of the stream. */
    private boolean advance() throws IOException {
        if (ended) {
            return false;
        }
        if (current != null) {
            empty.offer(current.bytes());
            current = null;
        }
        Block b;
        try {
            b = full.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading the workbook");
        }
        if (b.failure() != null) {
            ended = true;
            Throwable f = b.failure();
            throw f instanceof IOException io ? io : new IOException(String.valueOf(f.getMessage()), f);
        }
        if (b.length() < 0) {
            ended = true;
            return false;
        }
        current = b;
        position = 0;
        return true;
    }

    @Override
    protected int readBlock(byte[] b, int off, int len) throws IOException {
        if ((current == null || position == current.length()) && !advance()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    protected void release() throws IOException {
        full.clear();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            full.clear();
            source.close();
        }
    }
}
