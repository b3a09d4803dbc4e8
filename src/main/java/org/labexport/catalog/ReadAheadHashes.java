package org.labexport.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SHA-256 digests of files that are about to be added to the catalog, taken on a background thread while the process
 * is still starting (loading classes, opening the database), so that adding a large file does not then wait for its
 * whole read (docs/decisions/0132). A digest is used only if the file still has the size and modification time it
 * had when it was read; otherwise, or if reading failed, the catalog reads the file itself. The export checks what
 * it reads against the catalog's digest in any case (docs/decisions/0065).
 */
public final class ReadAheadHashes {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAheadHashes.class);

    /** What one background read found. */
    record Digest(long size, FileTime modified, String sha256) {
    }

    private static final Map<Path, CompletableFuture<Digest>> PENDING = new ConcurrentHashMap<>();

    private ReadAheadHashes() {
    }

    /** Starts hashing these regular files, one after another, on a daemon thread; returns at once. */
    public static void start(List<Path> files) {
        List<Path> todo = files.stream().map(p -> p.toAbsolutePath().normalize()).filter(Files::isRegularFile)
                .filter(p -> !PENDING.containsKey(p)).distinct().toList();
        if (todo.isEmpty()) {
            return;
        }
        for (Path p : todo) {
            PENDING.put(p, new CompletableFuture<>());
        }
        Thread t = new Thread(() -> {
            for (Path p : todo) {
                CompletableFuture<Digest> f = PENDING.get(p);
                try {
                    f.complete(hash(p));
                } catch (IOException | RuntimeException e) {
                    LOG.debug("Read-ahead hash of {} failed: {}", p, e.toString());
                    f.completeExceptionally(e);
                }
            }
        }, "labexport-read-ahead-hash");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The SHA-256 taken ahead for this file if there is one and the file has not changed since (waits for it if it
     * is being taken); empty otherwise. A digest is handed out once.
     */
    static Optional<Digest> take(Path abs) {
        CompletableFuture<Digest> f = PENDING.remove(abs);
        if (f == null) {
            return Optional.empty();
        }
        try {
            Digest d = f.get();
            BasicFileAttributes now = Files.readAttributes(abs, BasicFileAttributes.class);
            if (now.size() == d.size() && now.lastModifiedTime().equals(d.modified())) {
                return Optional.of(d);
            }
            return Optional.empty();
        } catch (ExecutionException | IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Waits until the read ahead of this file, if any, is over (it stays to be taken). */
    static void awaitRead(Path abs) {
        CompletableFuture<Digest> f = PENDING.get(abs);
        if (f != null) {
            f.exceptionally(e -> null).join();
        }
    }

    /** Reads the whole file: its size, SHA-256 and the modification time it had before the read. */
    static Digest hash(Path p) throws IOException {
        FileTime before = Files.getLastModifiedTime(p);
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        long size = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(p)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new Digest(size, before, HexFormat.of().formatHex(md.digest()));
    }
}
