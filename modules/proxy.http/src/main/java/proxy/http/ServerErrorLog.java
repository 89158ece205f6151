package proxy.http;

import java.lang.System.Logger.Level;
import java.util.regex.Pattern;
import proxy.api.S3Exception;

/**
 * Logs why a request was answered with a 5xx: one record naming the request id (the {@code x-amz-request-id} the
 * client got, so a report can be matched to the line), the status, the S3 error code, the operation and the cause
 * chain. 500s are errors (and carry the stack trace of an unexpected exception); 503s and other 5xx are warnings
 * (the backend or a Delta log was unavailable; clients retry). Signatures, credentials and session tokens that a
 * cause's message might quote (a presigned URL) are masked.
 */
final class ServerErrorLog {
    private static final System.Logger LOG = System.getLogger(ExchangeHandler.class.getName());
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)((?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|Signature|AWSAccessKeyId)=)[^&\\s\"',;]+");
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i)((?:Authorization|x-amz-security-token):\\s*)\\S.*");

    private ServerErrorLog() {
    }

    /** An S3 error answered with a 5xx status; nothing for other statuses. */
    static void answered(String requestId, String operation, S3Exception error) {
        int status = error.code().status();
        if (status < 500) {
            return;
        }
        Level level = status == 500 ? Level.ERROR : Level.WARNING;
        LOG.log(level, () -> "request " + requestId + ": " + status + " " + error.code().code() + " (" + operation
                + "): " + causes(error));
    }

    /** An unexpected exception or error, answered 500 InternalError. */
    static void unexpected(String requestId, String operation, Throwable e) {
        LOG.log(Level.ERROR, "request " + requestId + ": 500 InternalError (" + operation + "): " + causes(e), e);
    }

    /** {@code message; caused by Type: message; ...}, secrets masked. */
    static String causes(Throwable error) {
        var text = new StringBuilder(String.valueOf(error.getMessage()));
        int depth = 0;
        for (Throwable c = error.getCause(); c != null && c != error && depth < 8; c = c.getCause(), depth++) {
            text.append("; caused by ").append(c.getClass().getName()).append(": ").append(c.getMessage());
        }
        return mask(text.toString());
    }

    static String mask(String text) {
        String masked = SECRET_PARAMETER.matcher(text).replaceAll("$1***");
        return SECRET_HEADER.matcher(masked).replaceAll("$1***");
    }
}
