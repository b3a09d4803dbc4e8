package org.labexport.persistence;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.labexport.base.IoReasons;

/**
 * Takes turns between processes at the moments H2's AUTO_SERVER mode cannot cope with company: opening the file
 * (or connecting to the process that serves it) and closing it. H2 coordinates through a lock file that every
 * opener writes and re-reads; several processes doing that at the same instant keep invalidating each other ("Lock
 * file recently modified", "Another process was faster"), and under load they can keep doing so for longer than any
 * retry waits. An OS lock on a file next to the database makes them go one after the other, each for the few
 * milliseconds a connection takes (docs/decisions/0070). The OS releases the lock if a process dies holding it.
 */
final class HandOverLock {
    /** One holder per JVM at a time: the OS lock belongs to the process, not the thread. */
    private static final Object IN_THIS_JVM = new Object();

    private final Path file;

    HandOverLock(Path databaseFile) {
        this.file = databaseFile.resolveSibling(databaseFile.getFileName() + ".open.lock");
    }

    /** The file next to the database whose OS lock is the turn. */
    Path file() {
        return file;
    }

    /** Work that talks to H2 while the lock is held. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    /** How long a process waits for its turn before it gives up: far longer than any turn takes (milliseconds). */
    static final long PATIENCE_MILLIS = 30_000;

    <T> T whileHeld(Work<T> work) throws SQLException {
        return whileHeld(work, PATIENCE_MILLIS);
    }

    /**
     * Runs the work while this process holds the lock, waiting at most {@code patienceMillis} for it. The wait is
     * bounded so that no process can hang on another that stopped in the middle of its turn (or is itself waiting
     * for this one): the caller then fails with the SQLException, or goes on without the lock where that is safe.
     */
    <T> T whileHeld(Work<T> work, long patienceMillis) throws SQLException {
        synchronized (IN_THIS_JVM) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = take(channel, patienceMillis)) {
                return work.run();
            } catch (ClosedByInterruptException e) {
                // Interrupted inside tryLock, which closes the channel: the same as being interrupted in the pause.
                throw interrupted(e);
            } catch (IOException e) {
                throw new SQLException("Cannot take the lock " + file + ": " + IoReasons.of(e), e);
            }
        }
    }

    private FileLock take(FileChannel channel, long patienceMillis) throws IOException, SQLException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patienceMillis);
        long pause = 1;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new SQLException("Another LabExport process has been opening or closing the database for more"
                        + " than " + patienceMillis / 1000 + " s (it holds " + file + "); try again, or end that"
                        + " process if it is stuck.");
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
            pause = Math.min(50, pause * 2);
        }
    }

    private SQLException interrupted(Exception e) {
        Thread.currentThread().interrupt();
        return new SQLException("Interrupted while waiting for the turn to open or close the database (" + file + ")",
                e);
    }
}
