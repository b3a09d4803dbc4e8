package org.labexport.ui.create;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;

/**
 * Edits a pair option (freeze panes) as two spinners labelled from the option's hints ("rows", "columns"); the raw
 * text stays {@code [a, b]}, as the command line takes it.
 */
final class IntPairEditor extends HBox {
    private static final int MAX = 1_048_576;
    private final Spinner<Integer> first = new Spinner<>(0, MAX, 0);
    private final Spinner<Integer> second = new Spinner<>(0, MAX, 0);
    private final OptionField field;
    private boolean syncing;

    IntPairEditor(OptionField field) {
        super(6);
        this.field = field;
        setAlignment(Pos.CENTER_LEFT);
        var parts = field.spec().hints().partLabels();
        for (Spinner<Integer> s : java.util.List.of(first, second)) {
            s.setEditable(true);
            s.setPrefWidth(96);
        }
        first.setId("option-" + field.spec().key() + "-0");
        second.setId("option-" + field.spec().key() + "-1");
        Label l1 = new Label(parts.size() > 0 ? parts.get(0) : "");
        Label l2 = new Label(parts.size() > 1 ? parts.get(1) : "");
        l1.setLabelFor(first);
        l2.setLabelFor(second);
        getChildren().addAll(first, l1, second, l2);
        show(field.valueProperty().get());
        field.valueProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                show(now);
            }
        });
        Runnable push = () -> {
            syncing = true;
            try {
                field.valueProperty().set("[" + first.getValue() + ", " + second.getValue() + "]");
            } finally {
                syncing = false;
            }
        };
        first.valueProperty().addListener((o, a, b) -> push.run());
        second.valueProperty().addListener((o, a, b) -> push.run());
    }

    Spinner<Integer> firstSpinner() {
        return first;
    }

    private void show(String raw) {
        try {
            int[] pair = (int[]) field.spec().parse(raw);
            first.getValueFactory().setValue(pair[0]);
            second.getValueFactory().setValue(pair[1]);
        } catch (RuntimeException e) {
            // an unparsable text keeps the spinners where they were; the field shows the problem
        }
    }
}
