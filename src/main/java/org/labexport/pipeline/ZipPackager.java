package org.labexport.pipeline;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labexport.base.CancelSignal;
import org.labexport.base.FileTrees;

/**
 * Packs an export folder into one ZIP, streaming each file through a fixed buffer (never the whole archive in
 * memory). {@link ZipOutputStream} switches to ZIP64 records by itself for entries or archives over 4 GB and for
 * more than 65,535 entries. The manifest is the last entry. Written under a temporary name, renamed when whole.
 */
public final class ZipPackager {
    private ZipPackager() {
    }

    /** Zips the files of {@code folder} (flat) into {@code zipFile}. */
    public static void zip(Path folder, Path zipFile, CancelSignal cancel) throws IOException {
        List<Path> files = new ArrayList<>(FileTrees.filesIn(folder));
        files.sort((a, b) -> {
            boolean ma = a.getFileName().toString().equals(Manifest.FILE_NAME);
            boolean mb = b.getFileName().toString().equals(Manifest.FILE_NAME);
            return ma != mb ? Boolean.compare(ma, mb) : a.getFileName().compareTo(b.getFileName());
        });
        Path temp = zipFile.resolveSibling("." + zipFile.getFileName() + ".part");
        Files.deleteIfExists(temp);
        try {
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                 ZipOutputStream zip = new ZipOutputStream(raw)) {
                for (Path f : files) {
                    cancel.check();
                    String name = f.getFileName().toString();
                    // Parquet, xlsx and zip are compressed already: a fast level saves time for almost no size.
                    zip.setLevel(alreadyCompressed(name) ? Deflater.BEST_SPEED : Deflater.DEFAULT_COMPRESSION);
                    ZipEntry entry = new ZipEntry(name);
                    entry.setLastModifiedTime(FileTime.from(Files.getLastModifiedTime(f).toInstant()));
                    zip.putNextEntry(entry);
                    try (InputStream in = Files.newInputStream(f)) {
                        FileTrees.copy(in, zip, cancel);
                    }
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
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".parquet") || n.endsWith(".xlsx") || n.endsWith(".zip") || n.endsWith(".gz");
    }
}
