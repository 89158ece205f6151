package proxy.auth.sigv4;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.sigv4.SigningTime;

/**
 * Parses {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} together with
 * {@code x-amz-date} (or {@code Date}) and {@code x-amz-content-sha256}.
 */
final class HeaderSignatureParser {
    static final String ALGORITHM = proxy.sigv4.SigV4.ALGORITHM;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private HeaderSignatureParser() {
    }

    /**
     * @param authorization the header value, starting with {@link #ALGORITHM}
     * @throws S3Exception AuthorizationHeaderMalformed, AccessDenied (no usable date), InvalidRequest,
     *                     InvalidRequest or InvalidArgument (payload hash)
     */
    static SignatureClaim parse(String authorization, HttpRequestView request) {
        Map<String, String> fields = fields(authorization.strip().substring(ALGORITHM.length()));
        CredentialScope scope = CredentialScope.parse(required(fields, "Credential"), AuthForm.HEADER);
        var signedHeaders = SignatureClaim.signedHeaders(required(fields, "SignedHeaders"), AuthForm.HEADER);
        String signature = required(fields, "Signature");
        Instant time = signingTime(request);
        return new SignatureClaim(AuthForm.HEADER, scope, signedHeaders, signature, SigningTime.basic(time), time,
                payloadHash(request), Optional.empty());
    }

    private static Map<String, String> fields(String rest) {
        var fields = new HashMap<String, String>();
        for (String part : rest.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw AuthForm.HEADER.malformed("expected Credential=..., SignedHeaders=..., Signature=...");
            }
            if (fields.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip()) != null) {
                throw AuthForm.HEADER.malformed("the component '" + p.substring(0, eq).strip() + "' is repeated.");
            }
        }
        return fields;
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw AuthForm.HEADER.malformed("the " + name + " component is missing.");
        }
        return value;
    }

    private static Instant signingTime(HttpRequestView request) {
        Optional<Instant> time = request.header("x-amz-date").isPresent()
                ? request.header("x-amz-date").flatMap(v -> SigningTime.parseBasic(v.strip()))
                : request.header("date").flatMap(SigningTime::parseHttpDate);
        return time.orElseThrow(() -> new S3Exception(S3ErrorCode.ACCESS_DENIED,
                "AWS authentication requires a valid Date or x-amz-date header"));
    }

    /**
     * The payload hash S3 requires in {@code x-amz-content-sha256}; it is signed over, never checked against a
     * body, because the proxy never reads a request body. Streaming (chunk-signed) payloads make no sense on a
     * GET or HEAD and are refused there; on a write only the seed signature (over the headers, with the literal
     * {@code STREAMING-...} value as payload hash, as the SigV4 streaming rules define) is verified, so an
     * authenticated client learns that writes are not allowed (405) rather than a signing detail. Were writes ever
     * forwarded, each chunk signature would have to be verified first.
     */
    private static String payloadHash(HttpRequestView request) {
        String hash = request.header("x-amz-content-sha256").map(String::strip)
                .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "Missing required header for this request: x-amz-content-sha256"));
        if (hash.startsWith("STREAMING-")) {
            if (request.method().equals("GET") || request.method().equals("HEAD")) {
                throw new S3Exception(S3ErrorCode.INVALID_REQUEST,
                        "A streaming payload (" + hash + ") is not valid on a " + request.method() + " request");
            }
            return hash;
        }
        if (!hash.equals("UNSIGNED-PAYLOAD") && !SHA256_HEX.matcher(hash).matches()) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                    "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-... or a lower-case hex SHA-256 digest");
        }
        return hash;
    }
}
