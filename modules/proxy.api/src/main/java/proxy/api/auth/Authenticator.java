package proxy.api.auth;

import proxy.api.S3Exception;

/** Establishes who sent a request. Thread-safe. */
public interface Authenticator {

    /**
     * Verifies the request's credentials.
     *
     * @return the verified principal
     * @throws S3Exception InvalidAccessKeyId, SignatureDoesNotMatch, RequestTimeTooSkewed, AccessDenied,
     *                     AuthorizationHeaderMalformed, AuthorizationQueryParametersError, InvalidArgument; the
     *                     message never contains a secret or the expected signature
     */
    Principal authenticate(HttpRequestView request);

    /**
     * Verifies the request's credentials and, when its body is signed chunk by chunk, returns the chain that verifies
     * the chunks with the request's signature as seed. The default knows no chunk signatures.
     *
     * @throws S3Exception as {@link #authenticate}
     */
    default Authentication authenticateRequest(HttpRequestView request) {
        return new Authentication(authenticate(request), java.util.Optional.empty());
    }
}
