package org.labexport.ui.create;

import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.labexport.convert.OptionException;
import org.labexport.convert.OptionSpec;

/**
 * Edits a list option (columns, null values) as tokens: each value a chip with a remove button, and a field to add
 * one, offering suggestions (the input's column names) as the user types. The option's raw text stays a JSON array,
 * the form the command line also takes.
 */
final class TokenListEditor extends VBox {
    private final OptionField field;
    private final FlowPane chips = new FlowPane(4, 4);
    private final ComboBox<String> entry = new ComboBox<>();
    private boolean syncing;

    TokenListEditor(OptionField field, ObservableList<String> suggestions) {
        super(4);
        this.field = field;
        OptionSpec spec = field.spec();
        getStyleClass().add("token-list");
        chips.getStyleClass().add("token-chips");
        entry.setEditable(true);
        entry.setItems(suggestions);
        entry.setPromptText(spec.placeholder());
        entry.setMaxWidth(Double.MAX_VALUE);
        entry.getEditor().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                add(entry.getEditor().getText());
                e.consume();
            }
        });
        // Picking a suggestion adds it at once.
        entry.setOnAction(e -> {
            if (entry.getValue() != null && suggestions.contains(entry.getValue())) {
                add(entry.getValue());
            }
        });
        Button addButton = new Button("Add");
        addButton.getStyleClass().add(Styles.SMALL);
        addButton.setOnAction(e -> add(entry.getEditor().getText()));
        HBox adder = new HBox(6, entry, addButton);
        adder.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(entry, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(chips, adder);
        field.valueProperty().addListener((obs, old, now) -> {
            if (!syncing) {
                showChips();
            }
        });
        showChips();
    }

    /** The field that takes new values (for focus and labels). */
    ComboBox<String> entry() {
        return entry;
    }

    private List<String> tokens() {
        try {
            @SuppressWarnings("unchecked")
            List<String> parsed = (List<String>) field.spec().parse(field.valueProperty().get());
            return new ArrayList<>(parsed);
        } catch (OptionException e) {
            return new ArrayList<>();
        }
    }

    private void add(String text) {
        String token = text == null ? "" : text.strip();
        List<String> now = tokens();
        if (!token.isEmpty() && !now.contains(token)) {
            now.add(token);
            set(now);
        }
        entry.getEditor().clear();
        entry.setValue(null);
    }

    private void remove(String token) {
        List<String> now = tokens();
        now.remove(token);
        set(now);
    }

    private void set(List<String> tokens) {
        syncing = true;
        try {
            field.valueProperty().set(tokens.isEmpty() ? "" : toJson(tokens));
        } finally {
            syncing = false;
        }
        showChips();
    }

    private void showChips() {
        chips.getChildren().clear();
        for (String t : tokens()) {
            Label text = new Label(t.isEmpty() ? "(empty text)" : t);
            Button x = new Button("✕");
            x.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
            x.setAccessibleText("Remove " + (t.isEmpty() ? "empty text" : t));
            x.setOnAction(e -> remove(t));
            HBox chip = new HBox(2, text, x);
            chip.setAlignment(Pos.CENTER_LEFT);
            chip.getStyleClass().add("token-chip");
            chips.getChildren().add(chip);
        }
        chips.setVisible(!chips.getChildren().isEmpty());
        chips.setManaged(chips.isVisible());
    }

    /** A JSON array of strings, as {@link OptionSpec} parses lists. */
    static String toJson(List<String> tokens) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"');
            for (char c : tokens.get(i).toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
        return sb.append(']').toString();
    }
}
