package org.labexport.ui.create;

/** Expiry presets of the create dialog; CUSTOM takes a number of hours from 1 to 168. */
public enum ExpiryChoice {
    ONE_HOUR("1 hour", 1), ONE_DAY("1 day", 24), TWO_DAYS("2 days", 48), THREE_DAYS("3 days", 72),
    ONE_WEEK("1 week", 168), CUSTOM("Custom...", 0);

    public static final int MIN_HOURS = 1;
    public static final int MAX_HOURS = 168;

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
