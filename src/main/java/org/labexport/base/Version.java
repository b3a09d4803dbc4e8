package org.labexport.base;

/** LabExport's version, from the jar manifest (the pom's version), or "dev" when run from classes. */
public final class Version {
    private Version() {
    }

    public static String get() {
        String v = Version.class.getPackage().getImplementationVersion();
        return v != null ? v : System.getProperty("labexport.version", "dev");
    }
}
