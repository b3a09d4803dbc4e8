package org.labexport.convert;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Waits for work a conversion handed to another thread, and rethrows its failure as the caller's own: an
 * IOException, unchecked exception or Error as it was thrown, anything else wrapped with what the work was.
 */
public final class WorkerResults {
    private WorkerResults() {
    }

    /** The result of {@code f}; {@code what} names the work for messages ("encoding a Parquet row group of x"). */
    public static <T> T await(Future<T> f, String what) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while " + what);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err; // out of memory on a worker is the conversion's, handled where conversions fail
            }
            throw new IOException(what + " failed", cause);
        }
    }
}
