package org.labexport.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;

/** The two looks of the window, AtlantaFX Primer light and dark, plus LabExport's own small stylesheet. */
public enum Theme {
    LIGHT, DARK;

    private static final String APP_CSS = Theme.class.getResource("/org/labexport/ui/labexport.css").toExternalForm();

    /** "light" or "dark" as stored in the settings; anything else means light. */
    public static Theme fromSetting(String value) {
        return "dark".equalsIgnoreCase(value) ? DARK : LIGHT;
    }

    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Sets the user-agent stylesheet for every window of the application. */
    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** "Light" or "Dark", as the settings list them. */
    @Override
    public String toString() {
        return this == DARK ? "Dark" : "Light";
    }

    /** Adds LabExport's stylesheet to a scene (once). */
    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }
}
