package org.labexport.testing;

import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.labexport.destination.S3Config;

/** A real S3 server (S3Proxy, in memory) on a free local port, for tests. */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "labexport-test";
    public static final String SECRET_KEY = "labexport-test-secret";

    private final S3Proxy proxy;

    private S3TestServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    public static S3TestServer start() throws Exception {
        // S3Proxy logs every request at DEBUG when nothing configures it; that slows large uploads several-fold.
        for (String name : new String[] {"org.gaul", "org.eclipse.jetty", "okhttp3", "io.minio"}) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                l.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .build();
        proxy.start();
        org.awaitility.Awaitility.await().until(() -> "STARTED".equals(proxy.getState()));
        return new S3TestServer(proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public S3Config config(String bucket, String prefix) {
        return new S3Config(endpoint(), ACCESS_KEY, SECRET_KEY, "us-east-1", bucket, prefix);
    }

    public MinioClient client() {
        return MinioClient.builder().endpoint(endpoint()).credentials(ACCESS_KEY, SECRET_KEY).region("us-east-1")
                .build();
    }

    public void createBucket(String bucket) throws Exception {
        client().makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
