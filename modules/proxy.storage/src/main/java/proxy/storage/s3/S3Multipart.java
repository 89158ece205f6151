package proxy.storage.s3;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 */
final class S3Multipart {
    private final S3Client client;
    private final S3Location location;
    private final S3Writes.Report report;

    S3Multipart(S3Client client, S3Location location, S3Writes.Report report) {
        this.client = Objects.requireNonNull(client, "client");
        this.location = Objects.requireNonNull(location, "location");
        this.report = Objects.requireNonNull(report, "report");
    }

    String create(String key, String contentType, Map<String, String> metadata) {
        return call("CreateMultipartUpload", key, () -> client.createMultipartUpload(b -> b
                .bucket(location.bucket()).key(location.key(key)).contentType(contentType).metadata(metadata))
                .uploadId());
    }

    String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        return call("UploadPart", key, () -> client.uploadPart(b -> b.bucket(location.bucket())
                        .key(location.key(key)).uploadId(uploadId).partNumber(partNumber).contentLength(length),
                RequestBody.fromInputStream(body, length)).eTag());
    }

    List<UploadedPart> listParts(String key, String uploadId) {
        return call("ListParts", key, () -> {
            List<UploadedPart> parts = new ArrayList<>();
            for (Part p : client.listPartsPaginator(b -> b.bucket(location.bucket()).key(location.key(key))
                    .uploadId(uploadId)).parts()) {
                parts.add(new UploadedPart(p.partNumber(), p.eTag(), p.size()));
            }
            return parts;
        });
    }

    ObjectMeta complete(String key, String uploadId, List<UploadedPart> parts, S3Writes writes) {
        try {
            writes.metadata(key);
            throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
        } catch (S3Exception e) {
            if (e.code() != S3ErrorCode.NO_SUCH_KEY) {
                throw e;
            }
        }
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        String etag = call("CompleteMultipartUpload", key, () -> client.completeMultipartUpload(b -> b
                .bucket(location.bucket()).key(location.key(key)).uploadId(uploadId).ifNoneMatch("*")
                .multipartUpload(m -> m.parts(completed))).eTag());
        long size = parts.stream().mapToLong(UploadedPart::size).sum();
        return new ObjectMeta(key, size, etag == null ? "\"\"" : etag, java.time.Instant.now(),
                "application/octet-stream");
    }

    void abort(String key, String uploadId) {
        call("AbortMultipartUpload", key, () -> client.abortMultipartUpload(b -> b.bucket(location.bucket())
                .key(location.key(key)).uploadId(uploadId)));
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
