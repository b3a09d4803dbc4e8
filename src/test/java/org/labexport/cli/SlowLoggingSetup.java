package org.labexport.cli;

import ch.qos.logback.core.PropertyDefinerBase;

/**
 * A logback property whose value takes 1.5 s to give: a test's logging configuration uses it to make a command
 * finish before logging is configured, as a quick command can on a busy machine.
 */
public final class SlowLoggingSetup extends PropertyDefinerBase {
    @Override
    public String getPropertyValue() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "slow";
    }
}
