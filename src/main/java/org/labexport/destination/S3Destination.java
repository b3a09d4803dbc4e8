package org.labexport.destination;

import org.labexport.base.FileTrees;
import io.minio.BucketExistsArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import io.minio.messages.Item;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.labexport.base.CancelSignal;
import org.labexport.base.ConversionCancelledException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers exports to a MinIO or other S3-compatible bucket through the MinIO client: a ZIP becomes the object
 * {@code <prefix>/<job_key>.zip}, a folder becomes one object per file under {@code <prefix>/<job_key>/}, the
 * manifest last. Uploads stream from disk (multipart above {@link #PART_SIZE}); an S3 PUT is atomic per object, so
 * no object is ever visible half-written. Failures are retried within a {@link RetryPolicy}, then reported in words:
 * a missing bucket, rejected credentials, an unreachable endpoint.
 */
public final class S3Destination implements Destination, AutoCloseable {
    /** Part size of multipart uploads; smaller objects go in one PUT. */
    public static final long PART_SIZE = 16L * 1024 * 1024;
    /** The longest validity S3 allows for a pre-signed URL. */
    public static final Duration MAX_URL_VALIDITY = Duration.ofDays(7);
    static final String MANIFEST = "export_metadata.json";
    private static final Logger LOG = LoggerFactory.getLogger(S3Destination.class);

    private final S3Config config;
    private final RetryPolicy retry;
    private final MinioClient client;
    /** The settings profile these outputs are reached with, written into their paths; null for the default. */
    private final String profile;

    public S3Destination(S3Config config, RetryPolicy retry) throws DeliveryException {
        this(config, retry, null);
    }

    /** With the name of the settings profile the config came from, so outputs say how to reach them again. */
    public S3Destination(S3Config config, RetryPolicy retry, String profile) throws DeliveryException {
        config.requireComplete();
        this.config = config;
        this.profile = profile;
        this.retry = retry;
        try {
            this.client = MinioClient.builder().endpoint(config.endpoint())
                    .credentials(config.accessKey(), config.secretKey()).region(config.effectiveRegion()).build();
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("The MinIO/S3 endpoint '" + config.endpoint() + "' is not a valid URL.", e);
        }
        long connect = Math.max(500, Math.min(5_000, retry.maxTotal().toMillis()));
        client.setTimeout(connect, TimeUnit.MINUTES.toMillis(5), TimeUnit.MINUTES.toMillis(5));
    }

    public S3Config config() {
        return config;
    }

    /**
     * Releases the HTTP client's threads and pooled connections. Its dispatcher threads are not daemons and linger
     * for a minute, so a short-lived destination (the window's connection test) closes it.
     */
    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("Closing the S3 client failed", e);
        }
    }

    @Override
    public Delivery deliver(Path finished, String jobKey, Instant expiresAt, CancelSignal cancel) throws IOException {
        requireBucket();
        List<String> uploaded = new ArrayList<>();
        try {
            if (Files.isDirectory(finished)) {
                String folderKey = config.key(jobKey) + "/";
                long total = 0;
                for (Path file : manifestLast(FileTrees.filesIn(finished))) {
                    String key = folderKey + file.getFileName();
                    upload(file, key, cancel);
                    uploaded.add(key);
                    total += Files.size(file);
                }
                String outputPath = S3Location.withProfile(S3Location.SCHEME + config.bucket() + "/" + folderKey, profile);
                return new Delivery(outputPath, total, downloadUrl(outputPath, expiresAt));
            }
            String key = config.key(finished.getFileName().toString());
            upload(finished, key, cancel);
            uploaded.add(key);
            String outputPath = S3Location.withProfile(S3Location.SCHEME + config.bucket() + "/" + key, profile);
            return new Delivery(outputPath, Files.size(finished), downloadUrl(outputPath, expiresAt));
        } catch (IOException | RuntimeException e) {
            // A cancelled or failed folder upload must not leave some of its objects behind.
            for (String key : uploaded) {
                removeQuietly(key);
            }
            throw e;
        }
    }

    /** Checks that the bucket exists and the credentials are accepted, within the retry policy. */
    public void requireBucket() throws IOException {
        boolean exists = withRetry("check the bucket", () ->
                client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()));
        if (!exists) {
            throw new DeliveryException("MinIO bucket '" + config.bucket() + "' does not exist at "
                    + config.endpoint() + ".");
        }
    }

    private void upload(Path file, String key, CancelSignal cancel) throws IOException {
        long size = Files.size(file);
        withRetry("upload " + key, () -> {
            cancel.check();
            try (InputStream in = new CancellableInputStream(Files.newInputStream(file), cancel)) {
                client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key)
                        .stream(in, size, size > PART_SIZE ? PART_SIZE : -1).build());
            }
            return null;
        });
        LOG.info("Uploaded {} ({} bytes) to s3://{}/{}", file.getFileName(), size, config.bucket(), key);
    }

    @Override
    public String downloadUrl(String outputPath, Instant expiresAt) throws IOException {
        String key = keyOf(outputPath);
        if (key.endsWith("/")) {
            key = representativeObject(key);
        }
        long seconds = Duration.between(Instant.now(), expiresAt == null ? Instant.now().plus(MAX_URL_VALIDITY)
                : expiresAt).getSeconds();
        int expiry = (int) Math.max(1, Math.min(seconds, MAX_URL_VALIDITY.getSeconds()));
        String object = key;
        return withRetry("sign a download URL", () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(config.bucket()).object(object).expiry(expiry).build()));
    }

    /** The object a folder export's URL points at: its manifest when there is one, else its first file. */
    private String representativeObject(String folderKey) throws IOException {
        List<String> keys = listKeys(folderKey);
        if (keys.isEmpty()) {
            throw new DeliveryException("The export s3://" + config.bucket() + "/" + folderKey + " no longer exists.");
        }
        return keys.stream().filter(k -> k.endsWith("/" + MANIFEST)).findFirst().orElse(keys.get(0));
    }

    @Override
    public void remove(String outputPath) throws IOException {
        String key = keyOf(outputPath);
        if (key.endsWith("/")) {
            for (String k : listKeys(key)) {
                removeObject(k);
            }
        } else {
            removeObject(key);
        }
    }

    @Override
    public String describe() {
        return S3Location.withProfile(S3Location.SCHEME + config.bucket() + "/" + config.prefix(), profile);
    }

    private List<String> listKeys(String prefix) throws IOException {
        return withRetry("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(config.bucket()).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            keys.sort(null);
            return keys;
        });
    }

    private void removeObject(String key) throws IOException {
        withRetry("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
            return null;
        });
    }

    private void removeQuietly(String key) {
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
        } catch (Exception e) {
            LOG.warn("Could not remove partial upload s3://{}/{}: {}", config.bucket(), key, e.toString());
        }
    }

    private String keyOf(String outputPath) throws DeliveryException {
        S3Location loc = S3Location.parse(outputPath).orElseThrow(() ->
                new DeliveryException("Not an S3 output: " + outputPath));
        if (!loc.bucket().equals(config.bucket())) {
            throw new DeliveryException("Output " + outputPath + " is not in bucket " + config.bucket());
        }
        return loc.key();
    }

    private static List<Path> manifestLast(List<Path> files) {
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort((a, b) -> Boolean.compare(a.getFileName().toString().equals(MANIFEST),
                b.getFileName().toString().equals(MANIFEST)));
        return ordered;
    }

    /** A call to the store that may throw anything the MinIO client throws. */
    @FunctionalInterface
    private interface S3Call<T> {
        T call() throws Exception;
    }

    private <T> T withRetry(String what, S3Call<T> call) throws IOException {
        long start = System.nanoTime();
        long backoff = retry.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ConversionCancelledException e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                DeliveryException reason = explain(e);
                long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                boolean more = attempt < retry.maxAttempts() && elapsed + backoff < retry.maxTotal().toMillis()
                        && !Thread.currentThread().isInterrupted();
                LOG.warn("S3 attempt {} to {} failed: {}{}", attempt, what, reason.getMessage(),
                        more ? "; retrying in " + backoff + " ms" : "; giving up");
                if (!more) {
                    throw reason;
                }
                try {
                    Thread.sleep(backoff); // the pause between attempts is the point here, not synchronisation
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw reason;
                }
                backoff *= 2;
            }
        }
    }

    /** Turns what the client threw into a message a researcher can act on. */
    DeliveryException explain(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DeliveryException d) {
                return d;
            }
            root = t;
            if (t instanceof ErrorResponseException) {
                break;
            }
        }
        if (root instanceof ErrorResponseException ere) {
            String code = ere.errorResponse() == null ? "" : String.valueOf(ere.errorResponse().code());
            int http = ere.response() == null ? 0 : ere.response().code();
            if ("NoSuchBucket".equals(code)) {
                return new DeliveryException("MinIO bucket '" + config.bucket() + "' does not exist at "
                        + config.endpoint() + ".", e);
            }
            if (http == 403 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")
                    || code.equals("AccessDenied")) {
                return new DeliveryException("MinIO at " + config.endpoint() + " rejected the credentials (access key '"
                        + config.accessKey() + "'" + (code.isEmpty() ? "" : ", " + code)
                        + "): check the access key and secret key.", e);
            }
            return new DeliveryException("MinIO at " + config.endpoint() + " refused the request: " + code + " "
                    + (ere.errorResponse() == null ? "" : ere.errorResponse().message()), e);
        }
        if (root instanceof ConnectException || root instanceof UnknownHostException
                || root instanceof SocketTimeoutException || root instanceof IOException) {
            return new DeliveryException("MinIO endpoint " + config.endpoint() + " is unreachable ("
                    + root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage())
                    + ").", e);
        }
        return new DeliveryException("MinIO at " + config.endpoint() + " failed: " + root, e);
    }

    /** Throws {@link ConversionCancelledException} from read() as soon as the job is cancelled. */
    private static final class CancellableInputStream extends FilterInputStream {
        private final CancelSignal cancel;

        CancellableInputStream(InputStream in, CancelSignal cancel) {
            super(in);
            this.cancel = cancel;
        }

        @Override
        public int read() throws IOException {
            cancel.check();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            cancel.check();
            return super.read(b, off, len);
        }
    }
}
