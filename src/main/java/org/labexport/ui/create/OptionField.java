package org.labexport.ui.create;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.labexport.convert.OptionSpec;

/**
 * One export option in the form: its description, the raw text the user gave (starting at the default), the problem
 * with that text in words naming the option's label ({@link OptionSpec#problem}), recomputed on every change, and
 * whether the option matters for the files chosen (an input sheet only for Excel inputs).
 */
public final class OptionField {
    private final OptionSpec spec;
    private final StringProperty value;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error");
    private final BooleanProperty applicable = new SimpleBooleanProperty(this, "applicable", true);

    public OptionField(OptionSpec spec) {
        this.spec = spec;
        this.value = new SimpleStringProperty(this, spec.key(), spec.defaultValue());
        // An invalidation listener, added first: it runs before the form's list hears of the change, so whoever reacts
        // to the list sees the new value's problem, not the old one's.
        value.addListener(obs -> error.set(spec.problem(value.get())));
        error.set(spec.problem(spec.defaultValue()));
    }

    public OptionSpec spec() {
        return spec;
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** The problem with the value, worded for a person, or null when the value is valid. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Whether the option matters for the chosen files; the form hides it and the export leaves it out otherwise. */
    public BooleanProperty applicableProperty() {
        return applicable;
    }

    public boolean isDefault() {
        return spec.defaultValue().equals(value.get());
    }
}
