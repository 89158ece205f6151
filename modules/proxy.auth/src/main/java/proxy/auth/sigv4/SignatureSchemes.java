package proxy.auth.sigv4;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.RequestTarget;

/**
 * Decides how a request is signed and refuses every scheme other than SigV4: anonymous requests, Signature
 * Version 2 (header {@code AWS AK:sig} or query {@code AWSAccessKeyId}/{@code Signature}), unknown
 * {@code Authorization} types, and requests that carry both a header and a query signature.
 */
final class SignatureSchemes {
    private static final Set<String> V4_QUERY = Set.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature");
    private static final Set<String> V2_QUERY = Set.of("AWSAccessKeyId", "Signature");
    private static final String V2_MESSAGE =
            "Signature Version 2 is not supported; sign with AWS Signature Version 4";

    private SignatureSchemes() {
    }

    /**
     * The parsed SigV4 claim of a request.
     *
     * @throws S3Exception AccessDenied (anonymous), InvalidRequest (SigV2), InvalidArgument (both forms, unknown
     *                     type), or the parsers' errors
     */
    static SignatureClaim claim(HttpRequestView request) {
        Optional<String> authorization = request.header("authorization").map(String::strip);
        List<RequestTarget.Parameter> query = request.target().query();
        boolean queryV4 = query.stream().anyMatch(p -> V4_QUERY.contains(p.name()));
        boolean queryV2 = query.stream().anyMatch(p -> V2_QUERY.contains(p.name()));
        if (authorization.isPresent() && (queryV4 || queryV2)) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Only one auth mechanism allowed; only the"
                    + " X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization"
                    + " header should be specified");
        }
        if (authorization.isPresent()) {
            return fromHeader(authorization.get(), request);
        }
        if (queryV4) {
            return PresignedQueryParser.parse(query);
        }
        if (queryV2) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, V2_MESSAGE);
        }
        throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Anonymous access is not allowed");
    }

    private static SignatureClaim fromHeader(String authorization, HttpRequestView request) {
        if (authorization.startsWith(HeaderSignatureParser.ALGORITHM + " ")) {
            return HeaderSignatureParser.parse(authorization, request);
        }
        if (authorization.startsWith("AWS ")) {
            throw new S3Exception(S3ErrorCode.INVALID_REQUEST, V2_MESSAGE);
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "Unsupported Authorization Type");
    }
}
