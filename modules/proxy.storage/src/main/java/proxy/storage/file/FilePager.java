package proxy.storage.file;

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
     * @param keys all keys starting with the query's prefix, in UTF-8 binary order
     * @param meta builds an object's metadata from its key and attributes
     */
    static ListPage page(SortedMap<String, BasicFileAttributes> keys, ListQuery query,
                         BiFunction<String, BasicFileAttributes, ObjectMeta> meta) {
        Optional<ListMarker> marker = ListMarker.of(query);
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
