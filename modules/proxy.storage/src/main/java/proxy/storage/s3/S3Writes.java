package proxy.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectMeta;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * PutObject (conditional with {@code If-None-Match: *}), the user metadata of a HEAD, and DeleteObject, through the
 * SDK client: writes are rare next to reads, so the client's pipeline costs nothing that matters here. A 409
 * ({@code ConditionalRequestConflict}, a concurrent conditional write to the same key on AWS) is the same
 * {@code PreconditionFailed} as a 412: the caller lost the race.
 *
 * <p>A conditional create carries a random token in its user metadata ({@value #PUT_TOKEN}). When the SDK retries
 * a create whose first attempt did reach the backend (a timeout, a reset connection), the retry meets its own
 * object and gets a 412; the token tells that apart from a lost race, so a commit that was written is never reported
 * as lost (its writer would retry it as the next version and commit its actions twice). The token is not part of
 * {@link #metadata}. The body is opened anew for every attempt ({@link NewObject#open}): a body the SDK could read
 * only once made every retry fail, and the caller, answered {@code 500}, retried a create that had been written.
 */
final class S3Writes {
    /** The user-metadata key of a conditional create's token. */
    static final String PUT_TOKEN = "delta-proxy-put";

    private final S3Client client;
    private final S3Location location;
    private final Report report;

    /** Reports one backend call for {@code backendCall} metrics. */
    @FunctionalInterface
    interface Report {
        /** @param failure the mapped failure, or null when the call succeeded */
        void call(String operation, long startNanos, S3Exception failure);
    }

    S3Writes(S3Client client, S3Location location, Report report) {
        this.client = Objects.requireNonNull(client, "client");
        this.location = Objects.requireNonNull(location, "location");
        this.report = Objects.requireNonNull(report, "report");
    }

    ObjectMeta put(String key, NewObject object) {
        return put(key, object, java.util.UUID.randomUUID().toString());
    }

    /** {@link #put(String, NewObject)} with the given create token (tests replay one to act as a retry). */
    ObjectMeta put(String key, NewObject object, String token) {
        String backendKey = location.key(key);
        var metadata = new TreeMap<>(object.metadata());
        if (object.ifAbsent()) {
            metadata.put(PUT_TOKEN, token);
        }
        var request = PutObjectRequest.builder().bucket(location.bucket()).key(backendKey)
                .contentLength(object.length()).contentType(object.contentType()).metadata(metadata);
        if (object.ifAbsent()) {
            request.ifNoneMatch("*");
        }
        long start = System.nanoTime();
        try {
            PutObjectResponse response = client.putObject(request.build(), RequestBody.fromContentProvider(
                    () -> open(object), object.length(), object.contentType()));
            report.call("PutObject", start, null);
            return new ObjectMeta(key, object.length(), response.eTag() == null ? "\"\"" : response.eTag(),
                    java.time.Instant.now(), object.contentType());
        } catch (SdkException e) {
            S3Exception failure = failure("PutObject", backendKey, e);
            Optional<String> created = failure.code() == S3ErrorCode.PRECONDITION_FAILED
                    && object.ifAbsent() ? createdBy(key, token) : Optional.empty();
            if (created.isPresent()) {
                report.call("PutObject", start, null);
                return new ObjectMeta(key, object.length(), created.get(), java.time.Instant.now(),
                        object.contentType());
            }
            report.call("PutObject", start, failure);
            throw failure;
        }
    }

    /** A new stream over the object's bytes for one attempt of the SDK client (which closes it). */
    private static InputStream open(NewObject object) {
        try {
            return object.open();
        } catch (IOException e) {
            throw new UncheckedIOException("opening the body of a write", e);
        }
    }

    /**
     * The entity tag of the object at {@code key} when it is the one a create with this token wrote (empty when it
     * is another or unreadable).
     */
    private Optional<String> createdBy(String key, String token) {
        try {
            return createdWith(key, token).map(ObjectMeta::etag);
        } catch (S3Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The object at {@code key} when a create (or a multipart upload) with this token wrote it.
     *
     * @return empty for another object
     * @throws S3Exception NoSuchKey when there is none, or the failure of the HEAD
     */
    Optional<ObjectMeta> createdWith(String key, String token) {
        HeadObjectResponse head = head(key);
        if (!token.equals(userMetadata(head).get(PUT_TOKEN))) {
            return Optional.empty();
        }
        return Optional.of(new ObjectMeta(key, head.contentLength() == null ? 0 : head.contentLength(),
                head.eTag() == null ? "\"\"" : head.eTag(),
                head.lastModified() == null ? java.time.Instant.now() : head.lastModified(),
                head.contentType() == null ? "application/octet-stream" : head.contentType()));
    }

    Map<String, String> metadata(String key) {
        var out = userMetadata(head(key));
        out.remove(PUT_TOKEN);
        return out;
    }

    private static TreeMap<String, String> userMetadata(HeadObjectResponse head) {
        var out = new TreeMap<String, String>();
        head.metadata().forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return out;
    }

    private HeadObjectResponse head(String key) {
        String backendKey = location.key(key);
        long start = System.nanoTime();
        try {
            var response = client.headObject(b -> b.bucket(location.bucket()).key(backendKey));
            report.call("HeadObject", start, null);
            return response;
        } catch (SdkException e) {
            S3Exception failure = BackendErrors.map("HeadObject", location.bucket() + "/" + backendKey, true, e);
            report.call("HeadObject", start, failure);
            throw failure;
        }
    }

    void delete(String key) {
        String backendKey = location.key(key);
        long start = System.nanoTime();
        try {
            client.deleteObject(b -> b.bucket(location.bucket()).key(backendKey));
            report.call("DeleteObject", start, null);
        } catch (SdkException e) {
            S3Exception failure = BackendErrors.map("DeleteObject", location.bucket() + "/" + backendKey, false, e);
            report.call("DeleteObject", start, failure);
            throw failure;
        }
    }

    private S3Exception failure(String operation, String backendKey, SdkException e) {
        if (e instanceof AwsServiceException service && service.statusCode() == 409) {
            return new S3Exception(S3ErrorCode.PRECONDITION_FAILED, S3ErrorCode.PRECONDITION_FAILED.defaultMessage(),
                    e);
        }
        return BackendErrors.map(operation, location.bucket() + "/" + backendKey, false, e);
    }
}
