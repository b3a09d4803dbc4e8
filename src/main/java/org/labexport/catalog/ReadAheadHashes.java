package org.labexport.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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

    /**
     * How long after its last modification a file must be when its read begins for its modification time to be
     * recorded with the digest: longer than the coarsest file-system clock (FAT's 2 s), so that a write after the
     * read cannot leave the time as it was (docs/decisions/0138).
     */
    static final Duration SETTLED = Duration.ofSeconds(2);

    /**
     * What one read found: the size, the modification time before the read, the SHA-256, and whether that time can
     * vouch for the content later ({@link #SETTLED} before the read began).
     */
    record Digest(long size, FileTime modified, String sha256, boolean settled) {
        /** The modification time in nanoseconds since 1970 if it can vouch for the content, else null. */
        Long settledModifiedNanos() {
            return settled ? modified.to(TimeUnit.NANOSECONDS) : null;
        }
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
        // The thread keeps its own references: a digest taken (or cancelled) before its turn is still completed.
        Map<Path, CompletableFuture<Digest>> mine = new java.util.LinkedHashMap<>();
        for (Path p : todo) {
            CompletableFuture<Digest> f = new CompletableFuture<>();
            mine.put(p, f);
            PENDING.put(p, f);
        }
        Thread t = new Thread(() -> {
            for (Map.Entry<Path, CompletableFuture<Digest>> e : mine.entrySet()) {
                Path p = e.getKey();
                CompletableFuture<Digest> f = e.getValue();
                if (f.isCancelled()) {
                    continue; // not wanted any more (cancel)
                }
                try {
                    f.complete(hash(p, f::isCancelled));
                } catch (IOException | RuntimeException ex) {
                    LOG.debug("Read-ahead hash of {} failed: {}", p, ex.toString());
                    f.completeExceptionally(ex);
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
        } catch (ExecutionException | CancellationException | IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Stops the read ahead of this file, if any, and forgets it: the caller knows its digest without it. The
     * reading thread sees this within one buffer.
     */
    static void cancel(Path abs) {
        CompletableFuture<Digest> f = PENDING.remove(abs);
        if (f != null) {
            f.cancel(false);
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
        return hash(p, () -> false);
    }

    /** As {@link #hash(Path)}, giving up with a {@link CancellationException} once {@code stop} says so. */
    private static Digest hash(Path p, BooleanSupplier stop) throws IOException {
        FileTime before = Files.getLastModifiedTime(p);
        boolean settled = Duration.between(before.toInstant(), Instant.now()).compareTo(SETTLED) >= 0;
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
                if (stop.getAsBoolean()) {
                    throw new CancellationException("read ahead of " + p + " no longer wanted");
                }
                md.update(buf, 0, n);
                size += n;
            }
        }
        return new Digest(size, before, HexFormat.of().formatHex(md.digest()), settled);
    }
}
