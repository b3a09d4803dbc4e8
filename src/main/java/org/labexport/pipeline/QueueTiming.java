package org.labexport.pipeline;

import java.time.Duration;

/**
 * The clocks of the shared job queue: how often a running job's owner says it is alive, after how long without that
 * its job is taken over, and how often an idle worker asks for work. Defaults 10 s, 60 s and 1 s; the system
 * properties {@code labexport.queue.heartbeatMs}, {@code labexport.queue.staleMs} and {@code labexport.queue.pollMs}
 * shorten them for tests and benchmarks.
 *
 * @param heartbeat  between two heartbeats of a running job
 * @param staleAfter a processing job whose last heartbeat is older than this has no live owner
 * @param idlePoll   between two looks at an empty queue
 */
public record QueueTiming(Duration heartbeat, Duration staleAfter, Duration idlePoll) {

    public QueueTiming {
        if (staleAfter.compareTo(heartbeat.multipliedBy(2)) <= 0) {
            throw new IllegalArgumentException("The stale limit (" + staleAfter.toMillis() + " ms) must be more than"
                    + " two heartbeats (" + heartbeat.toMillis() + " ms each)");
        }
    }

    /** The defaults, with any of the three system properties applied. */
    public static QueueTiming fromSystemProperties() {
        return new QueueTiming(millis("labexport.queue.heartbeatMs", 10_000),
                millis("labexport.queue.staleMs", 60_000), millis("labexport.queue.pollMs", 1_000));
    }

    private static Duration millis(String property, long fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            return Duration.ofMillis(fallback);
        }
        try {
            return Duration.ofMillis(Math.max(1, Long.parseLong(v.strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The system property " + property + " must be a number of"
                    + " milliseconds, got '" + v + "'", e);
        }
    }
}
