package org.labexport.publish;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes bytes through to another stream and takes their SHA-256 and SHA-512 on the way, so a file's checksums
 * come from the one pass that writes it. {@link #close()} does not close the target (it may be a ZIP entry).
 */
public final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256 = FileDigests.newDigest("SHA-256");
    private final MessageDigest sha512 = FileDigests.newDigest("SHA-512");
    private long size;

    public DigestingOutputStream(OutputStream target) {
        super(target);
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        sha256.update((byte) b);
        sha512.update((byte) b);
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        sha256.update(b, off, len);
        sha512.update(b, off, len);
        size += len;
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    /** The digests of everything written so far; call once, after the last write. */
    public FileDigests digests() {
        return new FileDigests(size, HexFormat.of().formatHex(sha256.digest()), HexFormat.of().formatHex(sha512.digest()));
    }
}
