package proxy.storage.s3;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns a backend failure into the S3 error the client sees, at the seam: the answers S3 itself gives to a
 * read (304, 404, 412, 416) keep their meaning; throttling becomes {@code SlowDown}; an unreachable backend
 * {@code ServiceUnavailable}; anything else {@code InternalError}. Messages are the codes' defaults, so neither
 * the backend's address nor its answer reaches the client; failures are logged with the operation attempted.
 */
final class BackendErrors {

    private static final System.Logger LOG = System.getLogger(BackendErrors.class.getName());
    private static final Set<String> THROTTLING = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestLimitExceeded", "TooManyRequestsException", "RequestThrottled");

    private BackendErrors() {
    }

    /**
     * @param operation the S3 operation attempted, e.g. {@code GetObject}
     * @param target    bucket and key, for the log only
     * @param objectRead whether a 404 means the object is missing (HEAD/GET) rather than a broken backend
     */
    static S3Exception map(String operation, String target, boolean objectRead, SdkException e) {
        return logged(operation, target, classify(e, objectRead), e);
    }

    /**
     * A backend answer with an error status, read without the SDK client.
     *
     * @param errorCode the {@code Code} of the backend's error document, or null when it sent none (HEAD, 304)
     */
    static S3Exception map(String operation, String target, boolean objectRead, int status, String errorCode) {
        return logged(operation, target, answer(status, errorCode, false, objectRead),
                new IllegalStateException("backend answered " + status + (errorCode == null ? "" : " " + errorCode)));
    }

    /** A request that got no answer from the backend (refused, timed out, reset), read without the SDK client. */
    static S3Exception map(String operation, String target, IOException e) {
        return logged(operation, target, unreachable(e) ? S3ErrorCode.SERVICE_UNAVAILABLE : S3ErrorCode.INTERNAL_ERROR,
                e);
    }

    private static S3Exception logged(String operation, String target, S3ErrorCode code, Exception cause) {
        switch (code) {
            case NO_SUCH_KEY, NOT_MODIFIED, PRECONDITION_FAILED, INVALID_RANGE ->
                    LOG.log(System.Logger.Level.DEBUG, "backend {0} {1}: {2}", operation, target, code.code());
            default -> LOG.log(System.Logger.Level.WARNING,
                    "backend " + operation + " " + target + " failed, answering " + code.code(), cause);
        }
        return new S3Exception(code, code.defaultMessage(),
                new IllegalStateException("backend " + operation + " " + target + " failed", cause));
    }

    private static S3ErrorCode classify(SdkException e, boolean objectRead) {
        if (e instanceof AwsServiceException service) {
            String errorCode = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return answer(service.statusCode(), errorCode, service.isThrottlingException(), objectRead);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || unreachable(e)) {
            return S3ErrorCode.SERVICE_UNAVAILABLE;
        }
        return S3ErrorCode.INTERNAL_ERROR;
    }

    private static S3ErrorCode answer(int status, String errorCode, boolean throttling, boolean objectRead) {
        if (throttling || (errorCode != null && THROTTLING.contains(errorCode))) {
            return S3ErrorCode.SLOW_DOWN;
        }
        return switch (status) {
            case 304 -> S3ErrorCode.NOT_MODIFIED;
            case 404 -> objectRead ? S3ErrorCode.NO_SUCH_KEY : S3ErrorCode.INTERNAL_ERROR;
            case 412 -> S3ErrorCode.PRECONDITION_FAILED;
            case 416 -> S3ErrorCode.INVALID_RANGE;
            case 429, 503 -> S3ErrorCode.SLOW_DOWN;
            default -> S3ErrorCode.INTERNAL_ERROR;
        };
    }

    private static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
