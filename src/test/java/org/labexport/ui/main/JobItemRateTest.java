package org.labexport.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.job.ExportJob;
import org.labexport.job.JobEvent;
import org.labexport.job.JobFixtures;
import org.labexport.job.JobProgress;

/** Throughput and time left are measured over the run the window sees, not from a resumed job's original start. */
class JobItemRateTest {
    private static final long MB = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void aResumedJobsRateAndTimeLeftComeFromItsResumedStateNotItsOriginalStart() throws Exception {
        try (AppServices services = TestHome.open(dir.resolve("home"))) {
            JobFixtures fixtures = new JobFixtures(services, Files.createDirectories(dir.resolve("data")));
            ExportJob job = fixtures.aProcessingJob();
            AtomicReference<ExportJob> latest = new AtomicReference<>();
            services.exports().addListener(e -> {
                if (e.type() == JobEvent.Type.PROGRESS) {
                    latest.set(e.job());
                }
            });
            // The window reopens two hours after the start, when the resumed job is at 50 %.
            Instant resumedAt = job.getStartedAt().plus(Duration.ofHours(2));
            services.exports().updateJobProgress(job.getId(), new JobProgress(50, 0, 0, 50 * MB, 100 * MB));
            JobItem item = new JobItem(latest.get(), resumedAt);
            assertThat(item.percentTextProperty().get()).isEqualTo("50 %");
            assertThat(item.speedTextProperty().get()).isEmpty(); // nothing measured in this run yet

            // 10 MB in the next 10 s: 1 MB/s and 40 MB left, about 40 s (measured from the original start it would
            // be about 7 kB/s and more than an hour left).
            services.exports().updateJobProgress(job.getId(), new JobProgress(60, 0, 0, 60 * MB, 100 * MB));
            item.update(latest.get(), resumedAt.plusSeconds(10));

            assertThat(item.percentTextProperty().get()).isEqualTo("60 %");
            assertThat(item.speedTextProperty().get()).isEqualTo("977 KiB/s · about 40 s left");
        }
    }
}
