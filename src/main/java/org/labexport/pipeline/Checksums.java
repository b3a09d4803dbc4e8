package org.labexport.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.labexport.base.CancelSignal;

/** SHA-256 of files, read in large buffers and stoppable by a cancel. */
public final class Checksums {
    private Checksums() {
    }

    /** Lower-case hex SHA-256 of the file's bytes. */
    public static String sha256(Path file, CancelSignal cancel) throws IOException {
        MessageDigest md = newDigest();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                cancel.check();
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Size, SHA-256 and SHA-512 of the file's bytes, in one read. */
    public static org.labexport.publish.FileDigests digests(Path file, CancelSignal cancel) throws IOException {
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file);
             org.labexport.publish.DigestingOutputStream d =
                     new org.labexport.publish.DigestingOutputStream(java.io.OutputStream.nullOutputStream())) {
            int n;
            while ((n = in.read(buf)) > 0) {
                cancel.check();
                d.write(buf, 0, n);
            }
            return d.digests();
        }
    }

    public static String sha256(Path file) throws IOException {
        return sha256(file, CancelSignal.NEVER);
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
