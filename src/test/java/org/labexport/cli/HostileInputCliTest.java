package org.labexport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.AppHome;
import org.labexport.app.AppServices;
import org.labexport.TestHome;
import org.labexport.job.JobQuery;
import org.labexport.settings.S3Profile;
import org.labexport.settings.Settings;

/**
 * Paths that are not data files and destinations that cannot take an export, through the real command line: each is
 * refused at once with exit code 2 and a sentence saying what the path is, before any job is created.
 */
class HostileInputCliTest {
    @TempDir
    Path dir;
    private AppHome home;

    @BeforeEach
    void home() {
        home = new AppHome(dir.resolve("home"));
    }

    private CliRun cli(String... args) {
        return CliRun.run(home, args);
    }

    private Path fifo(String name) throws Exception {
        Path p = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", p.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return p;
    }

    private void assertNothingCreated() {
        try (AppServices s = TestHome.open(home.root())) {
            assertThat(s.catalog().listFiles()).isEmpty();
            assertThat(s.exports().listExportJobs(JobQuery.all())).isEmpty();
        }
    }

    @Test
    void filesAddRefusesWhatIsNotARegularFileSayingWhatItIs() throws Exception {
        Path fifo = fifo("pipe.csv");
        Path folder = Files.createDirectories(dir.resolve("a-folder.csv"));
        Path socket = dir.resolve("sock.csv");

        CliRun zero = cli("files", "add", "/dev/zero");
        CliRun pipe = cli("files", "add", fifo.toString());
        CliRun dirRun = cli("files", "add", folder.toString());
        CliRun missing = cli("files", "add", dir.resolve("nope.csv").toString());
        CliRun sock;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            sock = cli("files", "add", socket.toString());
        }

        assertThat(List.of(zero, pipe, dirRun, missing, sock)).allSatisfy(r -> {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
        });
        assertThat(zero.err().strip()).isEqualTo("Error: /dev/zero is a device, not a data file: only regular files"
                + " can be read.");
        assertThat(pipe.err().strip()).isEqualTo("Error: " + fifo + " is a FIFO (named pipe), not a data file: only"
                + " regular files can be read.");
        assertThat(sock.err().strip()).isEqualTo("Error: " + socket + " is a socket, not a data file: only regular"
                + " files can be read.");
        assertThat(dirRun.err().strip()).isEqualTo("Error: " + folder + " is a folder, not a data file.");
        assertThat(missing.err().strip()).isEqualTo("Error: File not found: " + dir.resolve("nope.csv"));
        assertNothingCreated();
    }

    @Test
    void exportOfAFolderOrADeviceSaysWhatThePathIs() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data"));

        CliRun dirRun = cli("export", folder.toString(), "--format", "csv");
        CliRun zero = cli("export", "/dev/zero", "--format", "csv");
        CliRun pipe = cli("export", fifo("in.csv").toString(), "--format", "json");

        assertThat(dirRun.exitCode()).isEqualTo(2);
        assertThat(dirRun.err().strip()).isEqualTo("Error: " + folder + " is a folder, not a data file.");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err().strip()).isEqualTo("Error: /dev/zero is a device, not a data file: only regular files"
                + " can be read.");
        assertThat(pipe.exitCode()).isEqualTo(2);
        assertThat(pipe.err()).contains("is a FIFO (named pipe), not a data file");
        assertNothingCreated();
    }

    @Test
    void aBadDestinationIsRefusedBeforeAnyJobIsCreated() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        Path aFile = Files.writeString(dir.resolve("not-a-folder"), "x");

        CliRun proc = cli("export", csv.toString(), "--format", "csv", "--dest", "/proc/labexport-out");
        CliRun file = cli("export", csv.toString(), "--format", "csv", "--dest", aFile.toString());
        CliRun under = cli("export", csv.toString(), "--format", "csv", "--dest", aFile.resolve("sub").toString());
        CliRun profile = cli("export", csv.toString(), "--format", "csv", "--dest", "s3://nobody@exports/x");
        CliRun url = cli("export", csv.toString(), "--format", "csv", "--dest", "http://KEY:SECRET99@host/b");

        assertThat(List.of(proc, file, under, profile, url)).allSatisfy(r -> {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).doesNotContain("Exception");
        });
        assertThat(proc.err()).startsWith("Error: The export folder /proc/labexport-out cannot be created: ");
        assertThat(file.err().strip()).isEqualTo("Error: The export folder " + aFile + " is a file, not a folder.");
        assertThat(under.err().strip()).isEqualTo("Error: The export folder " + aFile.resolve("sub")
                + " cannot be created: " + aFile + " is a file, not a folder.");
        assertThat(profile.err().strip()).isEqualTo("Error: The S3/MinIO profile 'nobody' is not in the settings;"
                + " profiles: none.");
        assertThat(url.err().strip()).isEqualTo("Error: The destination 'http://host/b' is neither a folder nor"
                + " s3://[PROFILE@]BUCKET/PREFIX.");
        assertThat(Path.of("/proc/labexport-out")).doesNotExist();
        assertNothingCreated();
    }

    @Test
    void aDefaultFolderThatCannotBeUsedIsRefusedBeforeAnyJobNamingTheSetting() throws Exception {
        Path csv = Files.writeString(dir.resolve("a.csv"), "a,b\n1,2\n");
        Path aFile = Files.writeString(dir.resolve("exports-file"), "x");
        try (AppServices s = TestHome.open(home.root())) {
            Settings settings = s.settings();
            settings.setDefaultDestination(aFile.toString());
            settings.setS3Profiles(List.of(new S3Profile("leaky", "https://AKIA1:VerySecret7@minio.lab:9000", "lab",
                    "lab-secret", null, "exports", "")));
            s.settingsStore().save(settings);
        }

        CliRun local = cli("export", csv.toString(), "--format", "csv");
        CliRun s3 = cli("export", csv.toString(), "--format", "csv", "--dest", "s3://leaky@exports/x");

        assertThat(local.exitCode()).isEqualTo(2);
        assertThat(local.err().strip()).isEqualTo("Error: The export folder " + aFile + " is a file, not a folder. It"
                + " is the default export folder of the settings: change it there, or give a destination.");
        assertThat(s3.exitCode()).isEqualTo(2);
        assertThat(s3.err().strip()).isEqualTo("Error: The MinIO/S3 endpoint https://minio.lab:9000 has a user name"
                + " or password written into it (before '@'): remove them from the URL and give the keys as the"
                + " access key and secret key instead.");
        assertNothingCreated();
    }
}
