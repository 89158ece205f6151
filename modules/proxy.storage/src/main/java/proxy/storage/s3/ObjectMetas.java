package proxy.storage.s3;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Reads object metadata and served ranges out of backend responses. */
final class ObjectMetas {

    private static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private ObjectMetas() {
    }

    static ObjectMeta of(String key, Long size, String etag, Instant lastModified, String contentType) {
        if (size == null || etag == null || lastModified == null) {
            throw new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                    new IllegalStateException("backend answer for " + key + " lacks size, ETag or Last-Modified"));
        }
        String quoted = etag.startsWith("\"") || etag.startsWith("W/") ? etag : "\"" + etag + "\"";
        return new ObjectMeta(key, size, quoted, lastModified,
                contentType == null || contentType.isBlank() ? OCTET_STREAM : contentType);
    }

    /**
     * The content of a GET answer: the object's size comes from {@code Content-Range} when the backend served a
     * range, else from {@code Content-Length}.
     */
    static ObjectContent content(String key, ResponseInputStream<GetObjectResponse> body, boolean rangeAsked) {
        GetObjectResponse r = body.response();
        Optional<ByteRange.Resolved> served = rangeAsked ? resolved(r.contentRange()) : Optional.empty();
        long size = served.map(ByteRange.Resolved::total).orElse(r.contentLength());
        ObjectMeta meta = of(key, size, r.eTag(), r.lastModified(), r.contentType());
        long length = served.map(ByteRange.Resolved::length).orElse(size);
        return new ObjectContent(meta, body, length, served);
    }

    private static Optional<ByteRange.Resolved> resolved(String contentRange) {
        if (contentRange == null) {
            return Optional.empty();
        }
        Matcher m = CONTENT_RANGE.matcher(contentRange.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange.Resolved(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3))));
    }
}
