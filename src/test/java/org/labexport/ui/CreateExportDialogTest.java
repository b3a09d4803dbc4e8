package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ExportFormat;
import org.labexport.job.ExportJob;
import org.labexport.job.ExportStatus;
import org.labexport.ui.create.SelectedFile;
import org.labexport.ui.main.JobItem;

/** The create-export dialog, driven through its controls and a real drop of real files. */
class CreateExportDialogTest extends WindowTestSupport {

    private Node openDialog() throws Exception {
        runFx(() -> robot.lookup("#newExport").queryButton().fire());
        awaitFx(() -> robot.lookup("#dropZone").tryQuery().isPresent());
        return robot.lookup("#dropZone").query();
    }

    @SuppressWarnings("unchecked")
    private TableView<SelectedFile> table() {
        return robot.lookup("#files").queryAs(TableView.class);
    }

    @SuppressWarnings("unchecked")
    private void chooseFormat(ExportFormat format) throws Exception {
        ComboBox<ExportFormat> combo = robot.lookup("#format").queryAs(ComboBox.class);
        runFx(() -> combo.setValue(format));
    }

    @Test
    void droppedFilesAndFoldersBecomeAnExportThatCompletesWithAFullProgressBar() throws Exception {
        Path single = csv(data.resolve("plate-2024.csv"), 2_000);
        Path folder = data.resolve("run-7");
        csv(folder.resolve("b.csv"), 500);
        csv(folder.resolve("nested").resolve("c.csv"), 300);
        Node dropZone = openDialog();

        dropFiles(dropZone, List.of(single, folder));

        awaitFx(() -> table().getItems().size() == 3);
        assertThat(onFx(() -> table().getItems().stream().map(SelectedFile::name).toList()))
                .containsExactly("plate-2024.csv", "b.csv", "c.csv");
        TextField name = robot.lookup("#name").queryAs(TextField.class);
        assertThat(onFx(() -> name.getText())).isEqualTo("plate-2024 and 2 more");
        runFx(() -> name.setText("Plate run 7"));
        chooseFormat(ExportFormat.ZIP);
        Button create = robot.lookup("#create").queryButton();
        awaitFx(() -> !create.isDisabled()); // once the application has checked the files and the destination

        runFx(create::fire);

        awaitFx(() -> window.viewModel().allJobs().stream().anyMatch(i -> i.getJob().getName().equals("Plate run 7")));
        JobItem item = onFx(() -> window.viewModel().allJobs().stream()
                .filter(i -> i.getJob().getName().equals("Plate run 7")).findFirst().orElseThrow());
        awaitFx(() -> item.getStatus() == ExportStatus.COMPLETED);
        awaitFx(() -> card(item.id()) != null);
        ProgressBar bar = onFx(() -> (ProgressBar) card(item.id()).lookup(".job-progress"));
        Label percent = onFx(() -> (Label) card(item.id()).lookup(".job-percent"));
        assertThat(onFx(() -> bar.getProgress())).isEqualTo(1.0);
        assertThat(onFx(() -> percent.getText())).isEqualTo("100 %");
        ExportJob job = services.exports().getExportJob(item.id()).orElseThrow();
        assertThat(job.getFileIds()).hasSize(3);
        assertThat(job.getOutputPath()).isNotNull();
        assertThat(job.getProcessedFiles()).isEqualTo(3);
        assertThat(job.getExportFormat()).isEqualTo(ExportFormat.ZIP);
        // Open folder hands the export's folder to the desktop
        fireLater(cardButton(item.id(), "action-open-folder"));
        awaitFx(() -> !opened.isEmpty());
        assertThat(opened.get(0)).isEqualTo(Path.of(job.getOutputPath()).getParent().toUri().toString());
        // a desktop notification names the finished job
        awaitFx(() -> robot.lookup(".notification-bar").tryQuery().isPresent()
                && robot.lookup(".notification-bar .label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().contains("Plate run 7")));
        // the dialog closed itself
        awaitFx(() -> robot.lookup("#dropZone").tryQuery().isEmpty());
    }

    @Test
    void anInvalidOptionDisablesCreateAndShowsTheProblemInWordsAsYouType() throws Exception {
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(csv(data.resolve("a.csv"), 10)));
        awaitFx(() -> table().getItems().size() == 1);
        chooseFormat(ExportFormat.PARQUET);
        Button create = robot.lookup("#create").queryButton();
        awaitFx(() -> !create.isDisabled());

        TextField rowGroup = robot.lookup("#option-row_group_size").queryAs(TextField.class);
        robot.clickOn(rowGroup).eraseText(rowGroup.getText().length()).write("12x");

        Label error = robot.lookup("#option-error-row_group_size").queryAs(Label.class);
        awaitFx(() -> create.isDisabled() && error.isVisible() && error.getText().contains("'12x'"));
        assertThat(onFx(() -> error.getText())).isEqualTo("Row group size: '12x' is not allowed; enter a whole number"
                + " from 1 to 100000000.");
        assertThat(onFx(() -> robot.lookup("#problem").queryAs(Label.class).getText())).isEqualTo(error.getText());
        assertThat(onFx(() -> rowGroup.getPseudoClassStates().stream().anyMatch(p -> p.getPseudoClassName()
                .equals("danger")))).isTrue();

        robot.eraseText(3).write("5000");
        awaitFx(() -> !create.isDisabled() && !error.isVisible());
    }

    @Test
    void createStaysDisabledUntilThereAreFilesAndAName() throws Exception {
        Node dropZone = openDialog();
        Button create = robot.lookup("#create").queryButton();
        assertThat(onFx(() -> create.isDisabled())).isTrue();
        assertThat(onFx(() -> robot.lookup("#problem").queryAs(Label.class).getText())).startsWith("Add at least one file");
        dropFiles(dropZone, List.of(csv(data.resolve("a.csv"), 10)));
        awaitFx(() -> !create.isDisabled());
        TextField name = robot.lookup("#name").queryAs(TextField.class);
        runFx(() -> name.setText(" "));
        assertThat(onFx(() -> create.isDisabled())).isTrue();
        assertThat(onFx(() -> robot.lookup("#problem").queryAs(Label.class).getText())).isEqualTo("Give the export a name.");
    }

    @Test
    void filesDroppedOnTheMainWindowOpenTheCreateDialogWithThem() throws Exception {
        Path a = csv(data.resolve("a.csv"), 10);
        Path b = csv(data.resolve("b.csv"), 10);
        dropFiles(window.view(), List.of(a, b));
        awaitFx(() -> robot.lookup("#files").tryQuery().isPresent() && table().getItems().size() == 2);
        assertThat(onFx(() -> robot.lookup("#name").queryAs(TextField.class).getText())).isEqualTo("a and 1 more");
    }

    @Test
    void theDialogSaysWhatExpiryDoesToTheChosenFolder() throws Exception {
        openDialog();
        Label notice = robot.lookup("#expiryNotice").queryAs(Label.class);
        // The default folder inside LABEXPORT_HOME is managed: expiry removes the export from it.
        awaitFx(() -> notice.getText() != null && notice.getText().startsWith("When the export expires, it is deleted"));
        TextField folder = robot.lookup("#localFolder").queryAs(TextField.class);
        Path mine = data.resolve("my-paper-figures");
        runFx(() -> folder.setText(mine.toString()));
        awaitFx(() -> notice.getText().contains("are yours and stay"));
        assertThat(onFx(() -> notice.getText())).isEqualTo("When the export expires, only its record is removed: the"
                + " files in " + mine.toAbsolutePath().normalize() + " are yours and stay until you delete them.");
        assertThat(onFx(() -> notice.isVisible())).isTrue();
    }

    @Test
    void aBagMadeFromTheDialogVerifiesFromItsCard() throws Exception {
        Path file = csv(data.resolve("plate-9.csv"), 200);
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(file));
        awaitFx(() -> table().getItems().size() == 1);
        chooseFormat(ExportFormat.PARQUET);
        runFx(() -> robot.lookup("#bagit").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        runFx(() -> robot.lookup("#projectId").queryAs(TextField.class).setText("PRJ-9"));
        Button create = robot.lookup("#create").queryButton();
        awaitFx(() -> !create.isDisabled()); // once the application has checked the edited export
        runFx(create::fire);

        awaitFx(() -> window.viewModel().allJobs().stream().anyMatch(i -> i.getStatus() == ExportStatus.COMPLETED));
        JobItem item = onFx(() -> window.viewModel().allJobs().get(0));
        ExportJob job = services.exports().getExportJob(item.id()).orElseThrow();
        assertThat(job.getPackageFormat()).isEqualTo(org.labexport.publish.PackageFormat.BAGIT);
        assertThat(job.getProjectId()).isEqualTo("PRJ-9");
        assertThat(Path.of(job.getOutputPath()).resolve("bagit.txt")).isRegularFile();
        awaitFx(() -> card(item.id()) != null);

        fireLater(cardButton(item.id(), "action-verify"));

        awaitFx(() -> robot.lookup(".dialog-pane .text-area").tryQuery().isPresent());
        String header = onFx(() -> robot.lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class)
                .getHeaderText());
        assertThat(header).startsWith("VALID BagIt bag");
        confirmDialog("Close");
    }

    @Test
    void theLabUploadChoiceShowsOnlyWithALabServer() throws Exception {
        openDialog();
        javafx.scene.control.CheckBox upload = robot.lookup("#uploadToLab").queryAs(javafx.scene.control.CheckBox.class);
        // This home has no lab server: its files stay where they are, and the choice is not offered.
        assertThat(onFx(() -> upload.isVisible() || upload.isManaged())).isFalse();
        assertThat(onFx(() -> upload.isSelected())).isFalse();
    }
}
