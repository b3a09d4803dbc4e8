package org.labexport.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command runs work that must be undone: the signal starts the undo (cancelling
 * the export) instead of the JVM's exit, the command finishes normally with the database still open, and the process
 * exits with 128 + the signal's number (130, 143). The JVM's own handling would run the exit hooks at once, and H2's
 * hook closes the database before the cancel can be recorded (docs/decisions/0071). A second signal exits at once.
 */
final class CancelOnSignal implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final AtomicInteger received = new AtomicInteger();
    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    /** Handles INT and TERM until closed; {@code onFirst} runs once, on the signal's thread. */
    static CancelOnSignal install(Runnable onFirst) {
        CancelOnSignal handler = new CancelOnSignal();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, s -> handler.onSignal(s, onFirst));
                handler.installed.add(new Installed(signal, previous));
            } catch (IllegalArgumentException e) {
                // This platform has no such signal (or the JVM runs with -Xrs): keep its default behaviour.
            }
        }
        return handler;
    }

    private void onSignal(Signal signal, Runnable onFirst) {
        if (received.compareAndSet(0, signal.getNumber())) {
            onFirst.run();
        } else {
            System.exit(128 + signal.getNumber());
        }
    }

    /** True once a signal arrived. */
    boolean received() {
        return received.get() != 0;
    }

    /** 128 + the signal's number if one arrived, else the given code. */
    int exitCode(int otherwise) {
        int n = received.get();
        return n == 0 ? otherwise : 128 + n;
    }

    /** Puts the previous handlers back. */
    @Override
    public void close() {
        for (Installed i : installed) {
            Signal.handle(i.signal(), i.previous());
        }
    }
}
