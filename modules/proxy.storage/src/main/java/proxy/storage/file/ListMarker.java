package proxy.storage.file;

import proxy.api.storage.Utf8Order;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ListQuery;

/**
 * Where a listing resumes: strictly after {@code key}, and also past every key under it when the previous page
 * ended with that common prefix. As a continuation token it is opaque (base64url of a kind letter and the key).
 *
 * @param key          the last key or common prefix returned, or the client's start-after
 * @param commonPrefix whether {@code key} was a rolled-up common prefix
 */
record ListMarker(String key, boolean commonPrefix) {

    /** The marker a query resumes from: its continuation token, else its start-after, else none. */
    static Optional<ListMarker> of(ListQuery query) {
        if (query.continuationToken().isPresent()) {
            return Optional.of(decode(query.continuationToken().get()));
        }
        return query.startAfter().filter(s -> !s.isEmpty()).map(s -> new ListMarker(s, false));
    }

    /** Whether {@code candidate} (a key) comes at or before this marker and must be skipped. */
    boolean skips(String candidate) {
        return Utf8Order.compare(candidate, key) <= 0 || (commonPrefix && candidate.startsWith(key));
    }

    String encode() {
        String raw = (commonPrefix ? "P" : "K") + key;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ListMarker decode(String token) {
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (raw.isEmpty() || (raw.charAt(0) != 'P' && raw.charAt(0) != 'K')) {
            throw invalid();
        }
        return new ListMarker(raw.substring(1), raw.charAt(0) == 'P');
    }

    private static S3Exception invalid() {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
}
