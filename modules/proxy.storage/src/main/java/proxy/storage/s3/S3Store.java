package proxy.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.S3BackendConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.UploadedPart;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.utils.DateUtils;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A table under {@code s3://bucket/prefix} of an S3-compatible backend. Object reads (HEAD, GET, presigned GET
 * URLs) go through {@link ObjectRequests}, listings through the SDK client; presigned URLs are reused while
 * most of their lifetime remains ({@link PresignedUrls}). Conditions and ranges are sent to the
 * backend, which evaluates them; object bodies are handed on as they stream in, never buffered. Every backend
 * call reports its latency to {@link ProxyMetrics#backendCall}, successful when the backend answered with
 * anything but a server-side failure.
 */
final class S3Store implements ObjectStore {

    private final URI root;
    private final S3Location location;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final S3Client client;
    private final ObjectRequests objects;
    private final PresignedUrls presignedUrls;
    private final ProxyMetrics metrics;
    private final S3Writes writes;
    private final S3Multipart multipart;

    S3Store(URI root, S3Location location, S3BackendConfig config, AwsCredentialsProvider credentials,
            ProxyMetrics metrics) {
        this.root = Objects.requireNonNull(root, "root");
        this.location = Objects.requireNonNull(location, "location");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.http = BackendClients.http(config);
        this.client = BackendClients.client(config, credentials, http);
        var signer = new BackendSigner(credentials, config.region());
        this.objects = ObjectRequests.of(client, location.bucket(),
                bucketUrl -> ObjectTransport.forBucket(bucketUrl, config, http), signer);
        this.presignedUrls = new PresignedUrls(objects::presignedGet, signer::accessKey, Clock.systemUTC(),
                hit -> metrics.cacheAccess("presigned_url", hit));
        this.writes = new S3Writes(client, location, this::report);
        this.multipart = new S3Multipart(client, location, this::report);
    }

    @Override
    public URI root() {
        return root;
    }

    @Override
    public ObjectMeta head(String key) {
        String backendKey = location.key(key);
        try (var answer = send("HeadObject", backendKey, SdkHttpMethod.HEAD, Map.of())) {
            return ObjectMetas.of(key, answer);
        }
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(conditions, "conditions");
        String backendKey = location.key(key);
        var answer = send("GetObject", backendKey, SdkHttpMethod.GET, headers(range, conditions));
        try {
            return ObjectMetas.content(key, answer, range.isPresent());
        } catch (RuntimeException e) {
            answer.abort();
            throw e;
        }
    }

    private static Map<String, String> headers(Optional<ByteRange> range, Conditions conditions) {
        var headers = new HashMap<String, String>();
        range.ifPresent(r -> headers.put("Range", r.header()));
        conditions.match().ifPresent(v -> headers.put("If-Match", v));
        if (conditions.ifNoneMatch() != null) {
            headers.put("If-None-Match", conditions.ifNoneMatch());
        }
        if (conditions.ifModifiedSince() != null) {
            headers.put("If-Modified-Since", DateUtils.formatRfc822Date(conditions.ifModifiedSince()));
        }
        if (conditions.ifUnmodifiedSince() != null) {
            headers.put("If-Unmodified-Since", DateUtils.formatRfc822Date(conditions.ifUnmodifiedSince()));
        }
        return headers;
    }

    @Override
    public ListPage list(ListQuery query) {
        Objects.requireNonNull(query, "query");
        var request = ListObjectsV2Request.builder().bucket(location.bucket()).maxKeys(query.maxKeys());
        String prefix = location.key(query.prefix());
        if (!prefix.isEmpty()) {
            request.prefix(prefix);
        }
        query.delimiter().ifPresent(request::delimiter);
        query.startAfter().filter(s -> !s.isEmpty()).ifPresent(s -> request.startAfter(location.key(s)));
        query.continuationToken().ifPresent(request::continuationToken);
        ListObjectsV2Response r = listObjects(prefix, request.build());
        var objects = r.contents().stream()
                .map(o -> ObjectMetas.of(location.relative(o.key()), o.size(), o.eTag(), o.lastModified(), null))
                .toList();
        var prefixes = r.commonPrefixes().stream().map(p -> location.relative(p.prefix())).toList();
        Optional<String> next = Boolean.TRUE.equals(r.isTruncated())
                ? Optional.ofNullable(r.nextContinuationToken()) : Optional.empty();
        return new ListPage(objects, prefixes, next);
    }

    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        String backendKey = location.key(key);
        try {
            return Optional.of(presignedUrls.get(backendKey, lifetime));
        } catch (RuntimeException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                    new IllegalStateException("presigning GetObject " + location.bucket() + "/" + backendKey
                            + " failed", e));
        }
    }

    /** Conditional writes send {@code If-None-Match: *}: see {@link S3Writes}. */
    @Override
    public ObjectMeta put(String key, NewObject object) {
        Objects.requireNonNull(object, "object");
        return writes.put(key, object);
    }

    @Override
    public Map<String, String> metadata(String key) {
        return writes.metadata(key);
    }

    @Override
    public void delete(String key) {
        writes.delete(key);
    }

    @Override
    public String createMultipart(String key, String contentType, Map<String, String> metadata) {
        return multipart.create(key, contentType, metadata);
    }

    @Override
    public String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        return multipart.uploadPart(key, uploadId, partNumber, body, length);
    }

    @Override
    public List<UploadedPart> listParts(String key, String uploadId) {
        return multipart.listParts(key, uploadId);
    }

    /** Conditional twice, HEAD and {@code If-None-Match: *}: see {@link S3Multipart}. */
    @Override
    public ObjectMeta completeMultipart(String key, String uploadId, List<UploadedPart> parts) {
        return multipart.complete(key, uploadId, parts, writes);
    }

    /** The upload's own object (its create token) with the multipart ETag of these parts: see {@link S3Multipart}. */
    @Override
    public Optional<ObjectMeta> completedMultipart(String key, String uploadId, List<UploadedPart> parts) {
        return multipart.completed(key, uploadId, parts, writes);
    }

    @Override
    public void abortMultipart(String key, String uploadId) {
        multipart.abort(key, uploadId);
    }

    @Override
    public void close() {
        objects.close();
        client.close();
        http.close();
        if (credentials instanceof SdkAutoCloseable owned) {
            owned.close();
        }
    }

    /** Sends an object request; an answer other than 2xx becomes the mapped S3 error. */
    private ObjectRequests.Answer send(String operation, String backendKey, SdkHttpMethod method,
            Map<String, String> headers) {
        String target = location.bucket() + "/" + backendKey;
        long start = System.nanoTime();
        S3Exception failure;
        try {
            var answer = objects.send(method, backendKey, headers);
            int status = answer.status();
            if (status / 100 == 2) {
                report(operation, start, null);
                return answer;
            }
            try (answer) {
                failure = BackendErrors.map(operation, target, true, status, answer.errorCode());
            }
        } catch (IOException e) {
            failure = BackendErrors.map(operation, target, e);
        } catch (SdkException e) { // no credentials to sign with
            failure = BackendErrors.map(operation, target, true, e);
        }
        report(operation, start, failure);
        throw failure;
    }

    /** A ListObjectsV2 call through the SDK client; its failures become the mapped S3 error. */
    private ListObjectsV2Response listObjects(String prefix, ListObjectsV2Request request) {
        long start = System.nanoTime();
        try {
            ListObjectsV2Response result = client.listObjectsV2(request);
            report("ListObjectsV2", start, null);
            return result;
        } catch (SdkException e) {
            S3Exception mapped = BackendErrors.map("ListObjectsV2", location.bucket() + "/" + prefix, false, e);
            report("ListObjectsV2", start, mapped);
            throw mapped;
        }
    }

    /** Reports a backend call: successful unless it failed on the backend's side (5xx, unreachable). */
    private void report(String operation, long startNanos, S3Exception failure) {
        metrics.backendCall(operation, failure == null || failure.code().status() < 500,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }
}
