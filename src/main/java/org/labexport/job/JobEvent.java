package org.labexport.job;

/**
 * A change to one job. {@code job} is a detached copy of the job after the change, or null when it was deleted.
 */
public record JobEvent(Type type, long jobId, ExportJob job) {

    /** What happened to the job. */
    public enum Type {
        /** A new job. */
        CREATED,
        /** Progress counts or another field changed; the status did not. */
        PROGRESS,
        /** The status changed. */
        STATUS,
        /** The job is gone. */
        DELETED
    }
}
