package org.labexport.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.labexport.convert.ExportFormat;
import org.labexport.convert.binaryfixtures.EdgeTable;
import org.labexport.convert.engine.FormatRegistry;

/**
 * The folder of one hostile case: makes its input files (text, random bytes, valid workbooks, Parquet and HDF5 files
 * written by our own writers, and damaged copies of them) and its {@code labexport export} command line.
 */
final class CaseFolder {
    private final Path dir;

    CaseFolder(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The default destination of a case: a folder that does not exist yet. */
    Path out() {
        return dir.resolve("out");
    }

    Path text(String name, String content) throws IOException {
        return text(name, content, StandardCharsets.UTF_8);
    }

    Path text(String name, String content, Charset charset) throws IOException {
        return Files.writeString(dir.resolve(name), content, charset);
    }

    Path bytes(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    Path empty(String name) throws IOException {
        return Files.createFile(dir.resolve(name));
    }

    /** 4 KiB of random bytes, the same for the same name. */
    Path garbage(String name) throws IOException {
        byte[] noise = new byte[4096];
        new Random(name.hashCode()).nextBytes(noise);
        noise[0] = 'G'; // never a format's magic number by chance
        return bytes(name, noise);
    }

    /** A small valid CSV table. */
    Path goodCsv(String name) throws IOException {
        return text(name, "sample,value\ns1,1.5\ns2,2.5\n");
    }

    /** A valid file in a binary format (Parquet, Excel, HDF5), written by LabExport's own writer. */
    Path valid(ExportFormat format, String name) throws IOException {
        Path file = dir.resolve(name);
        EdgeTable.write(FormatRegistry.writer(format).orElseThrow(), file, EdgeTable.SCHEMA, EdgeTable.rows(),
                EdgeTable.opts(format, Map.of()));
        return file;
    }

    /** The first {@code fraction} of a file's bytes under a new name. */
    Path cut(Path source, String name, double fraction) throws IOException {
        byte[] all = Files.readAllBytes(source);
        return bytes(name, Arrays.copyOf(all, (int) (all.length * fraction)));
    }

    /** A copy with the bytes at the given offsets inverted (negative offsets count from the end). */
    Path flip(Path source, String name, int... offsets) throws IOException {
        byte[] all = Files.readAllBytes(source);
        for (int offset : offsets) {
            int i = offset < 0 ? all.length + offset : offset;
            all[i] = (byte) ~all[i];
        }
        return bytes(name, all);
    }

    Path gzip(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    /** {@code labexport export FILES --format F --dest out EXTRA...}. */
    HostileCase.Invocation export(String format, List<Path> files, String... extra) {
        return exportTo(out().toString(), out(), format, files, extra);
    }

    /** As {@link #export}, to any destination; {@code localOutput} is the folder to check, or null. */
    HostileCase.Invocation exportTo(String dest, Path localOutput, String format, List<Path> files, String... extra) {
        List<String> args = new ArrayList<>(List.of("export"));
        files.forEach(f -> args.add(f.toString()));
        args.addAll(List.of("--format", format, "--dest", dest));
        args.addAll(List.of(extra));
        return new HostileCase.Invocation(args, Map.of(), localOutput);
    }
}
