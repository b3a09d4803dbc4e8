package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ExportFormat;
import org.labexport.job.JobQuery;

/**
 * What would fail only after an export ran is refused in the dialog, before Create: the same check as the command
 * line's (LabExportApp.check), worded for a person and naming the field or file.
 */
class CreateExportChecksTest extends CreateDialogTestSupport {

    private void assertNothingRan() {
        assertThat(app.jobs(JobQuery.all())).isEmpty();
        assertThat(app.files()).isEmpty();
    }

    @Test
    void anInvalidExcelSheetNameDisablesCreateAndNamesTheField() throws Exception {
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(csv(data.resolve("plate.csv"), 10)));
        chooseFormat(ExportFormat.EXCEL);
        awaitFx(() -> table().getItems().size() == 1 && !create().isDisabled());

        TextField sheet = robot.lookup("#option-sheet_name").queryAs(TextField.class);
        runFx(() -> sheet.setText("Q1/Q2"));

        awaitFx(() -> create().isDisabled() && problemNow().startsWith("Sheet name"));
        assertThat(problem()).isEqualTo("Sheet name: 'Q1/Q2' is not allowed; enter an Excel sheet name: 1 to 31"
                + " characters, none of [ ] : * ? / \\, not starting or ending with an apostrophe.");
        assertThat(problem()).doesNotContain("Exception").doesNotContain("sheet_name");
        runFx(() -> sheet.setText("Results 2024"));
        awaitFx(() -> !create().isDisabled());
        assertNothingRan();
    }

    @Test
    void aDestinationThatIsAFileDisablesCreateAndSaysSo() throws Exception {
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(csv(data.resolve("plate.csv"), 10)));
        awaitFx(() -> table().getItems().size() == 1 && !create().isDisabled());
        Path notAFolder = Files.writeString(tmp.resolve("results.txt"), "not a folder");

        TextField folder = robot.lookup("#localFolder").queryAs(TextField.class);
        runFx(() -> folder.setText(notAFolder.toString()));

        awaitFx(() -> create().isDisabled() && problemNow().contains("is a file"));
        assertThat(problem()).isEqualTo("The export folder " + notAFolder + " is a file, not a folder.");
        // a folder inside it cannot be made either
        runFx(() -> folder.setText(notAFolder.resolve("exports").toString()));
        awaitFx(() -> problemNow().contains("cannot be created: " + notAFolder + " is a file"));
        assertThat(problem()).contains(notAFolder.toString());
        runFx(() -> folder.setText(tmp.resolve("new-folder").toString()));
        awaitFx(() -> !create().isDisabled());
        assertThat(tmp.resolve("new-folder")).doesNotExist(); // checking does not create it
        assertNothingRan();
    }

    @Test
    void aPictureAmongTheFilesDisablesCreateForConvertingFormatsAndIsNamed() throws Exception {
        Node dropZone = openDialog();
        Path picture = Files.write(data.resolve("gel-photo.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        dropFiles(dropZone, List.of(csv(data.resolve("plate.csv"), 10), picture));
        awaitFx(() -> table().getItems().size() == 2);
        chooseFormat(ExportFormat.PARQUET);

        awaitFx(() -> create().isDisabled() && problemNow().contains("gel-photo.png"));
        assertThat(problem()).isEqualTo("gel-photo.png is not a data file LabExport can convert (CSV, TSV, JSON,"
                + " Excel, Parquet or HDF5): remove it, or choose ZIP to export it as it is.");
        // ZIP archives any file as it is
        chooseFormat(ExportFormat.ZIP);
        awaitFx(() -> !create().isDisabled());
        assertNothingRan();
    }
}
