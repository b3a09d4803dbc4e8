package org.labexport.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.labexport.base.CancelSignal;

/**
 * The raw deflate stream of one file, compressed on every core: the file is cut into blocks of {@link #BLOCK} bytes,
 * each block is deflated on a pool thread primed with the last 32 kB of the block before it (so matches reach across
 * blocks as in one stream) and ended with a sync flush, the last one with the final block. Joined in order, the pieces
 * are one valid deflate stream, as pigz makes them. At most {@code inFlight + 1} blocks are held (input and output),
 * whatever the file's size.
 */
final class ParallelDeflater {
    /** Block size: large enough that the sync-flush marker and dictionary set-up cost nothing measurable. */
    static final int BLOCK = 1 << 20;
    private static final int WINDOW = 32 * 1024;

    private final ExecutorService pool;
    private final int inFlight;
    private final int level;

    /**
     * @param pool     threads that deflate; blocks are handed to it in order and taken back in order
     * @param inFlight blocks submitted ahead of the reader (one or two per thread keeps every thread busy)
     * @param level    deflate level (1 fastest, 9 smallest)
     */
    ParallelDeflater(ExecutorService pool, int inFlight, int level) {
        this.pool = pool;
        this.inFlight = Math.max(1, inFlight);
        this.level = level;
    }

    /** What {@link #deflate} wrote: the input's size and CRC-32, and the size of the deflate stream. */
    record Result(long size, long crc, long compressedSize) {
    }

    /**
     * Writes the raw deflate stream of {@code file} to {@code out}. The calling thread reads blocks and keeps the
     * CRC while the pool compresses; compressed blocks are written in order as they are done.
     */
    Result deflate(Path file, OutputStream out, CancelSignal cancel) throws IOException {
        ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
        CRC32 crc = new CRC32();
        long size = 0;
        long written = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] previousTail = null;
            // One block is read ahead so that a file of whole blocks still ends on a final block with data.
            byte[] block = in.readNBytes(BLOCK);
            boolean last = false;
            while (!last) {
                cancel.check();
                byte[] next = block.length == BLOCK ? in.readNBytes(BLOCK) : new byte[0];
                last = next.length == 0;
                crc.update(block);
                size += block.length;
                byte[] dictionary = previousTail;
                byte[] input = block;
                boolean isLast = last;
                previousTail = block.length >= WINDOW ? Arrays.copyOfRange(block, block.length - WINDOW, block.length)
                        : null;
                pending.addLast(pool.submit(() -> deflate(input, dictionary, isLast, level)));
                while (pending.size() >= inFlight || (last && !pending.isEmpty())) {
                    byte[] piece = take(pending.removeFirst());
                    out.write(piece);
                    written += piece.length;
                }
                block = next;
            }
        } finally {
            for (Future<byte[]> f : pending) {
                f.cancel(false);
            }
        }
        return new Result(size, crc.getValue(), written);
    }

    private static byte[] take(Future<byte[]> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(c.getMessage(), c);
        }
    }

    private static byte[] deflate(byte[] block, byte[] dictionary, boolean last, int level) {
        int length = block.length;
        Deflater d = new Deflater(level, true);
        try {
            if (dictionary != null) {
                d.setDictionary(dictionary);
            }
            d.setInput(block, 0, length);
            if (last) {
                d.finish();
            }
            byte[] out = new byte[length + length / 1000 + 64];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                int got = d.deflate(out, n, out.length - n, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                n += got;
                // Done once the final block is out, or once a sync flush left room to spare (zlib's own test).
                if (last ? d.finished() : n < out.length) {
                    break;
                }
            }
            return Arrays.copyOf(out, n);
        } finally {
            d.end();
        }
    }
}
