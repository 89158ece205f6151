package proxy.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a bucket listing: visible objects (full keys) and common prefixes, and where to continue.
 *
 * @param next empty when the listing is complete
 * @param full whether the page holds max-keys entries; a page that is truncated but not full stopped at the
 *             store-page budget
 * @param last the greatest entry of the page (key or common prefix), if any
 */
record ListingResult(List<Listed> objects, List<String> prefixes, Optional<ListCursor> next, boolean full,
                     Optional<String> last) {
    /** An empty, complete page (max-keys=0). */
    static final ListingResult EMPTY = new ListingResult(List.of(), List.of(), Optional.empty(), false,
            Optional.empty());

    ListingResult {
        objects = List.copyOf(objects);
        prefixes = List.copyOf(prefixes);
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(last, "last");
    }

    /**
     * A visible object under its full key.
     *
     * @param etag the store's ETag where the listing read the object from the store; empty for data files listed
     *             from the Delta index, which does not know it (a listing never shows an ETag a GET would not)
     */
    record Listed(String key, long size, Instant lastModified, Optional<String> etag) {
        Listed {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(lastModified, "lastModified");
            Objects.requireNonNull(etag, "etag");
        }
    }

    /**
     * Collects a page while the walk goes, in key order: takes up to max-keys entries and notes whether one more
     * was offered (the page is then truncated, and continues after its last entry). Counts the store pages read.
     */
    static final class Builder {
        private final int maxKeys;
        private final List<Listed> objects = new ArrayList<>();
        private final List<String> prefixes = new ArrayList<>();
        private String last;
        private boolean more;
        private int pages;

        Builder(int maxKeys) {
            this.maxKeys = maxKeys;
        }

        /** Adds an object; false (and nothing added) when the page is already full. */
        boolean object(Listed object) {
            if (full()) {
                more = true;
                return false;
            }
            objects.add(object);
            last = object.key();
            return true;
        }

        /** Adds a common prefix (once); false (and nothing added) when the page is already full. */
        boolean prefix(String prefix) {
            if (prefix.equals(last)) {
                return true;
            }
            if (full()) {
                more = true;
                return false;
            }
            prefixes.add(prefix);
            last = prefix;
            return true;
        }

        /** The last entry taken, if any. */
        Optional<String> last() {
            return Optional.ofNullable(last);
        }

        void countPage() {
            pages++;
        }

        int pages() {
            return pages;
        }

        boolean full() {
            return objects.size() + prefixes.size() >= maxKeys;
        }

        /** The page; truncated (continuing after its last entry) when one more entry was offered. */
        ListingResult build() {
            Optional<ListCursor> next = more ? Optional.of(new ListCursor(last)) : Optional.empty();
            return new ListingResult(objects, prefixes, next, full(), Optional.ofNullable(last));
        }

        /** The full page, truncated without a look at what follows (which cannot be read now). */
        ListingResult truncatedBefore() {
            more = true;
            return build();
        }

        /** The page, stopped at the store-page budget: continues after {@code after} (a full key). */
        ListingResult stopped(String after) {
            return new ListingResult(objects, prefixes, Optional.of(new ListCursor(after)), full(),
                    Optional.ofNullable(last));
        }
    }
}
