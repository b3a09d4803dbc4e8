package org.labexport.base;

import ch.qos.logback.core.PropertyDefinerBase;
import org.labexport.base.AppHome;

/**
 * Tells logback.xml where the log folder is: the system property {@code labexport.logdir} if set, otherwise
 * {@code logs} in the LabExport home, resolved exactly as {@link AppHome#fromEnvironment()} does.
 */
public final class LogDirectory extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        String explicit = System.getProperty("labexport.logdir");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        return AppHome.fromEnvironment().logs().toString();
    }
}
