package org.labexport.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Size, SHA-256 and SHA-512 of one file, as lower-case hex.
 *
 * @param size   bytes
 * @param sha256 SHA-256 in hex
 * @param sha512 SHA-512 in hex
 */
public record FileDigests(long size, String sha256, String sha512) {

    /** The digests of bytes held in memory (tag files, the crate and the manifest, written from memory). */
    public static FileDigests of(byte[] bytes) {
        MessageDigest a = newDigest("SHA-256");
        MessageDigest b = newDigest("SHA-512");
        a.update(bytes);
        b.update(bytes);
        return new FileDigests(bytes.length, HexFormat.of().formatHex(a.digest()), HexFormat.of().formatHex(b.digest()));
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
