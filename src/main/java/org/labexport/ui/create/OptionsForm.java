package org.labexport.ui.create;

import atlantafx.base.theme.Styles;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.labexport.convert.OptionSpec;

/**
 * The options form, generated from the chosen format's {@link OptionSpec}s and their {@link
 * org.labexport.convert.FormHints}: a CheckBox for booleans, a ComboBox for choices, two spinners for pairs, a token
 * list for lists (offering the input's column names where the hints say so), a TextField with the option's own
 * placeholder otherwise. Labels are linked to their fields and never cut short. A value that does not parse turns the
 * field red (AtlantaFX's danger state) and shows the problem, in words naming the option, under it and in its tooltip.
 * Options that do not matter for the chosen files are hidden.
 */
final class OptionsForm extends GridPane {
    private final ObservableList<String> columnNames;

    OptionsForm(ObservableList<OptionField> fields, ObservableList<String> columnNames) {
        this.columnNames = columnNames;
        getStyleClass().add("options-form");
        setHgap(10);
        setVgap(4);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        getColumnConstraints().addAll(labels, inputs);
        rebuild(fields);
        // Rebuild when the format changes the list, not on the update changes its extractor reports as values are typed
        // (rebuilding then would replace the field under the user's cursor).
        fields.addListener((ListChangeListener<OptionField>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= !c.wasUpdated();
            }
            if (structural) {
                rebuild(fields);
            }
        });
    }

    private void rebuild(ObservableList<OptionField> fields) {
        getChildren().clear();
        int row = 0;
        if (fields.isEmpty()) {
            Label none = new Label("This format has no options.");
            none.getStyleClass().add("text-muted");
            add(none, 0, 0, 2, 1);
            return;
        }
        for (OptionField f : fields) {
            OptionSpec spec = f.spec();
            Label label = new Label(spec.label());
            label.setMinWidth(Region.USE_PREF_SIZE);
            Node input = input(f);
            input.setId("option-" + spec.key());
            label.setLabelFor(focusTarget(input));
            Tooltip help = new Tooltip(spec.help());
            help.setWrapText(true);
            help.setMaxWidth(360);
            label.setTooltip(help);
            if (input instanceof Control c) {
                c.setTooltip(help);
            }
            GridPane.setValignment(label, VPos.TOP);
            add(label, 0, row);
            add(input, 1, row++);

            Label error = new Label();
            error.setId("option-error-" + spec.key());
            error.getStyleClass().addAll("option-error", Styles.DANGER, Styles.TEXT_SMALL);
            error.setWrapText(true);
            error.textProperty().bind(f.errorProperty());
            error.visibleProperty().bind(f.errorProperty().isNotNull().and(f.applicableProperty()));
            error.managedProperty().bind(error.visibleProperty());
            add(error, 1, row++);
            for (Node n : new Node[] {label, input}) {
                n.visibleProperty().bind(f.applicableProperty());
                n.managedProperty().bind(f.applicableProperty());
            }
            f.errorProperty().addListener((obs, old, now) -> flag(input, help, spec, now));
            flag(input, help, spec, f.errorProperty().get());
        }
    }

    private static Node focusTarget(Node input) {
        if (input instanceof TokenListEditor t) {
            return t.entry();
        }
        if (input instanceof IntPairEditor p) {
            return p.firstSpinner();
        }
        return input;
    }

    private static void flag(Node input, Tooltip help, OptionSpec spec, String error) {
        input.pseudoClassStateChanged(Styles.STATE_DANGER, error != null);
        help.setText(error != null ? error : spec.help());
    }

    private Node input(OptionField f) {
        OptionSpec spec = f.spec();
        switch (spec.type()) {
            case BOOLEAN: {
                CheckBox box = new CheckBox();
                box.setSelected(Boolean.parseBoolean(f.valueProperty().get()));
                box.selectedProperty().addListener((obs, old, now) -> f.valueProperty().set(Boolean.toString(now)));
                f.valueProperty().addListener((obs, old, now) -> box.setSelected(Boolean.parseBoolean(now)));
                return box;
            }
            case CHOICE: {
                ComboBox<String> combo = new ComboBox<>();
                combo.getItems().setAll(spec.allowed());
                combo.valueProperty().bindBidirectional(f.valueProperty());
                return combo;
            }
            case INT_PAIR:
                return new IntPairEditor(f);
            case STRING_LIST:
                return new TokenListEditor(f, spec.hints().suggestColumns() ? columnNames
                        : javafx.collections.FXCollections.observableArrayList());
            default: {
                TextField text = new TextField();
                text.textProperty().bindBidirectional(f.valueProperty());
                text.setPromptText(spec.placeholder());
                text.setMaxWidth(Double.MAX_VALUE);
                return text;
            }
        }
    }
}
