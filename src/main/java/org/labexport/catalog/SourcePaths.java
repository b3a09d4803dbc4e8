package org.labexport.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one rule for what may be read as a data file: a regular, readable file. Anything else (a folder, a device such
 * as {@code /dev/zero}, a FIFO, a socket) would make hashing or converting hang or read forever, so it is refused
 * before it is opened, with a message saying what the path is. Symbolic links are followed.
 */
public final class SourcePaths {
    // File type bits of st_mode (POSIX), as the "unix:mode" attribute gives them.
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFSOCK = 0140000;

    private SourcePaths() {
    }

    /**
     * Why {@code path} cannot be read as a data file, as a sentence naming it; empty when it is a regular readable
     * file. Never opens the path.
     */
    public static Optional<String> problem(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (!Files.exists(abs)) {
            return Optional.of(Files.exists(abs, LinkOption.NOFOLLOW_LINKS)
                    ? abs + " is a link to a file that does not exist."
                    : "File not found: " + abs);
        }
        if (Files.isDirectory(abs)) {
            return Optional.of(abs + " is a folder, not a data file.");
        }
        if (!Files.isRegularFile(abs)) {
            return Optional.of(abs + " is " + specialKind(abs) + ", not a data file: only regular files can be read.");
        }
        if (!Files.isReadable(abs)) {
            return Optional.of(abs + " cannot be read: permission denied.");
        }
        return Optional.empty();
    }

    /** "a device", "a FIFO (named pipe)", "a socket", or "a special file" where the kind cannot be told. */
    private static String specialKind(Path abs) {
        try {
            Object mode = Files.getAttribute(abs, "unix:mode");
            if (mode instanceof Integer m) {
                switch (m & S_IFMT) {
                    case S_IFCHR, S_IFBLK -> {
                        return "a device";
                    }
                    case S_IFIFO -> {
                        return "a FIFO (named pipe)";
                    }
                    case S_IFSOCK -> {
                        return "a socket";
                    }
                    default -> {
                        return "a special file";
                    }
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no "unix" attribute view (Windows): the kind is unknown, the refusal stands
        }
        return "a special file";
    }
}
