package org.labexport.base;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.labexport.base.CancelSignal;

/** File and folder helpers shared by the pipeline and the destinations: cancellable copy, atomic move, delete. */
public final class FileTrees {
    /** Copy buffer; a cancel is noticed after at most one buffer. */
    public static final int BUFFER = 1 << 20;

    private FileTrees() {
    }

    /** Deletes a file or a whole folder; quiet when it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (path == null || !Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Size of a file, or the sum of the sizes of the files in a folder. */
    public static long size(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return Files.size(path);
        }
        try (Stream<Path> s = Files.walk(path)) {
            long total = 0;
            for (Path p : (Iterable<Path>) s::iterator) {
                if (Files.isRegularFile(p)) {
                    total += Files.size(p);
                }
            }
            return total;
        }
    }

    /** The regular files directly in a folder, sorted by name. */
    public static List<Path> filesIn(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        return files;
    }

    /** Copies one file, checking the cancel signal after every buffer. */
    public static void copyFile(Path source, Path target, CancelSignal cancel) throws IOException {
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
            copy(in, out, cancel);
        }
    }

    /** Copies a stream, checking the cancel signal after every buffer; returns the bytes copied. */
    public static long copy(InputStream in, OutputStream out, CancelSignal cancel) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            cancel.check();
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    /** Copies a file or a folder tree (one level of files, as exports are flat) to a new target. */
    public static void copyTree(Path source, Path target, CancelSignal cancel) throws IOException {
        if (!Files.isDirectory(source)) {
            copyFile(source, target, cancel);
            return;
        }
        Files.createDirectory(target);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(source)) {
            for (Path p : ds) {
                copyTree(p, target.resolve(p.getFileName().toString()), cancel);
            }
        }
    }

    /**
     * Moves a file or folder to its final name so that it appears whole: an atomic rename when source and target
     * share a file system, otherwise a copy under a hidden temporary name in the target's folder, then an atomic
     * rename. A partial copy is deleted on failure or cancel.
     */
    public static void moveIntoPlace(Path source, Path target, CancelSignal cancel) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        } catch (AtomicMoveNotSupportedException e) {
            // different file systems: fall through to copy-then-rename
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".part-" + ProcessHandle.current().pid());
        deleteRecursively(temp);
        try {
            copyTree(source, temp, cancel);
            cancel.check();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(temp);
            throw e;
        }
        deleteRecursively(source);
    }
}
