package org.labexport.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts {@code labexport} as a real separate JVM on the test class path, with its own LABEXPORT_HOME. */
final class Subprocesses {
    private Subprocesses() {
    }

    static Process labexport(Path home, String... args) throws IOException {
        return labexport(home, java.util.Map.of(), args);
    }

    static Process labexport(Path home, java.util.Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.labexport.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LABEXPORT_HOME", home.toString());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** Everything the process printed (call after it ended). */
    static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }
}
