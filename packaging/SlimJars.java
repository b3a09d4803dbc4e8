import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Packaging step (docs/decisions/0091): copies the application's jars for the installer, each entry stored
 * uncompressed and without the entries that match a pattern (native libraries of other platforms, C headers).
 * The installer's own compressor (xz in a .deb) then compresses the classes across all jars, which it cannot do
 * when every entry is deflated already. Run as a single-file program by the package profile:
 * {@code java packaging/SlimJars.java FROM_DIR TO_DIR store|keep DROP_REGEX [EXCLUDED_JAR_REGEX]}: {@code keep}
 * leaves each entry's compression as it was (for installers whose compressor works per file).
 */
public final class SlimJars {
    private SlimJars() {
    }

    public static void main(String[] args) throws IOException {
        Path from = Path.of(args[0]);
        Path to = Files.createDirectories(Path.of(args[1]));
        boolean store = "store".equals(args[2]);
        Pattern drop = Pattern.compile(args[3]);
        Pattern skipJar = Pattern.compile(args.length > 4 ? args[4] : "(?!)");
        long before = 0;
        long after = 0;
        int dropped = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(from, "*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                if (skipJar.matcher(name).matches()) {
                    continue;
                }
                Path target = to.resolve(name);
                dropped += repack(jar, target, store, drop);
                before += Files.size(jar);
                after += Files.size(target);
            }
        }
        System.out.printf("SlimJars: %.1f MB of jars copied as %.1f MB (%s), %d entries for other platforms left "
                + "out%n", before / 1048576.0, after / 1048576.0, store ? "stored" : "as compressed", dropped);
    }

    private static int repack(Path jar, Path target, boolean store, Pattern drop) throws IOException {
        int dropped = 0;
        try (InputStream raw = Files.newInputStream(jar); ZipInputStream in = new ZipInputStream(raw);
             OutputStream rawOut = Files.newOutputStream(target); ZipOutputStream out = new ZipOutputStream(rawOut)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (!e.isDirectory() && drop.matcher(e.getName()).matches()) {
                    dropped++;
                    continue;
                }
                byte[] data = in.readAllBytes();
                CRC32 crc = new CRC32();
                crc.update(data);
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setMethod(store ? ZipEntry.STORED : e.getMethod());
                copy.setSize(data.length);
                copy.setCrc(crc.getValue());
                if (store) {
                    copy.setCompressedSize(data.length);
                }
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(data);
                out.closeEntry();
            }
        }
        return dropped;
    }
}
