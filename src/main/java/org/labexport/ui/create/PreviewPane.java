package org.labexport.ui.create;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.labexport.app.TablePreview;

/**
 * The preview of the chosen file: its first rows as the export will write them in a table whose headers show each
 * column's name with a check box (the column picker: it fills the columns option) and, under it, the inferred type;
 * a column the target format cannot keep exactly is marked and its warning listed below the table.
 */
final class PreviewPane extends VBox {
    private final CreateExportViewModel vm;
    private final TableView<List<String>> table = new TableView<>();
    private final Label warnings = new Label();

    PreviewPane(CreateExportViewModel vm) {
        super(4);
        this.vm = vm;
        getStyleClass().add("preview-pane");
        Label title = new Label("Preview");
        title.getStyleClass().add(Styles.TITLE_4);
        Label message = new Label();
        message.setId("previewMessage");
        message.setWrapText(true);
        message.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        message.textProperty().bind(vm.previewMessageProperty());
        table.setId("preview");
        table.setPlaceholder(new Label("Add a file to see its first rows."));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        table.setMinHeight(140);
        warnings.setId("previewWarnings");
        warnings.setWrapText(true);
        warnings.getStyleClass().addAll("preview-warning", Styles.TEXT_SMALL);
        warnings.managedProperty().bind(warnings.visibleProperty());
        getChildren().addAll(title, table, message, warnings);
        vm.previewProperty().addListener((o, was, now) -> show(now));
        // Ticks follow the columns option when it is edited elsewhere (its token list).
        vm.options().addListener((javafx.collections.ListChangeListener<OptionField>) c -> refreshTicks());
        show(vm.previewProperty().get());
    }

    private void show(TablePreview preview) {
        table.getColumns().clear();
        if (preview == null) {
            table.getItems().clear();
            warnings.setVisible(false);
            return;
        }
        for (int i = 0; i < preview.columns().size(); i++) {
            table.getColumns().add(column(preview.columns().get(i), i));
        }
        table.getItems().setAll(preview.rows());
        List<String> all = preview.columns().stream().filter(c -> c.warning() != null)
                .map(c -> c.name() + ": " + c.warning()).toList();
        warnings.setText(String.join("\n", all));
        warnings.setVisible(!all.isEmpty());
    }

    private TableColumn<List<String>, String> column(TablePreview.Column c, int index) {
        TableColumn<List<String>, String> col = new TableColumn<>();
        col.setId("preview-column-" + index);
        col.setSortable(false);
        col.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue().get(index)));
        col.setCellFactory(x -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value == null ? "∅" : value);
                pseudoClassStateChanged(Styles.STATE_DANGER, false);
                getStyleClass().remove("text-muted");
                if (!empty && value == null) {
                    getStyleClass().add("text-muted"); // a missing value, not the text "∅"
                }
            }
        });
        CheckBox pick = new CheckBox(c.name());
        pick.getStyleClass().add("preview-pick");
        pick.setMnemonicParsing(false);
        pick.setSelected(vm.isColumnChosen(c.name()));
        pick.selectedProperty().addListener((o, was, now) -> vm.chooseColumn(c.name(), now));
        pick.setAccessibleText("Export column " + c.name());
        Label type = new Label(c.type());
        type.getStyleClass().add("preview-type");
        VBox header = new VBox(1, pick, type);
        header.getStyleClass().add("preview-header");
        if (c.warning() != null) {
            header.getStyleClass().add("preview-column-warning");
            type.setText(c.type() + " ⚠");
            Tooltip.install(header, new Tooltip(c.warning()));
        }
        col.setGraphic(header);
        col.setPrefWidth(Math.max(90, c.name().length() * 8 + 30));
        return col;
    }

    private void refreshTicks() {
        for (TableColumn<List<String>, ?> col : table.getColumns()) {
            if (col.getGraphic() instanceof VBox header && header.getChildren().get(0) instanceof CheckBox pick) {
                boolean chosen = vm.isColumnChosen(pick.getText());
                if (pick.isSelected() != chosen) {
                    pick.setSelected(chosen);
                }
            }
        }
    }
}
