package org.labexport.pipeline;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.labexport.job.DataExportService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes expired jobs and their outputs (local files and S3 objects, through the registered output remover): once
 * at start, then every hour while the app is open. {@code labexport cleanup} runs the same cleanup once.
 */
public final class ExpiredJobCleaner implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredJobCleaner.class);

    private final DataExportService exports;
    private final ScheduledExecutorService scheduler;

    private ExpiredJobCleaner(DataExportService exports, Duration interval) {
        this.exports = exports;
        this.scheduler = new ScheduledThreadPoolExecutor(1, new NamedThreads("labexport-expiry"));
        scheduler.scheduleWithFixedDelay(this::runOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts cleaning now and every hour. */
    public static ExpiredJobCleaner start(DataExportService exports) {
        return start(exports, DEFAULT_INTERVAL);
    }

    public static ExpiredJobCleaner start(DataExportService exports, Duration interval) {
        return new ExpiredJobCleaner(exports, interval);
    }

    /** One cleanup; returns how many jobs were deleted (0 on error, which is logged). */
    public int runOnce() {
        try {
            int n = exports.cleanupExpiredJobs();
            if (n > 0) {
                LOG.info("Deleted {} expired export job(s) and their outputs", n);
            }
            return n;
        } catch (RuntimeException e) {
            LOG.warn("Cleaning up expired jobs failed: {}", e.toString());
            return 0;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
