package org.labexport.ui.create;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.labexport.convert.OptionException;
import org.labexport.convert.OptionSpec;

/**
 * One export option in the form: its description, the raw text the user typed (starting at the default) and the
 * parse error of that text, recomputed on every keystroke with {@link OptionSpec#parse(String)}.
 */
public final class OptionField {
    private final OptionSpec spec;
    private final StringProperty value;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");

    public OptionField(OptionSpec spec) {
        this.spec = spec;
        this.value = new SimpleStringProperty(this, spec.key(), spec.defaultValue());
        value.addListener((obs, old, now) -> validate(now));
        validate(spec.defaultValue());
    }

    private void validate(String raw) {
        try {
            spec.parse(raw);
            error.set(null);
        } catch (OptionException e) {
            error.set(e.getMessage());
        }
    }

    public OptionSpec spec() {
        return spec;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** The parse message, or null when the value is valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isDefault() {
        return spec.defaultValue().equals(value.get());
    }
}
