package org.labexport.destination;

import java.time.Duration;

/**
 * How long a remote destination keeps trying before it gives up: attempts with doubling pauses, all within a total
 * budget, so that a wrong endpoint fails the job in seconds rather than minutes.
 *
 * @param maxAttempts    attempts in all, at least 1
 * @param initialBackoff pause after the first failure; doubled after each further one
 * @param maxTotal       no new attempt starts once this much time has passed since the first
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxTotal) {

    /** Four attempts, 250 ms then 500 ms then 1 s apart, within 5 s. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(5));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
