package org.labexport.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waiting for another process's turn at the database file is bounded: a process that never gives the lock back makes
 * the others fail in words (or close without it), never hang. The other process is a real one holding the OS lock.
 */
class HandOverLockTest {
    @TempDir
    Path dir;

    /** Starts a JVM that takes the OS lock on {@code lockFile} and keeps it until killed; returns once it holds it. */
    private Process holder(Path lockFile) throws Exception {
        Path src = Files.writeString(dir.resolve("Holder.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        c.lock();
                        System.out.println("held");
                        System.out.flush();
                        Thread.sleep(600_000);
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, src.toString(), lockFile.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("held");
        return p;
    }

    @Test
    void aTurnNeverGivenBackEndsTheWaitWithAnErrorInWords() throws Exception {
        HandOverLock lock = new HandOverLock(dir.resolve("labexport"));
        Process other = holder(lock.file());
        try {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> lock.whileHeld(() -> "ran", 300))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Another LabExport process has been opening or closing the database");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isGreaterThanOrEqualTo(300);
        } finally {
            other.destroyForcibly().waitFor();
        }
        // Once the other process is gone the OS releases its lock and the turn is ours.
        assertThat(lock.whileHeld(() -> "ran", 10_000)).isEqualTo("ran");
    }

    /** A thread interrupted while it waits (a cancel, a Ctrl-C) stops waiting at once, says why and stays interrupted. */
    @Test
    void anInterruptedWaitEndsAtOnceInWordsAndKeepsTheInterrupt() throws Exception {
        HandOverLock lock = new HandOverLock(dir.resolve("labexport"));
        Process other = holder(lock.file());
        try {
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
            Thread waiter = new Thread(() -> {
                try {
                    lock.whileHeld(() -> "ran", 60_000);
                } catch (SQLException e) {
                    failure.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            waiter.interrupt();
            waiter.join(10_000);

            assertThat(waiter.isAlive()).isFalse();
            assertThat(failure.get()).isInstanceOf(SQLException.class)
                    .hasMessageContaining("Interrupted while waiting for the turn to open or close the database");
            assertThat(stillInterrupted.get()).isTrue();
        } finally {
            other.destroyForcibly().waitFor();
        }
    }
}
