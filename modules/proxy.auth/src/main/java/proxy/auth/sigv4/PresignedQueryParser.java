package proxy.auth.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import proxy.api.Ascii;
import proxy.api.auth.RequestTarget;
import proxy.sigv4.SigningTime;

/**
 * Parses the query parameters of a presigned URL: {@code X-Amz-Algorithm}, {@code X-Amz-Credential},
 * {@code X-Amz-Date}, {@code X-Amz-Expires}, {@code X-Amz-SignedHeaders}, {@code X-Amz-Signature}. The payload
 * of a presigned request is always {@code UNSIGNED-PAYLOAD}.
 */
final class PresignedQueryParser {
    /** The longest lifetime S3 accepts: seven days. */
    static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final List<String> REQUIRED = List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
            "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature");

    private PresignedQueryParser() {
    }

    /**
     * @throws proxy.api.S3Exception AuthorizationQueryParametersError for anything missing or malformed
     */
    static SignatureClaim parse(List<RequestTarget.Parameter> query) {
        Map<String, String> params = authParameters(query);
        if (!params.get("X-Amz-Algorithm").equals(HeaderSignatureParser.ALGORITHM)) {
            throw AuthForm.QUERY.malformed("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        }
        CredentialScope scope = CredentialScope.parse(params.get("X-Amz-Credential"), AuthForm.QUERY);
        String timestamp = params.get("X-Amz-Date");
        Instant time = SigningTime.parseBasic(timestamp).orElseThrow(() -> AuthForm.QUERY.malformed(
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\""));
        var signedHeaders = SignatureClaim.signedHeaders(params.get("X-Amz-SignedHeaders"), AuthForm.QUERY);
        return new SignatureClaim(AuthForm.QUERY, scope, signedHeaders, params.get("X-Amz-Signature"), timestamp,
                time, "UNSIGNED-PAYLOAD", Optional.of(expires(params.get("X-Amz-Expires"))));
    }

    private static Map<String, String> authParameters(List<RequestTarget.Parameter> query) {
        var params = new HashMap<String, String>();
        for (RequestTarget.Parameter p : query) {
            String name = p.name();
            if (REQUIRED.contains(name) && params.put(name, p.value()) != null) {
                throw AuthForm.QUERY.malformed(name + " must appear only once");
            }
        }
        for (String name : REQUIRED) {
            if (params.getOrDefault(name, "").isEmpty()) {
                throw AuthForm.QUERY.malformed("Query-string authentication version 4 requires the X-Amz-Algorithm,"
                        + " X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires"
                        + " parameters.");
            }
        }
        return params;
    }

    private static Duration expires(String value) {
        long seconds;
        try {
            if (!Ascii.isDecimal(value.startsWith("-") ? value.substring(1) : value)) {
                throw new NumberFormatException("not ASCII digits");
            }
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AuthForm.QUERY.malformed("X-Amz-Expires should be a number");
        }
        if (seconds < 1) {
            throw AuthForm.QUERY.malformed("X-Amz-Expires must be a positive number of seconds");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw AuthForm.QUERY.malformed("X-Amz-Expires must be less than a week (in seconds) that's 7 days or"
                    + " 604800 seconds");
        }
        return Duration.ofSeconds(seconds);
    }
}
