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
}
