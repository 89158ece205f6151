package proxy.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.policy.ListingFilter;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;

/**
 * Walks the virtual bucket for a listing: the visible tables in key order, each either rolled up into a common
 * prefix (when the delimiter falls inside {@code alias/}) or scanned through its store with the relative prefix.
 * Store entries are mapped back to {@code alias/...} and kept only when the principal's {@link ListingFilter}
 * shows them. Because filtering can empty a store page, further store pages are fetched, bounded by
 * {@link #MAX_STORE_PAGES} per request for V1 and V2 alike: a walk that reaches the budget ends with a cursor, even
 * with no entry found, so one request costs at most that many store calls however few keys the principal sees.
 */
final class BucketWalker {
    /** How many store pages one listing request may read before it answers truncated. */
    static final int MAX_STORE_PAGES = 10;

    private final TableDirectory directory;

    BucketWalker(TableDirectory directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /**
     * What to walk.
     *
     * @param startAfter only keys strictly after this (V2 {@code start-after}, a V1 {@code marker} that is a key)
     * @param from       where an earlier page of this listing stopped (a sealed cursor)
     */
    record Walk(String prefix, Optional<String> delimiter, Optional<String> startAfter, int maxKeys,
                Optional<ListCursor> from) {
    }

    /** One walk unit: a rolled-up alias group or a table to scan. */
    private sealed interface Unit {
        String alias();
    }

    private record Rollup(String alias, String prefix) implements Unit {
    }

    private record Scan(Table table, String relativePrefix) implements Unit {
        @Override
        public String alias() {
            return table.alias();
        }
    }

    /**
     * Lists one page.
     *
     * @throws S3Exception InvalidArgument when the cursor names no table of this listing
     */
    ListingResult walk(Principal principal, Walk walk) {
        List<Unit> units = units(principal, walk.prefix(), walk.delimiter());
        var found = new ListingResult.Builder(walk.maxKeys());
        int start = 0;
        Optional<String> token = Optional.empty();
        if (walk.from().isPresent()) {
            start = indexOf(units, walk.from().get());
            token = walk.from().get().storeToken();
        }
        for (int i = start; i < units.size(); i++) {
            if (found.full() || found.pages() >= MAX_STORE_PAGES) {
                return found.build(Optional.of(new ListCursor(units.get(i).alias(), Optional.empty())));
            }
            switch (units.get(i)) {
                case Rollup rollup -> {
                    if (walk.startAfter().isEmpty() || rollup.prefix().compareTo(walk.startAfter().get()) > 0) {
                        found.prefix(rollup.prefix());
                    }
                }
                case Scan scan -> {
                    Optional<String> next = scan(principal, scan, walk, i == start ? token : Optional.empty(), found);
                    if (next.isPresent()) {
                        return found.build(Optional.of(new ListCursor(scan.alias(), next)));
                    }
                }
            }
        }
        return found.build(Optional.empty());
    }

    private List<Unit> units(Principal principal, String prefix, Optional<String> delimiter) {
        var units = new ArrayList<Unit>();
        for (Table table : directory.visibleTables(principal)) {
            String root = table.alias() + "/";
            if (prefix.startsWith(root)) {
                units.add(new Scan(table, prefix.substring(root.length())));
            } else if (root.startsWith(prefix)) {
                int at = delimiter.map(d -> root.indexOf(d, prefix.length())).orElse(-1);
                if (at < 0) {
                    units.add(new Scan(table, ""));
                    continue;
                }
                String rolled = root.substring(0, at + delimiter.get().length());
                if (units.isEmpty() || !(units.getLast() instanceof Rollup last && last.prefix().equals(rolled))) {
                    units.add(new Rollup(table.alias(), rolled));
                }
            }
        }
        return units;
    }

    private static int indexOf(List<Unit> units, ListCursor cursor) {
        for (int i = 0; i < units.size(); i++) {
            Unit unit = units.get(i);
            if (unit.alias().equals(cursor.alias())) {
                if (unit instanceof Rollup && cursor.storeToken().isPresent()) {
                    break;
                }
                return i;
            }
        }
        throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }

    /** Scans one table; returns the store token to resume with when the page ends inside this table. */
    private Optional<String> scan(Principal principal, Scan scan, Walk walk, Optional<String> token,
                                  ListingResult.Builder found) {
        String root = scan.alias() + "/";
        Optional<String> relativeStart = Optional.empty();
        if (walk.startAfter().isPresent()) {
            String startAfter = walk.startAfter().get();
            if (startAfter.startsWith(root)) {
                relativeStart = Optional.of(startAfter.substring(root.length())).filter(s -> !s.isEmpty());
            } else if (startAfter.compareTo(root) > 0) {
                return Optional.empty();
            }
        }
        ListingFilter filter = directory.authorizer().listingFilter(principal, scan.table());
        while (true) {
            var query = new ListQuery(scan.relativePrefix(), walk.delimiter(),
                    token.isPresent() ? Optional.empty() : relativeStart, token, found.remaining());
            ListPage page = scan.table().store().list(query);
            found.countPage();
            keep(page, root, filter, relativeStart, found);
            if (!page.truncated()) {
                return Optional.empty();
            }
            token = page.nextToken();
            if (found.full() || found.pages() >= MAX_STORE_PAGES) {
                return token;
            }
        }
    }

    private static void keep(ListPage page, String root, ListingFilter filter, Optional<String> relativeStart,
                             ListingResult.Builder found) {
        for (var meta : page.objects()) {
            if (filter.showsKey(meta.key()) && relativeStart.map(s -> meta.key().compareTo(s) > 0).orElse(true)) {
                found.object(root + meta.key(), meta);
            }
        }
        for (String prefix : page.commonPrefixes()) {
            if (filter.showsPrefix(prefix) && !relativeStart.equals(Optional.of(prefix))) {
                found.prefix(root + prefix);
            }
        }
    }
}
