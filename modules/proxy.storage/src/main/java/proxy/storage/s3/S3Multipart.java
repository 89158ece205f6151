package proxy.storage.s3;

import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.UploadedPart;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Multipart uploads on the backend, one call each through the SDK client. Completion is conditional twice: a HEAD
 * first (an existing key is {@code PreconditionFailed}) and {@code If-None-Match: *} on CompleteMultipartUpload,
 * which AWS honours atomically; a backend that ignores the header leaves a race window between the HEAD and the
 * completion in which a concurrent create of the same key may be replaced.
 *
 * <p>Like a PutObject ({@link S3Writes}), an upload carries a random create token in its user metadata, given at
 * creation; the upload id this store hands out is {@code dpt-<token>~<backend upload id>}. A completion refused
 * because the key exists, or because the upload is gone, is the upload's own when the object there carries its
 * token: the SDK's retry of a completion that succeeded, or a client's replay, which also needs the same parts
 * (the object's ETag is the S3 multipart ETag of the parts listed). It then succeeds with the object's ETag.
 */
final class S3Multipart {
    private static final String ID_PREFIX = "dpt-";
    private static final int TOKEN_LENGTH = 36;

    private final S3Client client;
    private final S3Location location;
    private final S3Writes.Report report;

    S3Multipart(S3Client client, S3Location location, S3Writes.Report report) {
        this.client = Objects.requireNonNull(client, "client");
        this.location = Objects.requireNonNull(location, "location");
        this.report = Objects.requireNonNull(report, "report");
    }

    String create(String key, String contentType, Map<String, String> metadata) {
        String token = UUID.randomUUID().toString();
        var withToken = new TreeMap<>(metadata);
        withToken.put(S3Writes.PUT_TOKEN, token);
        return ID_PREFIX + token + "~" + call("CreateMultipartUpload", key, () -> client.createMultipartUpload(b -> b
                .bucket(location.bucket()).key(location.key(key)).contentType(contentType).metadata(withToken))
                .uploadId());
    }

    /** The create token of an upload id this store handed out (empty for one without). */
    private static Optional<String> token(String uploadId) {
        return uploadId.startsWith(ID_PREFIX) && uploadId.length() > ID_PREFIX.length() + TOKEN_LENGTH
                && uploadId.charAt(ID_PREFIX.length() + TOKEN_LENGTH) == '~'
                ? Optional.of(uploadId.substring(ID_PREFIX.length(), ID_PREFIX.length() + TOKEN_LENGTH))
                : Optional.empty();
    }

    /** The backend's own upload id. */
    private static String backendId(String uploadId) {
        return token(uploadId).isPresent() ? uploadId.substring(ID_PREFIX.length() + TOKEN_LENGTH + 1) : uploadId;
    }

    String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        return call("UploadPart", key, () -> client.uploadPart(b -> b.bucket(location.bucket())
                        .key(location.key(key)).uploadId(backendId(uploadId)).partNumber(partNumber)
                        .contentLength(length),
                RequestBody.fromInputStream(body, length)).eTag());
    }

    List<UploadedPart> listParts(String key, String uploadId) {
        return call("ListParts", key, () -> {
            List<UploadedPart> parts = new ArrayList<>();
            for (Part p : client.listPartsPaginator(b -> b.bucket(location.bucket()).key(location.key(key))
                    .uploadId(backendId(uploadId))).parts()) {
                parts.add(new UploadedPart(p.partNumber(), p.eTag(), p.size()));
            }
            return parts;
        });
    }

    ObjectMeta complete(String key, String uploadId, List<UploadedPart> parts, S3Writes writes) {
        Optional<ObjectMeta> existing = existing(key, uploadId, parts, writes);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        String etag;
        try {
            etag = call("CompleteMultipartUpload", key, () -> client.completeMultipartUpload(b -> b
                    .bucket(location.bucket()).key(location.key(key)).uploadId(backendId(uploadId)).ifNoneMatch("*")
                    .multipartUpload(m -> m.parts(completed))).eTag());
        } catch (S3Exception e) {
            if (e.code() != S3ErrorCode.PRECONDITION_FAILED && e.code() != S3ErrorCode.NO_SUCH_UPLOAD) {
                throw e;
            }
            try {
                return ownObject(key, uploadId, writes).orElseThrow(() -> e);
            } catch (S3Exception unreadable) {
                throw e == unreadable ? e : withSuppressed(e, unreadable);
            }
        }
        long size = parts.stream().mapToLong(UploadedPart::size).sum();
        return new ObjectMeta(key, size, etag == null ? "\"\"" : etag, java.time.Instant.now(),
                "application/octet-stream");
    }

    /**
     * The object a replayed completion of this upload answers: absent key, empty; the upload's own object
     * assembled from these parts, its metadata; anything else, {@code PreconditionFailed}.
     */
    private Optional<ObjectMeta> existing(String key, String uploadId, List<UploadedPart> parts, S3Writes writes) {
        Optional<ObjectMeta> own;
        try {
            own = ownObject(key, uploadId, writes);
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(own.filter(meta -> multipartEtag(parts).equals(Optional.of(unquote(meta.etag()))))
                .orElseThrow(() -> new S3Exception(S3ErrorCode.PRECONDITION_FAILED)));
    }

    /** The replay of a completion once the upload is gone: the upload's own object from these parts. */
    Optional<ObjectMeta> completed(String key, String uploadId, List<UploadedPart> parts, S3Writes writes) {
        try {
            return ownObject(key, uploadId, writes)
                    .filter(meta -> multipartEtag(parts).equals(Optional.of(unquote(meta.etag()))));
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The object at {@code key} when it carries this upload's create token.
     *
     * @throws S3Exception NoSuchKey when there is none
     */
    private static Optional<ObjectMeta> ownObject(String key, String uploadId, S3Writes writes) {
        Optional<String> token = token(uploadId);
        if (token.isEmpty()) {
            writes.metadata(key);
            return Optional.empty();
        }
        return writes.createdWith(key, token.get());
    }

    private static S3Exception withSuppressed(S3Exception primary, S3Exception other) {
        primary.addSuppressed(other);
        return primary;
    }

    /** The S3 multipart ETag of these parts (hex MD5 of their binary MD5s, a dash, their count), when all are MD5s. */
    static Optional<String> multipartEtag(List<UploadedPart> parts) {
        try {
            var md5 = MessageDigest.getInstance("MD5");
            for (UploadedPart part : parts) {
                String hex = unquote(part.etag());
                if (!hex.matches("[0-9a-fA-F]{32}")) {
                    return Optional.empty();
                }
                md5.update(HexFormat.of().parseHex(hex));
            }
            return Optional.of(HexFormat.of().formatHex(md5.digest()) + "-" + parts.size());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    private static String unquote(String etag) {
        return etag.replace("\"", "").strip().toLowerCase(Locale.ROOT);
    }

    void abort(String key, String uploadId) {
        call("AbortMultipartUpload", key, () -> client.abortMultipartUpload(b -> b.bucket(location.bucket())
                .key(location.key(key)).uploadId(backendId(uploadId))));
    }

    private <T> T call(String operation, String key, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T result = call.get();
            report.call(operation, start, null);
            return result;
        } catch (SdkException e) {
            S3Exception failure = failure(operation, location.bucket() + "/" + location.key(key), e);
            report.call(operation, start, failure);
            throw failure;
        }
    }

    private static S3Exception failure(String operation, String what, SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = String.valueOf(service.awsErrorDetails().errorCode());
            switch (code) {
                case "NoSuchUpload" -> {
                    return new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD);
                }
                case "InvalidPart" -> {
                    return new S3Exception(S3ErrorCode.INVALID_PART);
                }
                case "InvalidPartOrder" -> {
                    return new S3Exception(S3ErrorCode.INVALID_PART_ORDER);
                }
                default -> {
                }
            }
            if (service.statusCode() == 409 || service.statusCode() == 412) {
                return new S3Exception(S3ErrorCode.PRECONDITION_FAILED, S3ErrorCode.PRECONDITION_FAILED
                        .defaultMessage(), e);
            }
        }
        return BackendErrors.map(operation, what, false, e);
    }
}
