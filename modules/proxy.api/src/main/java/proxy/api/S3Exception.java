package proxy.api;

import java.util.Objects;

/**
 * The one exception type that becomes an S3 error response. Its {@link #getMessage() message} is sent to the
 * client, so it must never contain a secret, a signature, or the name of an object the client may not read;
 * the cause (if any) is for the log only.
 */
public final class S3Exception extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final S3ErrorCode code;

    /** An error with the code's default message. */
    public S3Exception(S3ErrorCode code) {
        this(code, code.defaultMessage(), null);
    }

    /** An error with a client-safe message. */
    public S3Exception(S3ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * An error with a client-safe message and a cause that is logged but never sent.
     *
     * @param cause may be null
     */
    public S3Exception(S3ErrorCode code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, cause != null);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The error code; its status is the HTTP status of the response. */
    public S3ErrorCode code() {
        return code;
    }

    /** Shorthand for {@code new S3Exception(ACCESS_DENIED)}: the answer for every refused key. */
    public static S3Exception accessDenied() {
        return new S3Exception(S3ErrorCode.ACCESS_DENIED);
    }
}
