package proxy.s3xml;

import java.util.Objects;

/**
 * The body of an error answer ({@code Error}, without a namespace, as S3 sends it).
 *
 * @param code      the S3 error code, e.g. {@code NoSuchKey}
 * @param message   a client-safe message
 * @param resource  the requested resource (the path)
 * @param requestId the {@code x-amz-request-id} of the answer
 */
public record ErrorResponse(String code, String message, String resource, String requestId) {
    public ErrorResponse {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(requestId, "requestId");
    }
}
