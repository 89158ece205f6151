package proxy.auth.sigv4;

import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/** Where a SigV4 signature travels; decides which S3 error a malformed one gets. */
enum AuthForm {
    /** The {@code Authorization} header. */
    HEADER(S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED, "The authorization header is malformed; "),
    /** Presigned query parameters ({@code X-Amz-Algorithm} and friends). */
    QUERY(S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "");

    private final S3ErrorCode malformedCode;
    private final String messagePrefix;

    AuthForm(S3ErrorCode malformedCode, String messagePrefix) {
        this.malformedCode = malformedCode;
        this.messagePrefix = messagePrefix;
    }

    /** The error for a malformed signature of this form; the detail must be client-safe. */
    S3Exception malformed(String detail) {
        return new S3Exception(malformedCode, messagePrefix + detail);
    }
}
