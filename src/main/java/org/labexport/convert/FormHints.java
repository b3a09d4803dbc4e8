package org.labexport.convert;

import java.util.List;
import java.util.Set;

/**
 * How a form shows one export option, as data next to its {@link OptionSpec}, so that the dialog has no special
 * case per option.
 *
 * @param placeholder    the text shown in an empty field; null for the option's default
 * @param forInputs      the source formats the option matters for (input_sheet: Excel inputs); empty for every input
 * @param suggestColumns whether the input's column names are offered as values (the columns option)
 * @param partLabels     for {@link OptionType#INT_PAIR}, the label of each of the two numbers
 */
public record FormHints(String placeholder, Set<SourceFormat> forInputs, boolean suggestColumns,
                        List<String> partLabels) {

    /** No hints: the default as placeholder, shown for every input, no suggestions. */
    public static final FormHints NONE = new FormHints(null, Set.of(), false, List.of());

    public FormHints {
        forInputs = forInputs == null ? Set.of() : Set.copyOf(forInputs);
        partLabels = partLabels == null ? List.of() : List.copyOf(partLabels);
    }

    public FormHints withPlaceholder(String text) {
        return new FormHints(text, forInputs, suggestColumns, partLabels);
    }

    public FormHints forInputs(SourceFormat... formats) {
        return new FormHints(placeholder, Set.of(formats), suggestColumns, partLabels);
    }

    public FormHints suggestingColumns() {
        return new FormHints(placeholder, forInputs, true, partLabels);
    }

    public FormHints withParts(String first, String second) {
        return new FormHints(placeholder, forInputs, suggestColumns, List.of(first, second));
    }

    /** Whether the option matters when these are the inputs (all of them unknown: it does). */
    public boolean appliesTo(java.util.Collection<SourceFormat> inputs) {
        if (forInputs.isEmpty() || inputs == null || inputs.isEmpty()) {
            return forInputs.isEmpty();
        }
        for (SourceFormat f : inputs) {
            if (forInputs.contains(f)) {
                return true;
            }
        }
        return false;
    }
}
