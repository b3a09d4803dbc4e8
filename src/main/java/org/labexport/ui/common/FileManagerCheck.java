package org.labexport.ui.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Whether the desktop can open a folder. On Linux, opening a folder goes through xdg-open, which fails silently (the
 * JavaFX host services print a stack trace and return) when xdg-utils is missing or no file manager is registered
 * for folders; this asks {@code xdg-mime} once, so Open folder can say where the export is instead of doing nothing.
 */
public final class FileManagerCheck implements BooleanSupplier {
    private volatile Boolean answer;

    @Override
    public boolean getAsBoolean() {
        Boolean a = answer;
        if (a == null) {
            a = probe();
            answer = a;
        }
        return a;
    }

    private static boolean probe() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win") || os.contains("mac")) {
            return true;
        }
        if (!onPath("xdg-open") || !onPath("xdg-mime")) {
            return false;
        }
        try {
            Process p = new ProcessBuilder("xdg-mime", "query", "default", "inode/directory")
                    .redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return true; // cannot tell: let the desktop try
            }
            return p.exitValue() == 0 && !out.isEmpty();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
