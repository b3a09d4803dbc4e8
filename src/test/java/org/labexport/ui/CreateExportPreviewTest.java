package org.labexport.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;
import org.labexport.convert.ExportFormat;

/**
 * The dialog's preview: the first 100 rows of the chosen file as the export will write them, each column's type
 * from the export's own inference under its name, a warning where Excel cannot keep a value, and the header check
 * boxes filling the columns option.
 */
class CreateExportPreviewTest extends CreateDialogTestSupport {

    /** 150 rows: a counter, a big integer column with one value beyond 2^53, a measurement and a label. */
    private Path measurements() throws Exception {
        Path file = data.resolve("measurements.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("id,barcode,od600,well\n");
            for (int i = 0; i < 150; i++) {
                long barcode = i == 2 ? 9_007_199_254_740_993L : 1000 + i;
                w.write(i + "," + barcode + "," + (i * 0.125) + ",A" + (i % 12 + 1) + "\n");
            }
        }
        return file;
    }

    @SuppressWarnings("unchecked")
    private TableView<List<String>> preview() {
        return robot.lookup("#preview").queryAs(TableView.class);
    }

    private static VBox header(TableColumn<?, ?> c) {
        return (VBox) c.getGraphic();
    }

    @Test
    void thePreviewShowsTheFirstRowsWithTypesAndWarnsAboutIntegersBeyond2To53ForExcel() throws Exception {
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(measurements()));
        chooseFormat(ExportFormat.EXCEL);

        awaitFx(() -> preview().getItems().size() == 100 && preview().getColumns().size() == 4
                && robot.lookup("#previewWarnings").queryAs(Label.class).isVisible());

        List<String> names = onFx(() -> preview().getColumns().stream()
                .map(c -> ((CheckBox) header(c).getChildren().get(0)).getText()).toList());
        List<String> types = onFx(() -> preview().getColumns().stream()
                .map(c -> ((Label) header(c).getChildren().get(1)).getText()).toList());
        assertThat(names).containsExactly("id", "barcode", "od600", "well");
        assertThat(types).containsExactly("long", "long ⚠", "double", "string");
        assertThat(onFx(() -> preview().getItems().get(0))).containsExactly("0", "1000", "0.0", "A1");
        assertThat(onFx(() -> preview().getItems().get(2).get(1))).isEqualTo("9007199254740993");
        assertThat(onFx(() -> preview().getItems().get(99).get(0))).isEqualTo("99");
        String warning = onFx(() -> robot.lookup("#previewWarnings").queryAs(Label.class).getText());
        assertThat(warning).startsWith("barcode: 1 value is beyond ±2^53 (9007199254740993)")
                .contains("written as text cells");

        // The same file to Parquet keeps every integer: no warning.
        chooseFormat(ExportFormat.PARQUET);
        awaitFx(() -> !robot.lookup("#previewWarnings").queryAs(Label.class).isVisible()
                && preview().getColumns().size() == 4);
        assertThat(onFx(() -> ((Label) header(preview().getColumns().get(1)).getChildren().get(1)).getText()))
                .isEqualTo("long");
    }

    @Test
    void theHeaderCheckBoxesPickTheExportedColumns() throws Exception {
        Node dropZone = openDialog();
        dropFiles(dropZone, List.of(measurements()));
        chooseFormat(ExportFormat.PARQUET);
        awaitFx(() -> preview().getColumns().size() == 4);
        CheckBox od600 = onFx(() -> (CheckBox) header(preview().getColumns().get(2)).getChildren().get(0));
        assertThat(onFx(od600::isSelected)).isTrue();

        runFx(() -> od600.setSelected(false));

        // the columns option's token list now holds the other three, in the file's order
        awaitFx(() -> chips().equals(List.of("id", "barcode", "well")));
        runFx(() -> od600.setSelected(true));
        awaitFx(() -> chips().isEmpty()); // every column again: the option is back to its default
        awaitFx(() -> !create().isDisabled()); // once the application has checked the edited export
    }

    private List<String> chips() {
        return robot.lookup("#option-columns .token-chip .label").queryAllAs(Label.class).stream()
                .filter(l -> l.getParent() != null && l.getParent().getStyleClass().contains("token-chip"))
                .map(Label::getText).toList();
    }
}
