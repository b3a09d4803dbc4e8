package org.labexport.persistence;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Patience for the moments when another process is starting or stopping the shared database server: H2's AUTO_SERVER
 * hand-over is not atomic, so a process that opens the file or connects at that instant gets one of a few errors
 * that go away within a second (docs/decisions/0070). This recognises them and paces the next attempt with jitter,
 * so that processes started together do not retry in step.
 */
final class SharedOpenRetry {
    /** How long to keep trying before the error is shown to the user. */
    static final long PATIENCE_MILLIS = 30_000;

    /**
     * H2 error codes seen while another process starts or stops serving the file:
     * 8000 "Lock file recently modified" / "Concurrent update" (two processes creating the lock file at once),
     * 90020 "Locked by another process" (the owner has not written its server address yet),
     * 90067 "Connection is broken" (the serving process just exited),
     * 90098 "Database is already closed" and 90121 "Database is closing" (answered by a server that is stopping);
     * and one general error, recognised by its text ({@link #isHandOver}).
     */
    private static final Set<Integer> HAND_OVER_ERRORS = Set.of(8000, 90020, 90067, 90098, 90121);

    private final long deadlineNanos;
    private int attempt;

    SharedOpenRetry() {
        this.deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MILLIS);
    }

    /** H2's general error, which carries one more hand-over case only in its text (see {@link #isHandOver}). */
    private static final int GENERAL_ERROR = 50000;

    /** True if the failure (or one of its causes) is an H2 error of the server hand-over. */
    static boolean isHandOver(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (HAND_OVER_ERRORS.contains(sql.getErrorCode())
                    || sql.getErrorCode() == GENERAL_ERROR && isClosedUnderAStatement(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * "General error: org.h2.mvstore.MVStoreException: Transaction 1 is closed": the serving process closed the
     * database while a statement of ours was running on it (ManyProcessesTest, once a short command was serving the
     * file for eight others). Nothing was committed; the code is H2's catch-all, so only this text counts.
     */
    private static boolean isClosedUnderAStatement(String message) {
        return message != null && message.contains("MVStoreException: Transaction ") && message.contains(" is closed");
    }

    /**
     * Waits before the next attempt and returns true, or returns false at once when the patience is used up or the
     * thread was interrupted (the caller then throws the failure it holds).
     */
    boolean pauseBeforeRetry() {
        if (System.nanoTime() >= deadlineNanos) {
            return false;
        }
        attempt++;
        // 20-70 ms at first, growing to 250-500 ms: a hand-over takes a few hundred ms of H2's lock-file checks.
        long ceiling = Math.min(500, 70L << Math.min(attempt - 1, 3));
        long pause = ThreadLocalRandom.current().nextLong(ceiling / 2 > 20 ? ceiling / 2 : 20, ceiling + 1);
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int attempts() {
        return attempt;
    }
}
