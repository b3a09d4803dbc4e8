package org.labexport.publish;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labexport.base.CancelSignal;
import org.labexport.base.FileTrees;

/**
 * Writes a BagIt 1.0 bag as a folder or as a ZIP whose one top-level folder is the bag. Checksums are never taken
 * by reading a finished file again: files moved into a folder bag bring the digests taken when they were written,
 * files streamed into a ZIP are digested as they go in (and checked against the digests they brought), and files
 * written from memory are digested from their bytes. The tag manifest is written last, so a bag whose
 * {@code tagmanifest-sha256.txt} is present is whole.
 */
public final class BagWriter {
    private BagWriter() {
    }

    /**
     * One payload file, stored at {@code data/<name>}: a file on disk (with the digests taken when it was
     * written, or null to digest it while it is copied) or bytes from memory.
     */
    public record PayloadFile(String name, Path file, FileDigests known, byte[] bytes) {
        public static PayloadFile ofFile(String name, Path file, FileDigests known) {
            return new PayloadFile(name, file, known, null);
        }

        public static PayloadFile ofBytes(String name, byte[] bytes) {
            return new PayloadFile(name, null, null, bytes.clone());
        }
    }

    /**
     * Makes {@code bagDir} (which must not exist) a bag: payload files are moved (same file system) or copied into
     * {@code data/}, then the tag files are written.
     */
    public static void writeFolder(Path bagDir, List<PayloadFile> payload, BagInfo info, CancelSignal cancel)
            throws IOException {
        Path data = Files.createDirectories(bagDir.resolve("data"));
        List<BagTags.PayloadDigest> digests = new ArrayList<>();
        for (PayloadFile p : payload) {
            cancel.check();
            Path target = data.resolve(p.name());
            FileDigests d;
            if (p.bytes() != null) {
                Files.write(target, p.bytes());
                d = FileDigests.of(p.bytes());
            } else if (p.known() != null) {
                Files.move(p.file(), target, StandardCopyOption.ATOMIC_MOVE);
                d = p.known();
            } else {
                try (InputStream in = Files.newInputStream(p.file());
                     OutputStream raw = Files.newOutputStream(target);
                     DigestingOutputStream out = new DigestingOutputStream(raw)) {
                    FileTrees.copy(in, out, cancel);
                    d = out.digests();
                }
                Files.delete(p.file());
            }
            digests.add(new BagTags.PayloadDigest(p.name(), d));
        }
        for (Map.Entry<String, byte[]> tag : BagTags.render(digests, info).entrySet()) {
            Files.write(bagDir.resolve(tag.getKey()), tag.getValue());
        }
    }

    /**
     * Writes the bag into a ZIP under the folder {@code root}/, streaming each payload file through a fixed
     * buffer; written under a temporary name and renamed when whole.
     *
     * @throws IOException naming the file when a payload file's bytes differ from the digests it brought (it
     *                     changed after it was written)
     */
    public static void writeZip(Path zipFile, String root, List<PayloadFile> payload, BagInfo info,
                                CancelSignal cancel) throws IOException {
        Path temp = zipFile.resolveSibling("." + zipFile.getFileName() + ".part");
        Files.deleteIfExists(temp);
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                 ZipOutputStream zip = new ZipOutputStream(raw)) {
                List<BagTags.PayloadDigest> digests = new ArrayList<>();
                for (PayloadFile p : payload) {
                    cancel.check();
                    zip.setLevel(alreadyCompressed(p.name()) ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION);
                    zip.putNextEntry(new ZipEntry(root + "/" + BagTags.PAYLOAD_DIR + p.name()));
                    DigestingOutputStream out = new DigestingOutputStream(zip);
                    if (p.bytes() != null) {
                        out.write(p.bytes());
                    } else {
                        try (InputStream in = Files.newInputStream(p.file())) {
                            FileTrees.copy(in, out, cancel);
                        }
                    }
                    zip.closeEntry();
                    FileDigests d = out.digests();
                    if (p.known() != null && !p.known().sha256().equals(d.sha256())) {
                        throw new IOException(p.name() + " changed after it was written (its SHA-256 differs):"
                                + " the bag was not made.");
                    }
                    digests.add(new BagTags.PayloadDigest(p.name(), d));
                }
                zip.setLevel(Deflater.DEFAULT_COMPRESSION);
                for (Map.Entry<String, byte[]> tag : BagTags.render(digests, info).entrySet()) {
                    zip.putNextEntry(new ZipEntry(root + "/" + tag.getKey()));
                    zip.write(tag.getValue());
                    zip.closeEntry();
                }
            }
            Files.move(temp, zipFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    private static boolean alreadyCompressed(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".xlsx") || n.endsWith(".zip") || n.endsWith(".gz");
    }
}
