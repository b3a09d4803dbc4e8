package org.labexport.convert;

/** Receives byte-based progress from a conversion; called from the converting thread, must be cheap. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    /**
     * @param bytesDone  bytes of the source consumed so far (over all passes, scaled to the source size)
     * @param bytesTotal the source's size in bytes
     */
    void onProgress(long bytesDone, long bytesTotal);
}
