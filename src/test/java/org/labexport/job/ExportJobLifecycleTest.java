package org.labexport.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.labexport.TestHome;
import org.labexport.app.AppServices;

/** Every pair of statuses against the transition table, on a real H2 file database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportJobLifecycleTest {
    @TempDir
    static Path dir;
    private AppServices services;
    private JobFixtures fixtures;

    @BeforeAll
    void open() {
        services = TestHome.open(dir.resolve("home"));
        fixtures = new JobFixtures(services, dir);
    }

    @AfterAll
    void close() {
        services.close();
    }

    static Stream<Arguments> everyPair() {
        List<Arguments> pairs = new ArrayList<>();
        for (ExportStatus from : ExportStatus.values()) {
            for (ExportStatus to : ExportStatus.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void statusChangesFollowTheTransitionTable(ExportStatus from, ExportStatus to) {
        ExportJob job = fixtures.aJobIn(from);
        assertThat(job.getStatus()).isEqualTo(from);
        DataExportService exports = services.exports();

        if (from.canTransitionTo(to)) {
            ExportJob changed = exports.updateJobStatus(job.getId(), to, null);
            assertThat(changed.getStatus()).isEqualTo(to);
            assertThat(exports.getExportJob(job.getId()).orElseThrow().getStatus()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> exports.updateJobStatus(job.getId(), to, null))
                    .isInstanceOf(IllegalJobTransitionException.class)
                    .hasMessageContaining("Job " + job.getId());
            assertThat(exports.getExportJob(job.getId()).orElseThrow().getStatus()).isEqualTo(from);
        }
    }

    @Test
    void theTableAllowsExactlyTheDocumentedLifeCycle() {
        assertThat(ExportStatus.PENDING.canTransitionTo(ExportStatus.PROCESSING)).isTrue();
        assertThat(ExportStatus.PROCESSING.canTransitionTo(ExportStatus.COMPLETED)).isTrue();
        assertThat(ExportStatus.PROCESSING.canTransitionTo(ExportStatus.FAILED)).isTrue();
        assertThat(ExportStatus.PENDING.canTransitionTo(ExportStatus.CANCELLED)).isTrue();
        assertThat(ExportStatus.PROCESSING.canTransitionTo(ExportStatus.CANCELLED)).isTrue();
        for (ExportStatus finished : List.of(ExportStatus.COMPLETED, ExportStatus.FAILED, ExportStatus.CANCELLED)) {
            for (ExportStatus any : ExportStatus.values()) {
                assertThat(finished.canTransitionTo(any)).as(finished + " -> " + any).isFalse();
            }
        }
    }

    @Test
    void processingSetsStartedAtAndFinishingSetsCompletedAt() {
        ExportJob pending = fixtures.aPendingJob();
        assertThat(pending.getStartedAt()).isNull();
        ExportJob processing = services.exports().markProcessing(pending.getId());
        assertThat(processing.getStartedAt()).isNotNull();
        assertThat(processing.getCompletedAt()).isNull();
        ExportJob failed = services.exports().markFailed(pending.getId(), "source vanished");
        assertThat(failed.getCompletedAt()).isNotNull();
        assertThat(failed.getErrorMessage()).isEqualTo("source vanished");
    }

    @Test
    void markCompletedRecordsTheResult() {
        ExportJob job = fixtures.aProcessingJob();
        ExportJob done = services.exports().markCompleted(job.getId(), new CompletedExport(
                "/tmp/out.zip", 1234, "file:/tmp/out.zip", 3, 1, "1 file failed", List.of(7L)));
        ExportJob stored = services.exports().getExportJob(job.getId()).orElseThrow();
        for (ExportJob j : List.of(done, stored)) {
            assertThat(j.getStatus()).isEqualTo(ExportStatus.COMPLETED);
            assertThat(j.getOutputPath()).isEqualTo("/tmp/out.zip");
            assertThat(j.getOutputSize()).isEqualTo(1234L);
            assertThat(j.getDownloadUrl()).isEqualTo("file:/tmp/out.zip");
            assertThat(j.getProcessedFiles()).isEqualTo(3);
            assertThat(j.getFailedFiles()).isEqualTo(1);
            assertThat(j.getFailedFileIds()).containsExactly(7L);
            assertThat(j.getErrorMessage()).isEqualTo("1 file failed");
            assertThat(j.getProgress()).isEqualTo(100);
            assertThat(j.getCompletedAt()).isNotNull();
        }
    }

    @Test
    void cancellingAFinishedJobIsAClearError() {
        for (ExportStatus finished : List.of(ExportStatus.COMPLETED, ExportStatus.FAILED, ExportStatus.CANCELLED)) {
            ExportJob job = fixtures.aJobIn(finished);
            assertThatThrownBy(() -> services.exports().cancelExportJob(job.getId()))
                    .isInstanceOf(IllegalJobTransitionException.class)
                    .hasMessageContaining("already " + finished.wireName())
                    .hasMessageContaining("cannot be cancelled");
        }
    }

    @Test
    void cancellingPendingAndProcessingJobsWorks() {
        assertThat(services.exports().cancelExportJob(fixtures.aPendingJob().getId()).getStatus())
                .isEqualTo(ExportStatus.CANCELLED);
        ExportJob processing = fixtures.aProcessingJob();
        assertThat(services.exports().isCancelRequested(processing.getId())).isFalse();
        services.exports().cancelExportJob(processing.getId());
        assertThat(services.exports().isCancelRequested(processing.getId())).isTrue();
    }

    @Test
    void changingAnUnknownJobSaysItIsNotFound() {
        assertThatThrownBy(() -> services.exports().cancelExportJob(987_654))
                .isInstanceOf(JobNotFoundException.class).hasMessageContaining("987654");
        assertThatThrownBy(() -> services.exports().getExportJobByIdOrKey("export_1_20000101000000"))
                .isInstanceOf(JobNotFoundException.class).hasMessageContaining("export_1_20000101000000");
    }
}
