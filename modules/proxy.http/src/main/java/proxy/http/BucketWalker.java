package proxy.http;

import proxy.api.storage.Utf8Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.policy.ListingFilter;

/**
 * Walks the virtual bucket for a listing: the visible tables in key order, each either rolled up into a common
 * prefix (when the delimiter falls inside {@code alias/}) or walked through its {@link TableKeys}, which lists
 * data files from the Delta index and only {@code _delta_log/} from the store. Common prefixes are rolled up here,
 * on full keys, from the keys the principal sees; a common prefix that is not after the listing's start-after
 * (because the start-after lies inside it) is skipped with everything under it, as S3 does.
 *
 * <p>A page takes max-keys entries and one more look: it is truncated exactly when another visible entry exists,
 * and continues after its last entry. Nothing here depends on what the principal cannot see, except inside a
 * {@code _delta_log/}, whose foreign objects are read from the store and dropped: at most
 * {@link #MAX_STORE_PAGES} store pages per request, after which the page ends with a cursor, even with no entry.
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
     * @param after only entries strictly after this full key (start-after, a marker, or a cursor's position)
     */
    record Walk(String prefix, Optional<String> delimiter, Optional<String> after, int maxKeys) {
    }

    /** One walk unit: a rolled-up alias group or a table to scan. */
    private sealed interface Unit {
    }

    private record Rollup(String prefix) implements Unit {
    }

    private record Scan(Table table, String relativePrefix) implements Unit {
    }

    /** Lists one page. */
    ListingResult walk(Principal principal, Walk walk) {
        var page = new ListingResult.Builder(walk.maxKeys());
        for (Unit unit : units(principal, walk.prefix(), walk.delimiter())) {
            switch (unit) {
                case Rollup rollup -> {
                    if (after(rollup.prefix(), walk) && !page.prefix(rollup.prefix())) {
                        return page.build();
                    }
                }
                case Scan scan -> {
                    Optional<ListingResult> done = scanOrPeek(principal, scan, walk, page);
                    if (done.isPresent()) {
                        return done.get();
                    }
                }
            }
        }
        return page.build();
    }

    private static boolean after(String entry, Walk walk) {
        return walk.after().isEmpty() || Utf8Order.compare(entry, walk.after().get()) > 0;
    }

    private List<Unit> units(Principal principal, String prefix, Optional<String> delimiter) {
        var units = new ArrayList<Unit>();
        for (Table table : directory.visibleTables(principal)) {
            String root = table.alias() + "/";
            if (prefix.startsWith(root)) {
                units.add(new Scan(table, prefix.substring(root.length())));
            } else if (root.startsWith(prefix)) {
                int at = delimiter.map(d -> root.indexOf(d, prefix.length())).orElse(-1);
                if (at < 0) { // a delimiter that straddles the root is applied to the table's keys
                    units.add(new Scan(table, ""));
                    continue;
                }
                String rolled = root.substring(0, at + delimiter.get().length());
                if (units.isEmpty() || !(units.getLast() instanceof Rollup last && last.prefix().equals(rolled))) {
                    units.add(new Rollup(rolled));
                }
            }
        }
        return units;
    }

    /**
     * Scans a table; when the page is already full and only looks for one more entry, a table whose index cannot
     * be read ends the page as truncated (the next page, which starts in that table, answers 503), so the tables
     * before it stay listable.
     */
    private Optional<ListingResult> scanOrPeek(Principal principal, Scan scan, Walk walk,
                                               ListingResult.Builder page) {
        if (!page.full()) {
            return scan(principal, scan, walk, page);
        }
        try {
            return scan(principal, scan, walk, page);
        } catch (S3Exception e) {
            if (e.code() != S3ErrorCode.SERVICE_UNAVAILABLE) {
                throw e;
            }
            return Optional.of(page.truncatedBefore());
        }
    }

    /** Scans one table into the page; returns the finished page when it ends inside this table. */
    private Optional<ListingResult> scan(Principal principal, Scan scan, Walk walk, ListingResult.Builder page) {
        String root = scan.table().alias() + "/";
        Optional<String> relativeAfter = Optional.empty();
        if (walk.after().isPresent()) {
            String after = walk.after().get();
            if (after.startsWith(root)) {
                relativeAfter = Optional.of(after.substring(root.length())).filter(s -> !s.isEmpty());
            } else if (Utf8Order.compare(after, root) > 0) {
                return Optional.empty(); // the whole table sorts before the start
            }
        }
        ListingFilter filter = directory.authorizer().listingFilter(principal, scan.table());
        var keys = new TableKeys(scan.table(), filter, scan.relativePrefix(), relativeAfter, page);
        for (ListingResult.Listed entry = keys.next(); entry != null; entry = keys.next()) {
            String key = root + entry.key();
            Optional<String> rolled = walk.delimiter().flatMap(d -> rollUp(key, walk.prefix(), d));
            if (rolled.isPresent()) {
                keys.skipPrefix(rolled.get().substring(root.length()));
                if (after(rolled.get(), walk) && !page.prefix(rolled.get())) {
                    return Optional.of(page.build());
                }
            } else if (!page.object(new ListingResult.Listed(key, entry.size(), entry.lastModified(),
                    entry.etag()))) {
                return Optional.of(page.build());
            }
        }
        if (!keys.stopped()) {
            return Optional.empty();
        }
        return Optional.of(page.stopped(keys.lastLogRead().map(relative -> root + relative)
                .orElseGet(() -> latest(root, page.last(), walk.after()))));
    }

    /**
     * Where to resume when the budget ran out before a table's log was read: after everything given so far, and
     * at least after the table's root (every key of earlier tables sorts before it, every key of this one after).
     */
    private static String latest(String root, Optional<String> last, Optional<String> after) {
        String latest = root;
        for (Optional<String> candidate : List.of(last, after)) {
            if (candidate.isPresent() && Utf8Order.compare(candidate.get(), latest) > 0) {
                latest = candidate.get();
            }
        }
        return latest;
    }

    /** The common prefix a key rolls up to: up to the first delimiter after the listing prefix. */
    private static Optional<String> rollUp(String key, String prefix, String delimiter) {
        int at = key.indexOf(delimiter, prefix.length());
        return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.length()));
    }
}
