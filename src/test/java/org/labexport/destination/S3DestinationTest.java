package org.labexport.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.ListObjectsArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labexport.base.CancelSignal;
import org.labexport.testing.S3TestServer;

class S3DestinationTest {
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(50), Duration.ofSeconds(2));
    static S3TestServer s3;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start();
        s3.createBucket("exports");
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Test
    void largeZipUploadsInPartsAndThePresignedUrlDownloadsTheSameBytes() throws Exception {
        byte[] bytes = new byte[(int) (S3Destination.PART_SIZE + 3_000_000)];
        new Random(7).nextBytes(bytes);
        Path zip = Files.write(tmp.resolve("exp_big.zip"), bytes);
        S3Destination dest = new S3Destination(s3.config("exports", "lab/runs/"), FAST);

        Delivery d = dest.deliver(zip, "exp_big", Instant.now().plus(Duration.ofHours(2)), CancelSignal.NEVER);

        assertThat(d.outputPath()).isEqualTo("s3://exports/lab/runs/exp_big.zip");
        assertThat(d.outputSize()).isEqualTo(bytes.length);
        assertThat(d.downloadUrl()).contains("X-Amz-Expires=");
        assertThat(httpGet(d.downloadUrl())).isEqualTo(bytes);
        assertThat(httpGet(dest.downloadUrl(d.outputPath(), Instant.now().plusSeconds(60)))).isEqualTo(bytes);
    }

    @Test
    void folderExportBecomesOneObjectPerFileUnderTheJobKey() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("exp_f"));
        Files.writeString(folder.resolve("file_1_a.csv"), "a\n1\n");
        Files.writeString(folder.resolve("export_metadata.json"), "{\"export_info\":{}}");
        S3Destination dest = new S3Destination(s3.config("exports", ""), FAST);

        Delivery d = dest.deliver(folder, "exp_f", Instant.now().plusSeconds(3600), CancelSignal.NEVER);

        assertThat(d.outputPath()).isEqualTo("s3://exports/exp_f/");
        assertThat(keys("exp_f/")).containsExactly("exp_f/export_metadata.json", "exp_f/file_1_a.csv",
                "exp_f/index.html");
        // The download URL is the link page; each of its links downloads one file.
        String index = new String(httpGet(d.downloadUrl()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(index).contains(">export_metadata.json</a>").contains(">file_1_a.csv</a>");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("href=\"([^\"]+)\">export_metadata")
                .matcher(index);
        assertThat(m.find()).isTrue();
        assertThat(new String(httpGet(m.group(1).replace("&amp;", "&")))).isEqualTo("{\"export_info\":{}}");

        dest.remove(d.outputPath());
        assertThat(keys("exp_f/")).isEmpty();
    }

    @Test
    void presignedUrlNeverOutlivesSevenDays() throws Exception {
        Path zip = Files.writeString(tmp.resolve("exp_long.zip"), "z");
        S3Destination dest = new S3Destination(s3.config("exports", ""), FAST);

        Delivery d = dest.deliver(zip, "exp_long", Instant.now().plus(Duration.ofDays(30)), CancelSignal.NEVER);

        assertThat(d.downloadUrl()).contains("X-Amz-Expires=604800");
    }

    @Test
    void missingBucketFailsWithItsNameAfterBoundedRetry() throws Exception {
        Path zip = Files.writeString(tmp.resolve("exp_nb.zip"), "z");
        S3Destination dest = new S3Destination(s3.config("no-such-bucket", ""), FAST);
        long start = System.nanoTime();

        assertThatThrownBy(() -> dest.deliver(zip, "exp_nb", Instant.now().plusSeconds(60), CancelSignal.NEVER))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("MinIO bucket 'no-such-bucket' does not exist");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void wrongSecretKeyFailsSayingTheCredentialsWereRejected() throws Exception {
        Path zip = Files.writeString(tmp.resolve("exp_wc.zip"), "z");
        S3Config bad = new S3Config(s3.endpoint(), S3TestServer.ACCESS_KEY, "wrong-secret", null, "exports", "");
        S3Destination dest = new S3Destination(bad, FAST);

        assertThatThrownBy(() -> dest.deliver(zip, "exp_wc", Instant.now().plusSeconds(60), CancelSignal.NEVER))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("rejected the credentials");
        assertThat(keys("exp_wc")).isEmpty();
    }

    @Test
    void unreachableEndpointFailsWithinTheRetryBudget() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        Path zip = Files.writeString(tmp.resolve("exp_ur.zip"), "z");
        S3Config down = new S3Config("http://127.0.0.1:" + freePort, "a", "b", null, "exports", "");
        S3Destination dest = new S3Destination(down, FAST);
        long start = System.nanoTime();

        assertThatThrownBy(() -> dest.deliver(zip, "exp_ur", Instant.now().plusSeconds(60), CancelSignal.NEVER))
                .isInstanceOf(DeliveryException.class)
                .hasMessageContaining("is unreachable");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void environmentOverridesTheProfileAndSecretsStayOutOfToString() {
        S3Config profile = new S3Config("http://profile:9000", "pa", "ps", "eu-west-1", "b", "/p/");
        S3Config eff = profile.withEnvironment(java.util.Map.of(S3Config.ENV_ENDPOINT, "http://env:9000",
                S3Config.ENV_SECRET_KEY, "env-secret"));

        assertThat(eff.endpoint()).isEqualTo("http://env:9000");
        assertThat(eff.accessKey()).isEqualTo("pa");
        assertThat(eff.secretKey()).isEqualTo("env-secret");
        assertThat(eff.prefix()).isEqualTo("p");
        assertThat(eff.toString()).doesNotContain("env-secret");
        assertThat(eff.withLocation(S3Location.parse("s3://other/x/y/").orElseThrow()).key("k"))
                .isEqualTo("x/y/k");
    }

    static List<String> keys(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> r : s3.client().listObjects(ListObjectsArgs.builder().bucket("exports").prefix(prefix)
                .recursive(true).build())) {
            keys.add(r.get().objectName());
        }
        keys.sort(null);
        return keys;
    }

    static byte[] httpGet(String url) throws Exception {
        HttpResponse<byte[]> resp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(resp.statusCode()).isEqualTo(200);
        return resp.body();
    }
}
