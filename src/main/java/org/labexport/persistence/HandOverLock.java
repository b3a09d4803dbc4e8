package org.labexport.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;

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

    /** Work that talks to H2 while the lock is held. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    <T> T whileHeld(Work<T> work) throws SQLException {
        synchronized (IN_THIS_JVM) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                return work.run();
            } catch (IOException e) {
                throw new SQLException("Cannot take the lock " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
