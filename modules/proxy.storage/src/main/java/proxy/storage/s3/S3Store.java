package proxy.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.S3BackendConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A table under {@code s3://bucket/prefix} of an S3-compatible backend. Conditions and ranges are sent to the
 * backend, which evaluates them; object bodies are handed on as the SDK streams them, never buffered. Every
 * backend call reports its latency to {@link ProxyMetrics#backendCall}, successful when the backend answered
 * with anything but a server-side failure.
 */
final class S3Store implements ObjectStore {

    private final URI root;
    private final S3Location location;
    private final AwsCredentialsProvider credentials;
    private final S3Client client;
    private final S3Presigner presigner;
    private final ProxyMetrics metrics;

    S3Store(URI root, S3Location location, S3BackendConfig config, AwsCredentialsProvider credentials,
            ProxyMetrics metrics) {
        this.root = Objects.requireNonNull(root, "root");
        this.location = Objects.requireNonNull(location, "location");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.client = BackendClients.client(config, credentials);
        this.presigner = BackendClients.presigner(config, credentials);
    }

    @Override
    public URI root() {
        return root;
    }

    @Override
    public ObjectMeta head(String key) {
        String backendKey = location.key(key);
        HeadObjectResponse r = call("HeadObject", backendKey, true,
                () -> client.headObject(h -> h.bucket(location.bucket()).key(backendKey)));
        return ObjectMetas.of(key, r.contentLength(), r.eTag(), r.lastModified(), r.contentType());
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(conditions, "conditions");
        String backendKey = location.key(key);
        var request = GetObjectRequest.builder().bucket(location.bucket()).key(backendKey)
                .ifMatch(conditions.ifMatch()).ifNoneMatch(conditions.ifNoneMatch())
                .ifModifiedSince(conditions.ifModifiedSince()).ifUnmodifiedSince(conditions.ifUnmodifiedSince());
        range.ifPresent(r -> request.range(r.header()));
        ResponseInputStream<GetObjectResponse> body = call("GetObject", backendKey, true,
                () -> client.getObject(request.build()));
        try {
            return ObjectMetas.content(key, body, range.isPresent());
        } catch (RuntimeException e) {
            body.abort();
            throw e;
        }
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
        ListObjectsV2Response r = call("ListObjectsV2", location.bucket() + "/" + prefix, false,
                () -> client.listObjectsV2(request.build()));
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
            var presigned = presigner.presignGetObject(p -> p.signatureDuration(lifetime)
                    .getObjectRequest(g -> g.bucket(location.bucket()).key(backendKey)));
            return Optional.of(presigned.url().toURI());
        } catch (SdkException e) {
            throw BackendErrors.map("PresignGetObject", location.bucket() + "/" + backendKey, false, e);
        } catch (URISyntaxException e) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                    new IllegalStateException("presigning GetObject produced an invalid URI", e));
        }
    }

    @Override
    public void close() {
        try (SdkAutoCloseable c = client; SdkAutoCloseable p = presigner) {
            if (credentials instanceof SdkAutoCloseable owned) {
                owned.close();
            }
        }
    }

    private <T> T call(String operation, String backendKey, boolean objectRead, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            metrics.backendCall(operation, true, Duration.ofNanos(System.nanoTime() - start));
            return result;
        } catch (SdkException e) {
            S3Exception mapped = BackendErrors.map(operation, location.bucket() + "/" + backendKey, objectRead, e);
            metrics.backendCall(operation, mapped.code().status() < 500, Duration.ofNanos(System.nanoTime() - start));
            throw mapped;
        }
    }
}
