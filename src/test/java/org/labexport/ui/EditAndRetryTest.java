package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.ui.create.SelectedFile;

/** "Edit and retry" on a failed job opens the dialog with its settings and files; Create runs it as a new job. */
class EditAndRetryTest extends CreateDialogTestSupport {
    private ExportJob failed;

    @Override
    void prepare() {
        failed = services.exports().markFailed(services.exports().markProcessing(services.exports().createExportJob(
                fixtures.aRequest().name("Plate 9 to Excel").description("for the review").format(ExportFormat.EXCEL)
                        .exportOptions(Map.of("sheet_name", "Plate 9")).ttlHours(72)
                        .destination(data.resolve("out").toString()).build()).getId()).getId(), "disk full");
    }

    @Test
    void editAndRetryOpensTheDialogFilledWithTheFailedJobAndCreatesANewJob() throws Exception {
        fireLater(cardButton(failed.getId(), "action-edit-retry"));

        awaitFx(() -> robot.lookup("#files").tryQuery().isPresent() && table().getItems().size() == 1);
        assertThat(onFx(() -> robot.lookup("#name").queryAs(TextField.class).getText())).isEqualTo("Plate 9 to Excel");
        assertThat(onFx(() -> robot.lookup("#format").queryAs(ComboBox.class).getValue()))
                .isEqualTo(ExportFormat.EXCEL);
        assertThat(onFx(() -> robot.lookup("#option-sheet_name").queryAs(TextField.class).getText()))
                .isEqualTo("Plate 9");
        assertThat(onFx(() -> robot.lookup("#localFolder").queryAs(TextField.class).getText()))
                .isEqualTo(data.resolve("out").toString());
        List<Long> ids = onFx(() -> table().getItems().stream().map(SelectedFile::catalogId).toList());
        assertThat(ids).isEqualTo(failed.getFileIds());

        awaitFx(() -> !create().isDisabled());
        runFx(() -> create().fire());

        awaitFx(() -> window.viewModel().allJobs().size() == 2);
        ExportJob retried = onFx(() -> window.viewModel().allJobs().stream().filter(i -> i.id() != failed.getId())
                .findFirst().orElseThrow().getJob());
        assertThat(retried.getName()).isEqualTo("Plate 9 to Excel");
        assertThat(retried.getExportOptions()).containsEntry("sheet_name", "Plate 9");
        assertThat(retried.getFileIds()).isEqualTo(failed.getFileIds());
        awaitFx(() -> window.viewModel().allJobs().stream()
                .anyMatch(i -> i.id() == retried.getId() && i.getStatus() == ExportStatus.COMPLETED));
        // the new job is selected and in view
        assertThat(onFx(() -> window.view().list().getSelectionModel().getSelectedItem().id()))
                .isEqualTo(retried.getId());
    }
}
