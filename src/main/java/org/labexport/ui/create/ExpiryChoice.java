package org.labexport.ui.create;

import org.labexport.job.ExpiryLimits;

/** Expiry presets of the create dialog; CUSTOM takes a number of hours within {@link ExpiryLimits}. */
public enum ExpiryChoice {
    ONE_HOUR("1 hour", 1), ONE_DAY("1 day", 24), TWO_DAYS("2 days", 48), THREE_DAYS("3 days", 72),
    ONE_WEEK("1 week", 168), CUSTOM("Custom...", 0);

    public static final int MIN_HOURS = ExpiryLimits.MIN_HOURS;
    public static final int MAX_HOURS = ExpiryLimits.MAX_HOURS;

    private final String label;
    private final int hours;

    ExpiryChoice(String label, int hours) {
        this.label = label;
        this.hours = hours;
    }

    public int hours() {
        return hours;
    }

    @Override
    public String toString() {
        return label;
    }
}
