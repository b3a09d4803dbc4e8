package org.labexport.job;

/** Told about every job change; called on the thread that made the change, so it must be quick and not block. */
@FunctionalInterface
public interface JobListener {
    void onJobEvent(JobEvent event);
}
