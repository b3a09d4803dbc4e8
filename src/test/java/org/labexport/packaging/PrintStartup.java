package org.labexport.packaging;

/**
 * A main class for {@link CommandLineStartScriptTest}: prints what the start script handed the JVM, one per line,
 * the garbage collector it runs on and the JIT's highest tier.
 */
public final class PrintStartup {
    private PrintStartup() {
    }

    public static void main(String[] args) {
        System.out.println("appdir=" + System.getProperty("labexport.test.appdir"));
        System.out.println("spaced=" + System.getProperty("labexport.test.spaced"));
        System.out.println("app-path=" + System.getProperty("jpackage.app-path"));
        System.out.println("classpath=" + System.getProperty("java.class.path"));
        for (String a : args) {
            System.out.println("arg=" + a);
        }
        System.out.println("collector-options=" + String.join(" ", java.lang.management.ManagementFactory
                .getRuntimeMXBean().getInputArguments().stream().filter(o -> o.matches("-XX:\\+Use\\w*GC")).toList()));
        System.out.println("collectors=" + String.join(",", java.lang.management.ManagementFactory
                .getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()));
        System.out.println("tiers=" + java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("TieredStopAtLevel").getValue());
        if (args.length > 0 && args[0].equals("exit-3")) {
            System.exit(3);
        }
    }
}
