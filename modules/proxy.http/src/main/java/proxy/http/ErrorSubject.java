package proxy.http;

import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.storage.ObjectKeys;

/**
 * What an error body names besides its code, where S3 names it: {@code BucketName} for NoSuchBucket (the bucket
 * the client asked for) and {@code Key} for NoSuchKey (the key the client asked for). Both only echo the request,
 * so they reveal nothing; AccessDenied names nothing, so a forbidden key and an absent one answer alike.
 *
 * @param bucketName the {@code BucketName} element, if any
 * @param key        the {@code Key} element, if any
 */
record ErrorSubject(Optional<String> bucketName, Optional<String> key) {
    /** Names nothing. */
    static final ErrorSubject NONE = new ErrorSubject(Optional.empty(), Optional.empty());

    /**
     * The subject of an error.
     *
     * @param view    the request, null when its target did not decode
     * @param request the parsed request, null when parsing failed
     */
    static ErrorSubject of(S3Exception error, HttpRequestView view, S3Request request) {
        if (error.code() == S3ErrorCode.NO_SUCH_BUCKET && view != null) {
            String bucket = RequestParser.pathStyleBucket(view.target());
            boolean echoable = bucket.chars().allMatch(ObjectKeys::keyChar);
            return new ErrorSubject(echoable ? Optional.of(bucket) : Optional.empty(), Optional.empty());
        }
        if (error.code() == S3ErrorCode.NO_SUCH_KEY) {
            return switch (request) {
                case S3Request.GetObject get -> new ErrorSubject(Optional.empty(), Optional.of(get.key().full()));
                case S3Request.HeadObject head -> new ErrorSubject(Optional.empty(), Optional.of(head.key().full()));
                case null, default -> NONE;
            };
        }
        return NONE;
    }
}
