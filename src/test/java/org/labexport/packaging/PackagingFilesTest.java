package org.labexport.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Checks the installer settings in {@code packaging/} against the files they name, so that a renamed icon or
 * association breaks a test rather than a release build on another operating system.
 */
class PackagingFilesTest {
    private static final Path PACKAGING = Path.of("packaging");
    /** Options whose value is a path relative to the project directory. */
    private static final List<String> PATH_OPTIONS = List.of("--icon", "--license-file", "--resource-dir");

    @Test
    void everyPathTheJpackageArgumentFilesNameExists() throws IOException {
        List<Path> named = new ArrayList<>();
        for (Path args : argumentFiles()) {
            List<String> tokens = tokens(args);
            for (int i = 0; i + 1 < tokens.size(); i++) {
                String option = tokens.get(i);
                String value = tokens.get(i + 1);
                if (PATH_OPTIONS.contains(option)) {
                    named.add(Path.of(value));
                } else if (option.equals("--file-associations")) {
                    named.add(Path.of(value.replace("${jpackage.args}", PACKAGING.toString())));
                } else if (option.equals("--add-launcher")) {
                    named.add(Path.of(value.substring(value.indexOf('=') + 1)));
                }
            }
        }
        assertThat(named).hasSizeGreaterThanOrEqualTo(12).allSatisfy(p -> assertThat(p).exists());
    }

    @Test
    void everySourceFormatHasAnAssociationWithTypeAndDescription() throws IOException {
        TreeSet<String> extensions = new TreeSet<>();
        try (Stream<Path> files = Files.list(PACKAGING.resolve("assoc"))) {
            for (Path file : files.toList()) {
                Properties p = load(file);
                assertThat(p.getProperty("mime-type")).as(file.toString()).matches("[a-z]+/[a-z0-9.+-]+");
                assertThat(p.getProperty("description")).as(file.toString()).isNotBlank();
                String icon = p.getProperty("icon");
                if (icon != null) {
                    assertThat(icon).isEqualTo("${assoc.icon}");
                }
                extensions.addAll(List.of(p.getProperty("extension").trim().split("\\s+")));
            }
        }
        assertThat(extensions).containsExactly("csv", "h5", "hdf5", "parquet", "tsv", "xlsx");
        assertThat(tokens(PACKAGING.resolve("installer.args")).stream().filter(t -> t.endsWith(".properties")))
                .hasSize(5);
    }

    @Test
    void desktopEntryHandsTheChosenFilesToTheLauncherAsPaths() throws IOException {
        // Main opens the create dialog only for paths of existing files; %U would pass file:// URIs.
        String entry = Files.readString(PACKAGING.resolve("linux/LabExport.desktop"));
        assertThat(entry).containsPattern("(?m)^Exec=APPLICATION_LAUNCHER %F$")
                .contains("StartupWMClass=org.labexport.ui.DesktopLauncher");
    }

    @Test
    void maintainerScriptsUseOnlyPlaceholdersThatEveryJpackageFillsIn() throws IOException {
        for (String script : List.of("postinst", "postrm")) {
            String text = Files.readString(PACKAGING.resolve("linux").resolve(script));
            Matcher m = Pattern.compile("\\b(?:APPLICATION|DESKTOP|UTILITY|COMMON|LAUNCHER)_[A-Z_]+\\b").matcher(text);
            TreeSet<String> placeholders = new TreeSet<>();
            while (m.find()) {
                placeholders.add(m.group());
            }
            assertThat(placeholders).as(script).isSubsetOf("APPLICATION_PACKAGE", "DESKTOP_COMMANDS_INSTALL");
            // The link goes to the command line's start script (docs/decisions/0143); postrm also removes an older
            // package's link to the window's launcher.
            assertThat(text).as(script).contains("/usr/bin/labexport").contains("/opt/labexport/bin/labexport")
                    .contains("/opt/labexport/bin/LabExport");
        }
    }

    @Test
    void windowIconIsTheGenerated256PixelIcon() throws IOException {
        byte[] resource;
        try (InputStream in = PackagingFilesTest.class.getResourceAsStream("/org/labexport/ui/icon.png")) {
            assertThat(in).isNotNull();
            resource = in.readAllBytes();
        }
        assertThat(resource).isEqualTo(Files.readAllBytes(Path.of("icons/labexport-256.png")));
        // PNG header: width and height are the first two fields of the IHDR chunk.
        ByteBuffer header = ByteBuffer.wrap(resource, 16, 8);
        assertThat(header.getInt()).isEqualTo(256);
        assertThat(header.getInt()).isEqualTo(256);
    }

    @Test
    void jlinkConfigurationKeepsTheModulesThatCodeLoadsByName() throws IOException {
        String conf = Files.readString(Path.of("jlink.conf"));
        assertThat(conf).contains("jdk.crypto.ec", "jdk.zipfs", "jdk.charsets", "javafx.controls", "java.sql",
                "jdk.unsupported", "--strip-debug", "--no-header-files", "--no-man-pages", "--compress=2");
    }

    /**
     * The Linux image's JVM options (docs/decisions/0144) start this JVM and print nothing of their own: a mistyped
     * option would make every command fail, a warning would reach the command's output. The other systems' images
     * do not get the Linux-only option, which their JVMs refuse.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxOnlyJvmOptionsStartTheJvmQuietly() throws IOException, InterruptedException {
        List<String> linux = javaOptions(PACKAGING.resolve("app-image-linux.args"));
        assertThat(linux).contains("-XX:+UseTransparentHugePages", "-Xlog:pagesize*=off");
        for (String other : List.of("app-image.args", "app-image-mac.args", "app-image-windows.args")) {
            assertThat(String.join(" ", javaOptions(PACKAGING.resolve(other)))).as(other)
                    .doesNotContain("TransparentHugePages");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(linux);
        command.add("-version");
        Path out = Files.createTempFile("jvm-options", ".txt");
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(out.toFile()).start();
            assertThat(p.waitFor()).isZero();
            assertThat(Files.readString(out)).isEmpty(); // -version itself writes to stderr
        } finally {
            Files.delete(out);
        }
    }

    /** The JVM options an argument file gives jpackage: each --java-options value, split at spaces as jpackage does. */
    private static List<String> javaOptions(Path args) throws IOException {
        List<String> tokens = tokens(args);
        List<String> options = new ArrayList<>();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).equals("--java-options")) {
                options.addAll(List.of(tokens.get(i + 1).split(" ")));
            }
        }
        return options;
    }

    private static List<Path> argumentFiles() throws IOException {
        try (Stream<Path> files = Files.list(PACKAGING)) {
            return files.filter(p -> p.toString().endsWith(".args")).sorted().toList();
        }
    }

    /** The argument file's options and values, as jpackage splits them: whitespace, double quotes, # comments. */
    private static List<String> tokens(Path args) throws IOException {
        List<String> tokens = new ArrayList<>();
        for (String line : Files.readAllLines(args)) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(line);
            while (m.find()) {
                tokens.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return tokens;
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }
}
