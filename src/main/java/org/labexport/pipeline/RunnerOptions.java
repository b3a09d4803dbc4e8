package org.labexport.pipeline;

import java.time.Duration;
import java.util.Map;
import org.labexport.convert.TableConverter;
import org.labexport.destination.RetryPolicy;

/**
 * How an {@link ExportRunner} is set up; the defaults are what the app and the CLI use, tests shorten the waits.
 *
 * @param converter          converts one file; null for the standard converter
 * @param convertThreads     files converted at once within one job; 0 for the number of cores
 * @param s3Retry            retry budget of S3 calls
 * @param environment        where {@code LABEXPORT_S3_*} overrides are read; null for the process environment
 * @param cancelPollInterval how often the database is asked whether a running job was cancelled elsewhere
 */
public record RunnerOptions(TableConverter converter, int convertThreads, RetryPolicy s3Retry,
                            Map<String, String> environment, Duration cancelPollInterval) {

    public static RunnerOptions defaults() {
        return new RunnerOptions(null, 0, RetryPolicy.DEFAULT, null, Duration.ofMillis(250));
    }

    public RunnerOptions withConverter(TableConverter c) {
        return new RunnerOptions(c, convertThreads, s3Retry, environment, cancelPollInterval);
    }

    public RunnerOptions withS3Retry(RetryPolicy r) {
        return new RunnerOptions(converter, convertThreads, r, environment, cancelPollInterval);
    }

    public RunnerOptions withEnvironment(Map<String, String> env) {
        return new RunnerOptions(converter, convertThreads, s3Retry, env, cancelPollInterval);
    }

    public RunnerOptions withConvertThreads(int n) {
        return new RunnerOptions(converter, n, s3Retry, environment, cancelPollInterval);
    }

    int effectiveConvertThreads() {
        return convertThreads > 0 ? convertThreads : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    public Map<String, String> effectiveEnvironment() {
        return environment != null ? environment : System.getenv();
    }
}
