package org.labexport.convert.excel;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes zip entries, deflating on a second thread when asked: the caller encodes XML on one core while the other
 * compresses it. Blocks pass through a small bounded queue, so memory stays a few hundred kilobytes.
 */
final class ZipPipe extends OutputStream {
    private static final Object CLOSE_ENTRY = new Object();
    private static final Object FINISH = new Object();
    private static final int QUEUE_BLOCKS = 8;

    private final ZipOutputStream zip;
    private final BlockingQueue<Object> queue;
    private final Thread worker;
    private volatile Throwable failure;

    ZipPipe(OutputStream target, int level, boolean parallel) {
        this.zip = new ZipOutputStream(target);
        zip.setLevel(level);
        if (parallel) {
            queue = new ArrayBlockingQueue<>(QUEUE_BLOCKS);
            worker = new Thread(this::drain, "xlsx-deflate");
            worker.setDaemon(true);
            worker.start();
        } else {
            queue = null;
            worker = null;
        }
    }

    private void drain() {
        try {
            while (true) {
                Object item = queue.take();
                if (item == FINISH) {
                    zip.finish();
                    return;
                }
                apply(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            failure = t;
            queue.clear();
        }
    }

    private void apply(Object item) throws IOException {
        if (item instanceof byte[] block) {
            zip.write(block);
        } else if (item instanceof String name) {
            zip.putNextEntry(new ZipEntry(name));
        } else if (item == CLOSE_ENTRY) {
            zip.closeEntry();
        }
    }

    private void send(Object item) throws IOException {
        if (worker == null) {
            apply(item);
            return;
        }
        check();
        try {
            while (!queue.offer(item, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                check();
                if (!worker.isAlive()) {
                    throw new IOException("the compressing thread stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the workbook");
        }
    }

    private void check() throws IOException {
        Throwable f = failure;
        if (f != null) {
            throw f instanceof IOException io ? io : new IOException(f.getMessage(), f);
        }
    }

    void startEntry(String name) throws IOException {
        send(name);
    }

    void closeEntry() throws IOException {
        send(CLOSE_ENTRY);
    }

    /** Writes a whole small entry. */
    void entry(String name, String content) throws IOException {
        startEntry(name);
        write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        closeEntry();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (worker == null) {
            zip.write(b, off, len);
        } else {
            send(java.util.Arrays.copyOfRange(b, off, off + len));
        }
    }

    /** Completes the archive and closes the file. */
    void finish() throws IOException {
        try {
            if (worker == null) {
                zip.finish();
            } else {
                send(FINISH);
                worker.join();
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while finishing the workbook");
        } finally {
            zip.close();
        }
    }

    /** Abandons the archive: stops the compressing thread and closes the file. */
    void abandon() {
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            zip.close();
        } catch (IOException | RuntimeException e) {
            // the partial file is the caller's to delete
        }
    }
}
