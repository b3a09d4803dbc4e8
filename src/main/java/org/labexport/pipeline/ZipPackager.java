package org.labexport.pipeline;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.labexport.base.CancelSignal;
import org.labexport.base.FileTrees;

/**
 * Packs an export folder into one ZIP, streaming each file (never the whole archive in memory), ZIP64 records where
 * an entry or the archive needs them. Outputs that are compressed already (Parquet, xlsx, zip, gzip, and any file
 * whose sample deflate does not shrink, such as gzip-compressed HDF5) are stored; the others are deflated on every
 * core by {@link ParallelDeflater} (docs/decisions/0090). The manifest is the last entry. Written under a temporary
 * name, renamed when whole.
 */
public final class ZipPackager {
    /** Deflate level of text outputs: level 1 (as {@code zip -1}) measured best for time against size (0090). */
    static final int LEVEL = 1;
    /** Bytes of a file's middle deflated to decide whether deflating the whole is worth it. */
    private static final int SAMPLE = 256 * 1024;
    /** Stored unless a sample deflates to less than this share of its size. */
    private static final double WORTH_DEFLATING = 0.9;

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
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores, new NamedThreads("zip-deflate"));
        try {
            ParallelDeflater deflater = new ParallelDeflater(pool, cores * 2, LEVEL);
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(temp)) {
                zip.setUseZip64(Zip64Mode.AsNeeded);
                for (Path f : files) {
                    cancel.check();
                    addEntry(zip, f, deflater, temp, cancel);
                }
            }
            Files.move(temp, zipFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void addEntry(ZipArchiveOutputStream zip, Path f, ParallelDeflater deflater, Path zipTemp,
                                 CancelSignal cancel) throws IOException {
        String name = f.getFileName().toString();
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setLastModifiedTime(Files.getLastModifiedTime(f));
        // Sizes and CRC go into the entry's header before its data, so the data is prepared first: the deflate
        // stream into a file beside the archive (compressed on every core), a stored file's CRC in a quick pass.
        if (worthDeflating(f, name, Files.size(f))) {
            Path deflated = zipTemp.resolveSibling(zipTemp.getFileName() + ".deflate");
            try {
                ParallelDeflater.Result r;
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(deflated), 1 << 16)) {
                    r = deflater.deflate(f, out, cancel);
                }
                entry.setMethod(ZipEntry.DEFLATED);
                entry.setSize(r.size());
                entry.setCrc(r.crc());
                entry.setCompressedSize(r.compressedSize());
                try (InputStream raw = cancellable(Files.newInputStream(deflated), cancel)) {
                    zip.addRawArchiveEntry(entry, raw);
                }
            } finally {
                Files.deleteIfExists(deflated);
            }
        } else {
            CRC32 crc = new CRC32();
            long size = checksum(f, crc, cancel);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(size);
            entry.setCrc(crc.getValue());
            entry.setCompressedSize(size);
            try (InputStream raw = cancellable(Files.newInputStream(f), cancel)) {
                zip.addRawArchiveEntry(entry, raw);
            }
        }
    }

    private static long checksum(Path f, CRC32 crc, CancelSignal cancel) throws IOException {
        long size = 0;
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(FileTrees.BUFFER);
            while (ch.read(buf) >= 0) {
                cancel.check();
                buf.flip();
                size += buf.remaining();
                crc.update(buf);
                buf.clear();
            }
        }
        return size;
    }

    /** Known compressed formats by name; any other file by deflating a sample from its middle at the same level. */
    static boolean worthDeflating(Path f, String name, long size) throws IOException {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".parquet") || n.endsWith(".xlsx") || n.endsWith(".zip") || n.endsWith(".gz")) {
            return false;
        }
        if (size < 4 * 1024) {
            return true;
        }
        byte[] sample = new byte[(int) Math.min(SAMPLE, size)];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.wrap(sample);
            long at = (size - sample.length) / 2;
            while (buf.hasRemaining() && ch.read(buf, at + buf.position()) > 0) {
                // read until the sample is full
            }
        }
        Deflater d = new Deflater(LEVEL, true);
        try {
            d.setInput(sample);
            d.finish();
            byte[] out = new byte[sample.length];
            long written = 0;
            while (!d.finished() && written < sample.length * WORTH_DEFLATING) {
                written += d.deflate(out);
            }
            return written < sample.length * WORTH_DEFLATING;
        } finally {
            d.end();
        }
    }

    private static InputStream cancellable(InputStream in, CancelSignal cancel) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                cancel.check();
                return super.read(b, off, len);
            }
        };
    }
}
