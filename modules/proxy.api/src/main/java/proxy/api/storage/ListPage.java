package proxy.api.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a store listing, keys relative to the table root, in UTF-8 binary order.
 *
 * @param objects        the keys of this page
 * @param commonPrefixes the rolled-up prefixes of this page (each ends with the delimiter)
 * @param nextToken      the store's token for the next page; present iff the listing is truncated
 */
public record ListPage(List<ObjectMeta> objects, List<String> commonPrefixes, Optional<String> nextToken) {
    public ListPage {
        objects = List.copyOf(objects);
        commonPrefixes = List.copyOf(commonPrefixes);
        Objects.requireNonNull(nextToken, "nextToken");
    }

    /** Whether more pages follow. */
    public boolean truncated() {
        return nextToken.isPresent();
    }
}
