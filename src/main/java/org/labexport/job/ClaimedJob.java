package org.labexport.job;

/**
 * A job this process has just claimed from the shared queue.
 *
 * @param jobId   the job
 * @param resumed true when it was processing already (its worker died or handed it back), so finished files of the
 *                earlier run may be reused
 */
public record ClaimedJob(long jobId, boolean resumed) {
}
