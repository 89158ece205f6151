package proxy.storage.file;

import proxy.api.storage.Utf8Order;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.BiFunction;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;

/**
 * Cuts one S3 page out of a sorted key space: skips up to the marker, rolls keys up to common prefixes at the
 * delimiter, and stops after {@code maxKeys} entries (keys plus prefixes). The token names the last entry
 * returned, so a page that ended on a common prefix resumes past every key under it.
 */
final class FilePager {

    private FilePager() {
    }

    /**
     * What a listing needs of a directory under the prefix. With the delimiter {@code /} every key in it rolls up
     * into the directory's own key, so one key stands for all of them, unless the marker lies inside it.
     *
     * @param dirKey a directory's key, ending with {@code /} and starting with the query's prefix
     */
    static FileTree.Rollup rollup(String dirKey, Optional<String> delimiter, Optional<ListMarker> marker) {
        if (!delimiter.equals(Optional.of("/"))) {
            return FileTree.Rollup.EVERY_KEY;
        }
        if (marker.isEmpty()) {
            return FileTree.Rollup.ONE_KEY;
        }
        ListMarker m = marker.get();
        if (m.commonPrefix() && dirKey.startsWith(m.key())) {
            return FileTree.Rollup.NOTHING;
        }
        if (m.key().startsWith(dirKey)) {
            return FileTree.Rollup.EVERY_KEY;
        }
        return Utf8Order.compare(m.key(), dirKey) < 0 ? FileTree.Rollup.ONE_KEY : FileTree.Rollup.NOTHING;
    }

    /**
     * @param keys the keys starting with the query's prefix that the page may need, in UTF-8 binary order
     * @param marker where the listing resumes ({@link ListMarker#of(ListQuery)})
     * @param meta   builds an object's metadata from its key and attributes
     */
    static ListPage page(SortedMap<String, BasicFileAttributes> keys, ListQuery query, Optional<ListMarker> marker,
                         BiFunction<String, BasicFileAttributes, ObjectMeta> meta) {
        var objects = new ArrayList<ObjectMeta>();
        var prefixes = new ArrayList<String>();
        ListMarker last = null;
        for (Map.Entry<String, BasicFileAttributes> entry : keys.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(query.prefix()) || marker.map(m -> m.skips(key)).orElse(false)) {
                continue;
            }
            Optional<String> rolled = commonPrefix(key, query);
            if (rolled.isPresent() && last != null && last.commonPrefix() && last.key().equals(rolled.get())) {
                continue;
            }
            if (objects.size() + prefixes.size() == query.maxKeys()) {
                return new ListPage(objects, prefixes, Optional.of(last.encode()));
            }
            if (rolled.isPresent()) {
                prefixes.add(rolled.get());
                last = new ListMarker(rolled.get(), true);
            } else {
                objects.add(meta.apply(key, entry.getValue()));
                last = new ListMarker(key, false);
            }
        }
        return new ListPage(objects, prefixes, Optional.empty());
    }

    private static Optional<String> commonPrefix(String key, ListQuery query) {
        if (query.delimiter().isEmpty()) {
            return Optional.empty();
        }
        String delimiter = query.delimiter().get();
        int at = key.indexOf(delimiter, query.prefix().length());
        return at < 0 ? Optional.empty() : Optional.of(key.substring(0, at + delimiter.length()));
    }
}
