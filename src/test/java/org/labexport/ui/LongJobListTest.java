package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ExportFormat;
import org.labexport.job.JobProgress;
import org.labexport.job.NewExportJob;
import org.labexport.ui.main.JobItem;

/** A thousand jobs: the list stays virtualised and fast, and live updates keep scroll position and selection. */
class LongJobListTest extends WindowTestSupport {
    private static final int JOBS = 1_000;
    private final List<Long> running = new ArrayList<>();

    @Override
    void prepare() {
        long fileId = fixtures.aCatalogFile().getId();
        for (int i = 0; i < JOBS; i++) {
            long id = services.exports().createExportJob(NewExportJob.builder().name("Run " + i)
                    .description("batch " + (i % 10)).format(ExportFormat.CSV).fileIds(List.of(fileId)).build())
                    .getId();
            // Half finish, a few stay running (not submitted, so the runner leaves them alone).
            if (i % 2 == 0) {
                services.exports().cancelExportJob(id);
            } else if (i % 100 == 1) {
                services.exports().markProcessing(id);
                running.add(id);
            } else {
                services.exports().markFailed(id, "test");
            }
        }
    }

    private ListView<JobItem> list() {
        return window.view().list();
    }

    private VirtualFlow<?> flow() {
        return (VirtualFlow<?>) list().lookup(".virtual-flow");
    }

    @Test
    void aThousandJobsUseOnlyAScreenfulOfCardsAndScrollQuickly() throws Exception {
        awaitFx(() -> list().getItems().size() == JOBS && flow() != null);
        long cells = onFx(() -> (long) list().lookupAll(".job-cell").size());
        assertThat(cells).as("cells built for %d jobs", JOBS).isLessThan(40);

        // Wall time per step is reported; FX-thread CPU time per step is asserted (the machine may be shared).
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long slowest = 0;
        long slowestCpu = 0;
        for (int index = 0; index < JOBS; index += 50) {
            int target = index;
            long t0 = System.nanoTime();
            long cpu = onFx(() -> {
                long c0 = threads.getCurrentThreadCpuTime();
                list().scrollTo(target);
                list().layout();
                return threads.getCurrentThreadCpuTime() - c0;
            });
            slowest = Math.max(slowest, System.nanoTime() - t0);
            slowestCpu = Math.max(slowestCpu, cpu);
        }
        runFx(() -> list().scrollTo(JOBS - 1));
        awaitFx(() -> flow().getLastVisibleCell() != null && flow().getLastVisibleCell().getIndex() == JOBS - 1);
        System.out.printf("1,000 jobs: %d cells, slowest scroll step %d ms wall, %d ms FX-thread CPU%n", cells,
                slowest / 1_000_000, slowestCpu / 1_000_000);
        assertThat(slowestCpu / 1_000_000).as("slowest scroll-and-layout step, FX-thread CPU ms").isLessThan(100);
        assertThat(onFx(() -> (long) list().lookupAll(".job-cell").size())).isLessThan(40);
    }

    @Test
    void liveUpdatesKeepTheScrollPositionAndTheSelection() throws Exception {
        awaitFx(() -> list().getItems().size() == JOBS && flow() != null);
        runFx(() -> {
            list().scrollTo(400);
            list().getSelectionModel().select(405);
            list().layout();
        });
        int first = onFx(() -> flow().getFirstVisibleCell().getIndex());
        JobItem selected = onFx(() -> list().getSelectionModel().getSelectedItem());
        IndexedCell<?> cellBefore = onFx(() -> flow().getFirstVisibleCell());

        for (int p = 1; p <= 100; p++) {
            for (long id : running) {
                services.exports().updateJobProgress(id, new JobProgress(p, 0, 0, p * 10L, 1000));
            }
        }
        awaitFx(() -> running.stream().allMatch(id -> window.viewModel().allJobs().stream()
                .anyMatch(i -> i.id() == id && i.getProgress() == 1.0)));

        assertThat(onFx(() -> flow().getFirstVisibleCell().getIndex())).isEqualTo(first);
        assertThat(onFx(() -> list().getSelectionModel().getSelectedItem())).isSameAs(selected);
        assertThat(onFx(() -> flow().getFirstVisibleCell())).as("cells are reused, not rebuilt").isSameAs(cellBefore);
    }
}
