package proxy.api;

/**
 * Every error the proxy can answer with: its HTTP status, the S3 {@code Code} element and the default
 * {@code Message}. Every thrown {@link S3Exception} names one of these; nothing else reaches a client.
 */
public enum S3ErrorCode {
    ACCESS_DENIED(403, "AccessDenied", "Access Denied"),
    AUTHORIZATION_HEADER_MALFORMED(400, "AuthorizationHeaderMalformed",
            "The authorization header is malformed."),
    AUTHORIZATION_QUERY_PARAMETERS_ERROR(400, "AuthorizationQueryParametersError",
            "The query-string authentication parameters are malformed."),
    BAD_DIGEST(400, "BadDigest", "The Content-MD5 you specified did not match what we received."),
    ENTITY_TOO_LARGE(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size."),
    INCOMPLETE_BODY(400, "IncompleteBody",
            "You did not provide the number of bytes specified by the Content-Length HTTP header."),
    INTERNAL_ERROR(500, "InternalError", "We encountered an internal error. Please try again."),
    INVALID_ACCESS_KEY_ID(403, "InvalidAccessKeyId",
            "The AWS Access Key Id you provided does not exist in our records."),
    INVALID_ARGUMENT(400, "InvalidArgument", "Invalid Argument"),
    INVALID_BUCKET_NAME(400, "InvalidBucketName", "The specified bucket is not valid."),
    INVALID_DIGEST(400, "InvalidDigest", "The Content-MD5 you specified is not valid."),
    INVALID_PART(400, "InvalidPart", "One or more of the specified parts could not be found. The part may not have"
            + " been uploaded, or the specified entity tag may not match the part's entity tag."),
    INVALID_PART_ORDER(400, "InvalidPartOrder", "The list of parts was not in ascending order. The parts list must"
            + " be specified in order by part number."),
    INVALID_RANGE(416, "InvalidRange", "The requested range is not satisfiable"),
    INVALID_REQUEST(400, "InvalidRequest", "Invalid Request"),
    INVALID_URI(400, "InvalidURI", "Couldn't parse the specified URI."),
    KEY_TOO_LONG(400, "KeyTooLongError", "Your key is too long"),
    MALFORMED_XML(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our"
            + " published schema."),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed", "The specified method is not allowed against this resource."),
    MISSING_CONTENT_LENGTH(411, "MissingContentLength", "You must provide the Content-Length HTTP header."),
    MISSING_SECURITY_HEADER(400, "MissingSecurityHeader", "Your request is missing a required header."),
    NO_SUCH_BUCKET(404, "NoSuchBucket", "The specified bucket does not exist"),
    NO_SUCH_KEY(404, "NoSuchKey", "The specified key does not exist."),
    NO_SUCH_UPLOAD(404, "NoSuchUpload", "The specified multipart upload does not exist. The upload ID might be"
            + " invalid, or the multipart upload might have been aborted or completed."),
    NOT_IMPLEMENTED(501, "NotImplemented",
            "A header you provided implies functionality that is not implemented"),
    NOT_MODIFIED(304, "NotModified", "Not Modified"),
    PRECONDITION_FAILED(412, "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold"),
    REQUEST_HEADER_SECTION_TOO_LARGE(400, "RequestHeaderSectionTooLarge",
            "Your request header section exceeds the maximum allowed size."),
    REQUEST_TIME_TOO_SKEWED(403, "RequestTimeTooSkewed",
            "The difference between the request time and the server's time is too large."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Service is unable to handle request."),
    SIGNATURE_DOES_NOT_MATCH(403, "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided."),
    SLOW_DOWN(503, "SlowDown", "Please reduce your request rate."),
    X_AMZ_CONTENT_SHA256_MISMATCH(400, "XAmzContentSHA256Mismatch",
            "The provided 'x-amz-content-sha256' header does not match what was computed.");

    private final int status;
    private final String code;
    private final String defaultMessage;

    S3ErrorCode(int status, String code, String defaultMessage) {
        this.status = status;
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    /** The HTTP status this error is answered with. */
    public int status() {
        return status;
    }

    /** The S3 error code, as in the {@code <Code>} element. */
    public String code() {
        return code;
    }

    /** The message sent when the thrower gives none. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
