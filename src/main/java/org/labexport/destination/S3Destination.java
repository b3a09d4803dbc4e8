package org.labexport.destination;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
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
import java.io.InterruptedIOException;
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
import org.labexport.base.FileTrees;
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
    /** The longest wait for a connection or for the answer to a small request, whatever the retry budget. */
    static final Duration REQUEST_TIMEOUT_MAX = Duration.ofSeconds(10);
    /** The longest wait for one write or read of an upload (a part's acknowledgement can take a while). */
    static final Duration UPLOAD_IO_TIMEOUT = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(S3Destination.class);

    private final S3Config config;
    private final RetryPolicy retry;
    /** For the small requests (bucket check, list, delete): answers within seconds or the endpoint is down. */
    private final MinioClient client;
    /** For uploads, whose parts may take longer to send and to be acknowledged. */
    private final MinioClient uploads;
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
        // Without timeouts an endpoint that accepts the connection but never answers would hold the job forever.
        // Small requests get the retry budget (1 to 10 s) for each attempt, so an endpoint that never answers fails
        // the first attempt within the budget and no second one starts.
        long request = Math.max(1_000, Math.min(REQUEST_TIMEOUT_MAX.toMillis(), retry.maxTotal().toMillis()));
        this.client = newClient(config, request, request);
        this.uploads = newClient(config, request, UPLOAD_IO_TIMEOUT.toMillis());
    }

    private static MinioClient newClient(S3Config config, long connectMillis, long ioMillis)
            throws DeliveryException {
        MinioClient c;
        try {
            c = MinioClient.builder().endpoint(config.endpoint())
                    .credentials(config.accessKey(), config.secretKey()).region(config.effectiveRegion()).build();
        } catch (IllegalArgumentException e) {
            // The client's own message repeats the URL; ours shows it without credentials.
            throw new DeliveryException("The MinIO/S3 endpoint '" + config.displayEndpoint() + "' is not a valid URL.");
        }
        c.setTimeout(connectMillis, ioMillis, ioMillis);
        return c;
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
                List<String> names = new ArrayList<>();
                for (String relative : completionMarkersLast(relativeFiles(finished))) {
                    Path file = finished.resolve(relative);
                    String key = folderKey + relative;
                    upload(file, key, cancel);
                    uploaded.add(key);
                    names.add(relative);
                    total += Files.size(file);
                }
                // One link to all of it: a page of pre-signed links to every file, put last.
                byte[] index = FolderIndexPage.render(jobKey, names, this::presignQuietly, folderKey, expiresAt);
                String indexKey = folderKey + FolderIndexPage.FILE_NAME;
                putBytes(index, indexKey, cancel);
                uploaded.add(indexKey);
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

    /**
     * Uploads one file under this destination's prefix ({@code prefix/name}), for the lab bucket of shared files.
     *
     * @return where it is, as {@code s3://[profile@]bucket/key}
     */
    public String storeFile(Path file, String name, CancelSignal cancel) throws IOException {
        requireBucket();
        String key = config.key(name);
        upload(file, key, cancel);
        return S3Location.withProfile(S3Location.SCHEME + config.bucket() + "/" + key, profile);
    }

    /** Downloads an object stored by {@link #storeFile} to {@code target} (written whole, then moved into place). */
    public void fetchFile(String storedAt, Path target, CancelSignal cancel) throws IOException {
        String key = keyOf(storedAt);
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.createDirectories(target.getParent());
        withRetry("download " + key, () -> {
            cancel.check();
            try (InputStream in = new CancellableInputStream(client.getObject(
                    GetObjectArgs.builder().bucket(config.bucket()).object(key).build()), cancel)) {
                Files.copy(in, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
        Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Downloaded s3://{}/{} to {}", config.bucket(), key, target);
    }

    /** Checks that the bucket exists and the credentials are accepted, within the retry policy. */
    public void requireBucket() throws IOException {
        boolean exists = withRetry("check the bucket", () ->
                client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build()));
        if (!exists) {
            throw new DeliveryException("MinIO bucket '" + config.bucket() + "' does not exist at "
                    + config.displayEndpoint() + ".");
        }
    }

    private void upload(Path file, String key, CancelSignal cancel) throws IOException {
        long size = Files.size(file);
        withRetry("upload " + key, () -> {
            cancel.check();
            try (InputStream in = new CancellableInputStream(Files.newInputStream(file), cancel)) {
                uploads.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key)
                        .stream(in, size, size > PART_SIZE ? PART_SIZE : -1).build());
            }
            return null;
        });
        LOG.info("Uploaded {} ({} bytes) to s3://{}/{}", file.getFileName(), size, config.bucket(), key);
    }

    private void putBytes(byte[] bytes, String key, CancelSignal cancel) throws IOException {
        withRetry("upload " + key, () -> {
            cancel.check();
            client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(key)
                    .stream(new java.io.ByteArrayInputStream(bytes), bytes.length, -1)
                    .contentType("text/html; charset=utf-8").build());
            return null;
        });
    }

    @Override
    public String downloadUrl(String outputPath, Instant expiresAt) throws IOException {
        String key = keyOf(outputPath);
        if (key.endsWith("/")) {
            key = representativeObject(key);
        }
        return presign(key, expiresAt);
    }

    private String presign(String key, Instant expiresAt) throws IOException {
        long seconds = Duration.between(Instant.now(), expiresAt == null ? Instant.now().plus(MAX_URL_VALIDITY)
                : expiresAt).getSeconds();
        int expiry = (int) Math.max(1, Math.min(seconds, MAX_URL_VALIDITY.getSeconds()));
        return withRetry("sign a download URL", () -> client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                .method(Method.GET).bucket(config.bucket()).object(key).expiry(expiry).build()));
    }

    private String presignQuietly(String key, Instant expiresAt) {
        try {
            return presign(key, expiresAt);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each file of a folder export with a fresh pre-signed link, by its path inside the export (the link page
     * itself left out); a ZIP output gives its one object.
     */
    public java.util.Map<String, String> fileLinks(String outputPath, Instant expiresAt) throws IOException {
        String key = keyOf(outputPath);
        java.util.Map<String, String> links = new java.util.LinkedHashMap<>();
        if (!key.endsWith("/")) {
            links.put(key.substring(key.lastIndexOf('/') + 1), presign(key, expiresAt));
            return links;
        }
        for (String k : listKeys(key)) {
            String relative = k.substring(key.length());
            if (!relative.equals(FolderIndexPage.FILE_NAME)) {
                links.put(relative, presign(k, expiresAt));
            }
        }
        return links;
    }

    /** An object stored under a prefix: its key relative to the prefix, and its size. */
    public record StoredObject(String relativeKey, long size) {
    }

    /** The objects under {@code prefix} (a key prefix in this bucket), with sizes, sorted by key. */
    public List<StoredObject> listObjects(String prefix) throws IOException {
        return withRetry("list " + prefix, () -> {
            List<StoredObject> out = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(config.bucket()).prefix(prefix)
                    .recursive(true).build())) {
                Item item = r.get();
                out.add(new StoredObject(item.objectName().substring(prefix.length()), item.size()));
            }
            out.sort(java.util.Comparator.comparing(StoredObject::relativeKey));
            return out;
        });
    }

    /** Opens an object of this bucket for reading; the caller closes the stream. */
    public InputStream openObject(String key) throws IOException {
        return withRetry("read " + key, () -> client.getObject(io.minio.GetObjectArgs.builder()
                .bucket(config.bucket()).object(key).build()));
    }

    /** The object a folder export's URL points at: its link page, else its manifest, else its first file. */
    private String representativeObject(String folderKey) throws IOException {
        List<String> keys = listKeys(folderKey);
        if (keys.isEmpty()) {
            throw new DeliveryException("The export s3://" + config.bucket() + "/" + folderKey + " no longer exists.");
        }
        return keys.stream().filter(k -> k.equals(folderKey + FolderIndexPage.FILE_NAME)).findFirst()
                .or(() -> keys.stream().filter(k -> k.endsWith("/" + MANIFEST)).findFirst()).orElse(keys.get(0));
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

    /** The files of a folder tree as '/'-separated paths relative to it, sorted. */
    private static List<String> relativeFiles(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p).toString()
                    .replace(java.io.File.separatorChar, '/')));
        }
        out.sort(null);
        return out;
    }

    /**
     * Files in upload order: the payload first, then the files whose presence says the export is whole: the
     * manifest, a bag's tag files and, very last, its tag manifest.
     */
    private static List<String> completionMarkersLast(List<String> files) {
        List<String> ordered = new ArrayList<>(files);
        ordered.sort(java.util.Comparator.comparingInt(S3Destination::uploadRank));
        return ordered;
    }

    private static int uploadRank(String relative) {
        if (relative.startsWith("tagmanifest-")) {
            return 3;
        }
        if (!relative.contains("/") && relative.endsWith(".txt")) {
            return 2; // bag tag files: bagit.txt, bag-info.txt, manifest-*.txt
        }
        return relative.equals(MANIFEST) ? 1 : 0;
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
            // A timeout closes the socket: the timeout says what happened, the "Socket closed" under it does not.
            if (t instanceof ErrorResponseException || t instanceof InterruptedIOException) {
                break;
            }
        }
        String at = config.displayEndpoint();
        if (root instanceof ErrorResponseException ere) {
            String code = ere.errorResponse() == null ? "" : String.valueOf(ere.errorResponse().code());
            int http = ere.response() == null ? 0 : ere.response().code();
            if ("NoSuchBucket".equals(code)) {
                return new DeliveryException("MinIO bucket '" + config.bucket() + "' does not exist at " + at + ".", e);
            }
            if (http == 403 || code.equals("InvalidAccessKeyId") || code.equals("SignatureDoesNotMatch")
                    || code.equals("AccessDenied")) {
                return new DeliveryException("MinIO at " + at + " rejected the credentials (access key '"
                        + config.accessKey() + "'" + (code.isEmpty() ? "" : ", " + code)
                        + "): check the access key and secret key.", e);
            }
            return new DeliveryException("MinIO at " + at + " refused the request: " + code + " "
                    + (ere.errorResponse() == null ? "" : ere.errorResponse().message()), e);
        }
        if (root instanceof SocketTimeoutException || root instanceof InterruptedIOException) {
            return new DeliveryException("MinIO endpoint " + at + " is unreachable: it accepted the connection but"
                    + " did not answer in time.", e);
        }
        if (root instanceof ConnectException) {
            return new DeliveryException("MinIO endpoint " + at + " is unreachable: nothing accepts connections"
                    + " there.", e);
        }
        if (root instanceof UnknownHostException) {
            return new DeliveryException("MinIO endpoint " + at + " is unreachable: its host name is not known.", e);
        }
        if (root instanceof IOException) {
            return new DeliveryException("MinIO endpoint " + at + " is unreachable: the connection failed ("
                    + withoutEndpointCredentials(root.getMessage()) + ").", e);
        }
        LOG.warn("Unexpected failure talking to {}", at, e);
        return new DeliveryException("MinIO at " + at + " failed unexpectedly; the details are in the log.", e);
    }

    /** A client message that might quote a URL, with any credentials in it removed. */
    private String withoutEndpointCredentials(String message) {
        if (message == null) {
            return "no details";
        }
        return config.endpoint() == null ? message : message.replace(config.endpoint(), config.displayEndpoint());
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
