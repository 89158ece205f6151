package proxy.s3xml;

import java.util.Objects;
import java.util.Optional;

/**
 * The body of an error answer ({@code Error}, without a namespace, as S3 sends it).
 *
 * @param code       the S3 error code, e.g. {@code NoSuchKey}
 * @param message    a client-safe message
 * @param bucketName the bucket S3 names in the body ({@code BucketName}: NoSuchBucket), empty for other errors
 * @param key        the key S3 names in the body ({@code Key}: NoSuchKey), empty for other errors
 * @param resource   the requested resource (the path)
 * @param requestId  the {@code x-amz-request-id} of the answer
 */
public record ErrorResponse(String code, String message, Optional<String> bucketName, Optional<String> key,
                            String resource, String requestId) {
    public ErrorResponse {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(bucketName, "bucketName");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** An error that names no bucket and no key. */
    public ErrorResponse(String code, String message, String resource, String requestId) {
        this(code, message, Optional.empty(), Optional.empty(), resource, requestId);
    }
}
