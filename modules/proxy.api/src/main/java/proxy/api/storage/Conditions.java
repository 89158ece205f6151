package proxy.api.storage;

import java.time.Instant;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * The conditional request headers of a GET or HEAD, evaluated with S3's precedence rules.
 *
 * @param ifMatch           {@code If-Match}, may be null
 * @param ifNoneMatch       {@code If-None-Match}, may be null
 * @param ifModifiedSince   {@code If-Modified-Since}, may be null
 * @param ifUnmodifiedSince {@code If-Unmodified-Since}, may be null
 */
public record Conditions(String ifMatch, String ifNoneMatch, Instant ifModifiedSince, Instant ifUnmodifiedSince) {
    /** No conditions. */
    public static final Conditions NONE = new Conditions(null, null, null, null);

    /** Whether no condition is set. */
    public boolean isEmpty() {
        return ifMatch == null && ifNoneMatch == null && ifModifiedSince == null && ifUnmodifiedSince == null;
    }

    /**
     * Checks the conditions against an object, as S3 does: If-Match wins over If-Unmodified-Since, If-None-Match
     * over If-Modified-Since; dates compare at second precision.
     *
     * @throws S3Exception {@link S3ErrorCode#PRECONDITION_FAILED} (412) or {@link S3ErrorCode#NOT_MODIFIED} (304)
     */
    public void check(ObjectMeta meta) {
        Instant modified = meta.lastModified().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, meta.etag())) {
                throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
            }
        } else if (ifUnmodifiedSince != null && modified.isAfter(ifUnmodifiedSince)) {
            throw new S3Exception(S3ErrorCode.PRECONDITION_FAILED);
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, meta.etag())) {
                throw new S3Exception(S3ErrorCode.NOT_MODIFIED);
            }
        } else if (ifModifiedSince != null && !modified.isAfter(ifModifiedSince)) {
            throw new S3Exception(S3ErrorCode.NOT_MODIFIED);
        }
    }

    /** The If-Match value, if any. */
    public Optional<String> match() {
        return Optional.ofNullable(ifMatch);
    }

    private static boolean etagMatches(String header, String etag) {
        String bare = unquote(etag);
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || unquote(c.startsWith("W/") ? c.substring(2) : c).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
