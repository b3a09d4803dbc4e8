package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.PieChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.labexport.TestHome;
import org.labexport.app.AppServices;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.ui.main.JobItem;
import org.labexport.ui.main.StatusFilter;

/** The job list of the main window: filter, search, delete, statistics and changes made by another process. */
class JobListTest extends WindowTestSupport {
    private ExportJob completedCsv;
    private ExportJob completedJson;
    private ExportJob failed;
    private ExportJob cancelled;

    @Override
    void prepare() {
        completedCsv = fixtures.aCompletedJob(2048, 1);
        var json = services.exports().createExportJob(fixtures.aRequest().name("Plate reader JSON")
                .description("weekly plate reader run").format(ExportFormat.JSON).build());
        services.exports().markProcessing(json.getId());
        completedJson = services.exports().markCompleted(json.getId(),
                new org.labexport.job.CompletedExport(null, 4096, null, 1, 0, null, List.of()));
        failed = fixtures.aFailedJob();
        cancelled = fixtures.aCancelledJob();
    }

    private ListView<JobItem> list() {
        return window.view().list();
    }

    private Set<Long> shownIds() throws Exception {
        return onFx(() -> list().getItems().stream().map(JobItem::id).collect(Collectors.toSet()));
    }

    @Test
    void listShowsEveryJobNewestFirst() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        List<Long> order = onFx(() -> list().getItems().stream().map(JobItem::id).toList());
        assertThat(order).containsExactly(cancelled.getId(), failed.getId(), completedJson.getId(),
                completedCsv.getId());
    }

    @Test
    void statusFilterShowsOnlyJobsInThatState() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        @SuppressWarnings("unchecked")
        ComboBox<StatusFilter> filter = robot.lookup("#statusFilter").queryAs(ComboBox.class);

        runFx(() -> filter.setValue(StatusFilter.COMPLETED));
        assertThat(shownIds()).containsExactlyInAnyOrder(completedCsv.getId(), completedJson.getId());

        runFx(() -> filter.setValue(StatusFilter.FAILED));
        assertThat(shownIds()).containsExactly(failed.getId());

        runFx(() -> filter.setValue(StatusFilter.CANCELLED));
        assertThat(shownIds()).containsExactly(cancelled.getId());

        runFx(() -> filter.setValue(StatusFilter.ACTIVE));
        assertThat(shownIds()).isEmpty();
        Label emptyTitle = onFx(() -> (Label) ((javafx.scene.layout.VBox) list().getPlaceholder()).getChildren().get(0));
        assertThat(onFx(() -> emptyTitle.getText())).isEqualTo("No exports match");

        runFx(() -> filter.setValue(StatusFilter.ALL));
        assertThat(shownIds()).hasSize(4);
    }

    @Test
    void searchMatchesNameAndDescription() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        runFx(() -> search.setText("PLATE READER"));
        assertThat(shownIds()).containsExactly(completedJson.getId());
        runFx(() -> search.setText("weekly"));
        assertThat(shownIds()).containsExactly(completedJson.getId());
        runFx(() -> search.setText(""));
        assertThat(shownIds()).hasSize(4);
    }

    @Test
    void searchMatchesTheJobKeyAndTheNamesOfTheExportedFiles() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        TextField search = robot.lookup("#search").queryAs(TextField.class);
        runFx(() -> search.setText(failed.getJobKey().toUpperCase(java.util.Locale.ROOT)));
        assertThat(shownIds()).containsExactly(failed.getId());

        String fileName = services.catalog().getFile(completedJson.getFileIds().get(0)).orElseThrow().getFileName();
        runFx(() -> search.setText(fileName));
        assertThat(shownIds()).containsExactly(completedJson.getId());
    }

    @Test
    void sortByNameOrSizeAndFilterByFormatWithACount() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        Label count = robot.lookup("#jobCount").queryAs(Label.class);
        assertThat(onFx(count::getText)).isEqualTo("4 exports");

        runFx(() -> window.viewModel().sortProperty().set(org.labexport.ui.main.JobSort.NAME));
        List<String> names = onFx(() -> list().getItems().stream().map(i -> i.getJob().getName()).toList());
        assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

        runFx(() -> window.viewModel().sortProperty().set(org.labexport.ui.main.JobSort.SIZE));
        assertThat(onFx(() -> list().getItems().stream().map(JobItem::id).limit(2).toList()))
                .as("the 4 KiB export, then the 2 KiB one").containsExactly(completedJson.getId(), completedCsv.getId());

        @SuppressWarnings("unchecked")
        ComboBox<org.labexport.ui.main.FormatChoice> format = robot.lookup("#formatFilter").queryAs(ComboBox.class);
        runFx(() -> format.setValue(new org.labexport.ui.main.FormatChoice(ExportFormat.JSON)));
        assertThat(shownIds()).containsExactly(completedJson.getId());
        assertThat(onFx(count::getText)).isEqualTo("1 of 4 exports");

        runFx(() -> format.setValue(org.labexport.ui.main.FormatChoice.ALL));
        runFx(() -> window.viewModel().dateFilterProperty().set(org.labexport.ui.main.DateFilter.TODAY));
        assertThat(shownIds()).as("all made today").hasSize(4);
    }

    @Test
    void deleteAsksForConfirmationAndRemovesTheCardAndTheJob() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        fireLater(cardButton(failed.getId(), "action-delete"));
        confirmDialog("Delete");
        awaitFx(() -> item(failed.getId()) == null);
        assertThat(services.exports().getExportJob(failed.getId())).isEmpty();
        assertThat(shownIds()).doesNotContain(failed.getId()).hasSize(3);
    }

    @Test
    void deleteCancelledAtTheConfirmationKeepsTheJob() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        fireLater(cardButton(failed.getId(), "action-delete"));
        confirmDialog("Cancel");
        awaitFx(() -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(services.exports().getExportJob(failed.getId())).isPresent();
        assertThat(shownIds()).contains(failed.getId());
    }

    @Test
    void statisticsShowTotalsAndChartsOfTheJobs() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        fireLater(robot.lookup("#statistics").queryButton());
        awaitFx(() -> robot.lookup("#totalJobs").tryQuery().isPresent()
                && "4".equals(robot.lookup("#totalJobs").queryAs(Label.class).getText()));
        assertThat(robot.lookup("#filesExported").queryAs(Label.class).getText()).isEqualTo("2");

        PieChart pie = robot.lookup("#statusChart").queryAs(PieChart.class);
        var slices = onFx(() -> pie.getData().stream()
                .collect(Collectors.toMap(PieChart.Data::getName, d -> (long) d.getPieValue())));
        assertThat(slices).containsEntry("completed (2)", 2L).containsEntry("failed (1)", 1L)
                .containsEntry("cancelled (1)", 1L).hasSize(3);
        // each slice in its status's colour, as on the cards
        var sliceClasses = onFx(() -> pie.getData().stream()
                .collect(Collectors.toMap(PieChart.Data::getName, d -> List.copyOf(d.getNode().getStyleClass()))));
        assertThat(sliceClasses.get("completed (2)")).contains("status-completed");
        assertThat(sliceClasses.get("failed (1)")).contains("status-failed");
        assertThat(robot.lookup("#statisticsEmpty").query().isVisible()).isFalse();

        @SuppressWarnings("unchecked")
        BarChart<String, Number> bars = robot.lookup("#formatChart").queryAs(BarChart.class);
        var perFormat = onFx(() -> bars.getData().get(0).getData().stream()
                .collect(Collectors.toMap(d -> d.getXValue(), d -> d.getYValue().longValue())));
        assertThat(perFormat).containsEntry("CSV", 3L).containsEntry("JSON", 1L).containsEntry("Parquet", 0L)
                .hasSize(ExportFormat.values().length);
    }

    @Test
    void jobsCreatedAndChangedByAnotherProcessAppearWithinFiveSeconds() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        try (AppServices other = TestHome.open(tmp.resolve("home"))) {
            ExportJob fromCli = other.exports().createExportJob(fixtures.aRequest().name("Made by the CLI").build());
            await().atMost(Duration.ofSeconds(5)).until(() -> item(fromCli.getId()) != null);
            other.exports().cancelExportJob(fromCli.getId());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> item(fromCli.getId()).getStatus() == ExportStatus.CANCELLED);
            other.exports().deleteExportJob(completedCsv.getId());
            await().atMost(Duration.ofSeconds(5)).until(() -> item(completedCsv.getId()) == null);
        }
    }

    @Test
    void retryMakesANewJobWithTheSameSettings() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        fireLater(cardButton(cancelled.getId(), "action-retry"));
        awaitFx(() -> window.viewModel().allJobs().size() == 5);
        ExportJob retried = services.exports().listExportJobs(org.labexport.job.JobQuery.all()).get(0);
        assertThat(retried.getId()).isGreaterThan(cancelled.getId());
        assertThat(retried.getName()).isEqualTo(cancelled.getName());
        assertThat(retried.getExportFormat()).isEqualTo(cancelled.getExportFormat());
        assertThat(retried.getFileIds()).isEqualTo(cancelled.getFileIds());
        assertThat(shownIds()).contains(retried.getId());
        // the new job is selected and scrolled into view
        awaitFx(() -> list().getSelectionModel().getSelectedItem() != null
                && list().getSelectionModel().getSelectedItem().id() == retried.getId());
        // let the retried export finish before the runner is closed
        awaitFx(() -> item(retried.getId()) != null && item(retried.getId()).getStatus().isFinished());
    }

    @Test
    void showErrorsNamesTheReason() throws Exception {
        awaitFx(() -> list().getItems().size() == 4);
        fireLater(cardButton(failed.getId(), "action-show-errors"));
        awaitFx(() -> robot.lookup(".dialog-pane .text-area").tryQuery().isPresent());
        String text = onFx(() -> robot.lookup(".dialog-pane .text-area")
                .queryAs(javafx.scene.control.TextArea.class).getText());
        assertThat(text).contains("disk full");
        confirmDialog("Close");
    }
}
