package proxy.http;

import java.util.Objects;
import java.util.Optional;

/**
 * The query parameters of a ListObjects (V1 or V2) request, decoded and validated.
 *
 * @param prefix            full-key prefix ("" for all)
 * @param delimiter         empty for a flat listing
 * @param startAfter        V2 {@code start-after}, or V1 {@code marker} as sent (a key to start after, or a
 *                          sealed cursor: see {@link ContinuationTokens#MARKER_PREFIX})
 * @param continuationToken V2 {@code continuation-token} as sent (opaque, verified later)
 * @param maxKeys           0..1000 (larger requests are capped at 1000, as S3 does)
 * @param urlEncoded        {@code encoding-type=url}
 * @param fetchOwner        V2 {@code fetch-owner=true}
 */
record ListParams(String prefix, Optional<String> delimiter, Optional<String> startAfter,
                  Optional<String> continuationToken, int maxKeys, boolean urlEncoded, boolean fetchOwner) {
    /** The default and the cap of {@code max-keys}. */
    static final int MAX_KEYS = 1000;

    ListParams {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(startAfter, "startAfter");
        Objects.requireNonNull(continuationToken, "continuationToken");
        delimiter = Objects.requireNonNull(delimiter, "delimiter").filter(d -> !d.isEmpty());
        if (maxKeys < 0 || maxKeys > MAX_KEYS) {
            throw new IllegalArgumentException("maxKeys must be 0..1000");
        }
    }
}
