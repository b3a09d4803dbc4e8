package org.labexport.base;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who this process is on a shared lab database: the host name, the OS user and {@code host:pid}, recorded on the
 * jobs it creates and claims. The host name is looked up once (a slow resolver must not be asked per job).
 */
public final class ProcessIdentity {
    private static final String HOST = lookUpHost();

    private ProcessIdentity() {
    }

    /** This machine's host name ({@code LABEXPORT_HOST} overrides it, for machines whose name is not telling). */
    public static String host() {
        return HOST;
    }

    /** The operating-system user running this process. */
    public static String user() {
        return System.getProperty("user.name", "unknown");
    }

    /** {@code host:pid}: names one process across the lab. */
    public static String processId() {
        return HOST + ":" + ProcessHandle.current().pid();
    }

    private static String lookUpHost() {
        String configured = System.getenv("LABEXPORT_HOST");
        if (configured != null && !configured.isBlank()) {
            return configured.strip();
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
