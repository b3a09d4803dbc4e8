package org.labexport.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Real separate JVMs on one lab database: {@code labexport} commands and the test mains of this package, each with
 * its own LABEXPORT_HOME and the short heartbeat and stale limits of the tests. Their output is collected line by
 * line while they run.
 */
final class LabProcesses {
    /** Heartbeat every 200 ms, stale after 1.5 s, idle poll 100 ms: a dead worker's job is retaken within ~2 s. */
    static final List<String> FAST_QUEUE = List.of("-Dlabexport.queue.heartbeatMs=200",
            "-Dlabexport.queue.staleMs=1500", "-Dlabexport.queue.pollMs=100");

    private LabProcesses() {
    }

    /** A running process and the lines it has printed so far. */
    record Running(Process process, List<String> lines) {
        String output() {
            return String.join("\n", lines);
        }

        long pid() {
            return process.pid();
        }
    }

    static Running labexport(Path home, Map<String, String> env, String... args) throws IOException {
        return java(home, env, "org.labexport.Main", args);
    }

    static Running java(Path home, Map<String, String> env, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1"); // short-lived test JVMs start faster with the client compiler only
        cmd.addAll(FAST_QUEUE);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LABEXPORT_HOME", home.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(output unreadable: " + e + ")");
            }
        }, "output-of-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return new Running(p, lines);
    }
}
