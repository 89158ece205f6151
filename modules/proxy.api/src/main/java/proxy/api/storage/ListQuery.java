package proxy.api.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * One page request of a listing inside a table, with keys relative to the table root.
 *
 * @param prefix            only keys starting with this ("" for all)
 * @param delimiter         roll keys up to common prefixes at this string; empty for a flat listing
 * @param startAfter        only keys strictly after this, in UTF-8 binary order
 * @param continuationToken the store's own token from the previous page; wins over {@code startAfter}
 * @param maxKeys           at most this many keys plus common prefixes, 1..1000
 */
public record ListQuery(String prefix, Optional<String> delimiter, Optional<String> startAfter,
                        Optional<String> continuationToken, int maxKeys) {
    public ListQuery {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(startAfter, "startAfter");
        Objects.requireNonNull(continuationToken, "continuationToken");
        if (maxKeys < 1 || maxKeys > 1000) {
            throw new IllegalArgumentException("maxKeys must be 1..1000");
        }
        delimiter = delimiter.filter(d -> !d.isEmpty());
    }
}
