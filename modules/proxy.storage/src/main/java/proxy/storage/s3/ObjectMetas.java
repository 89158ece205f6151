package proxy.storage.s3;

import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import proxy.api.HttpDate;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import software.amazon.awssdk.utils.DateUtils;

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

    /** The metadata in a HEAD answer. */
    static ObjectMeta of(String key, ObjectRequests.Answer answer) {
        return of(key, answer, number(answer.header("Content-Length")));
    }

    private static ObjectMeta of(String key, ObjectRequests.Answer answer, Long size) {
        return of(key, size, answer.header("ETag"), date(answer.header("Last-Modified")),
                answer.header("Content-Type"));
    }

    /**
     * The content of a GET answer: the object's size comes from {@code Content-Range} when the backend served a
     * range, else from {@code Content-Length}.
     */
    static ObjectContent content(String key, ObjectRequests.Answer answer, boolean rangeAsked) {
        Optional<ByteRange.Resolved> served = rangeAsked ? resolved(answer.header("Content-Range")) : Optional.empty();
        Long size = served.map(ByteRange.Resolved::total).orElse(number(answer.header("Content-Length")));
        ObjectMeta meta = of(key, answer, size);
        long length = served.map(ByteRange.Resolved::length).orElse(meta.size());
        InputStream body = answer.body().map(InputStream.class::cast).orElseGet(InputStream::nullInputStream);
        return new ObjectContent(meta, body, length, served);
    }

    private static Long number(String header) {
        try {
            return header == null ? null : Long.valueOf(header.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant date(String header) {
        if (header == null) {
            return null;
        }
        String text = header.strip();
        Instant exact = HttpDate.parseImfFixdate(text);
        if (exact != null) {
            return exact;
        }
        try { // what else a backend may send: RFC 822 forms the SDK reads
            return DateUtils.parseRfc822Date(text);
        } catch (RuntimeException e) {
            return null;
        }
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
