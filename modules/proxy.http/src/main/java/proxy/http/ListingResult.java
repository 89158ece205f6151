package proxy.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import proxy.api.storage.ObjectMeta;

/**
 * One page of a bucket listing: visible objects (full keys) and common prefixes, and where to continue.
 *
 * @param next empty when the listing is complete
 * @param full whether the page holds max-keys entries; a page that is truncated but not full stopped at the
 *             store-page budget
 */
record ListingResult(List<Listed> objects, List<String> prefixes, Optional<ListCursor> next, boolean full) {
    /** An empty, complete page (max-keys=0). */
    static final ListingResult EMPTY = new ListingResult(List.of(), List.of(), Optional.empty(), false);

    ListingResult {
        objects = List.copyOf(objects);
        prefixes = List.copyOf(prefixes);
    }

    /** A visible object under its full key. */
    record Listed(String key, ObjectMeta meta) {
    }

    /** The greatest key or prefix of the page (the V1 NextMarker), if any. */
    Optional<String> last() {
        Optional<String> key = objects.isEmpty() ? Optional.empty() : Optional.of(objects.getLast().key());
        Optional<String> prefix = prefixes.isEmpty() ? Optional.empty() : Optional.of(prefixes.getLast());
        if (key.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() || key.get().compareTo(prefix.get()) > 0 ? key : prefix;
    }

    /** Collects a page while the walk goes; counts the store pages read. */
    static final class Builder {
        private final int maxKeys;
        private final List<Listed> objects = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();
        private int pages;

        Builder(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        void object(String key, ObjectMeta meta) {
            objects.add(new Listed(key, meta));
        }

        void prefix(String prefix) {
            if (prefixes.isEmpty() || !prefixes.getLast().equals(prefix)) {
                prefixes.add(prefix);
            }
        }

        void countPage() {
            pages++;
        }

        int pages() {
            return pages;
        }

        int remaining() {
            return maxKeys - objects.size() - prefixes.size();
        }

        boolean full() {
            return remaining() <= 0;
        }

        ListingResult build(Optional<ListCursor> next) {
            return new ListingResult(objects, prefixes, next, full());
        }
    }
}
