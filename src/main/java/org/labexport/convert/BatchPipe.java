package org.labexport.convert;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a producer on its own thread and hands its batches to the consumer through a small bounded queue, so that
 * two stages of a conversion use both cores while memory stays bounded. Failures of the producer are rethrown to
 * the consumer; {@link #close()} stops the producer (it notices within 100 ms) and waits for its thread.
 *
 * @param <T> the batch type
 */
public final class BatchPipe<T> implements Closeable {

    /** The producing stage: calls {@code sink.put} for each batch and returns at the end of the input. */
    @FunctionalInterface
    public interface Producer<T> {
        void run(Sink<T> sink) throws Exception;
    }

    /** Where the producer puts batches; {@code put} blocks while the queue is full. */
    @FunctionalInterface
    public interface Sink<T> {
        void put(T batch) throws IOException;
    }

    private static final Object END = new Object();

    private final ArrayBlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Throwable failure;
    private boolean ended;

    private BatchPipe(int capacity, String threadName, Producer<T> producer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> produce(producer), threadName);
        this.thread.setDaemon(true);
    }

    /** Starts {@code producer} on a new daemon thread named {@code threadName}. */
    public static <T> BatchPipe<T> start(int capacity, String threadName, Producer<T> producer) {
        BatchPipe<T> pipe = new BatchPipe<>(capacity, threadName, producer);
        pipe.thread.start();
        return pipe;
    }

    private void produce(Producer<T> producer) {
        try {
            producer.run(this::offer);
        } catch (Stopped e) {
            return;
        } catch (Throwable t) {
            failure = t;
        }
        try {
            offer(END);
        } catch (Stopped | IOException e) {
            // closed by the consumer: nobody is waiting for the end
        }
    }

    private void offer(Object item) throws IOException {
        try {
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Stopped();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        if (closed) {
            throw new Stopped();
        }
    }

    /**
     * The next batch, or null at the end of the input.
     *
     * @throws IOException the producer's failure (a RuntimeException or Error is rethrown as is)
     */
    @SuppressWarnings("unchecked")
    public T take() throws IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting for rows");
        }
        if (item == END) {
            ended = true;
            Throwable t = failure;
            if (t != null) {
                rethrow(t);
            }
            return null;
        }
        return (T) item;
    }

    /**
     * Like {@link #take()} but waits at most {@code millis}: null when nothing arrived in time or at the end of the
     * input (then {@link #finished()} is true), so the consumer can report progress and poll for cancel meanwhile.
     */
    @SuppressWarnings("unchecked")
    public T poll(long millis) throws IOException {
        if (ended) {
            return null;
        }
        Object item;
        try {
            item = queue.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("Interrupted while waiting for rows");
        }
        if (item == null) {
            return null;
        }
        if (item == END) {
            ended = true;
            Throwable t = failure;
            if (t != null) {
                rethrow(t);
            }
            return null;
        }
        return (T) item;
    }

    /** Whether the producer's end (or failure) has been taken. */
    public boolean finished() {
        return ended;
    }

    private static void rethrow(Throwable t) throws IOException {
        if (t instanceof IOException io) {
            throw io;
        }
        if (t instanceof UncheckedIOException u) {
            throw u.getCause();
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IOException(t);
    }

    /** Stops the producer and waits (up to 10 s) for its thread to end. */
    @Override
    public void close() {
        closed = true;
        queue.clear();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }

    /** Thrown inside the producer when the consumer has closed the pipe. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super(null, null, false, false);
        }
    }
}
