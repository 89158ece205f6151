package proxy.http;

import proxy.api.storage.Utf8Order;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import proxy.api.delta.FileClass;
import proxy.api.delta.FileCursor;
import proxy.api.delta.IndexedFile;
import proxy.api.delta.LogNames;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;

/**
 * A table index that references every object of a {@link FakeStore} outside {@code _delta_log/} (as it is when
 * asked), each file its own partition {@code {file=<key>}}, with the store's size and {@link FakeStore#MODIFIED};
 * a key ending in {@code .bin} (as deletion-vector files do) has no size or time in the "log". Keys named with
 * {@link #orphan} are in the store but not in the index.
 */
final class FakeIndex implements TableIndex {
    private final java.util.function.Supplier<java.util.SortedMap<String, Integer>> sizes;
    private final java.util.Set<String> orphans = java.util.concurrent.ConcurrentHashMap.newKeySet();

    FakeIndex(FakeStore store) {
        this.sizes = store::sizes;
    }

    /** An index of these files (key to size), whatever the store holds. */
    FakeIndex(Map<String, Integer> files) {
        var sorted = new java.util.TreeMap<String, Integer>(Utf8Order.COMPARATOR);
        sorted.putAll(files);
        this.sizes = () -> sorted;
    }

    private volatile boolean unreadable;

    /** Makes every call fail as a log that cannot be read does (503). */
    FakeIndex unreadable() {
        unreadable = true;
        return this;
    }

    private void check() {
        if (unreadable) {
            throw new proxy.api.S3Exception(proxy.api.S3ErrorCode.SERVICE_UNAVAILABLE,
                    "The table's Delta log cannot be read");
        }
    }

    /** Makes the index forget a key of the store (an orphan: in the store, not in the log). */
    FakeIndex orphan(String key) {
        orphans.add(key);
        return this;
    }

    static PartitionValues partitionOf(String key) {
        return new PartitionValues(Map.of("file", key));
    }

    private List<String> dataKeys() {
        return sizes.get().keySet().stream().filter(k -> !LogNames.inLog(k) && !orphans.contains(k)).toList();
    }

    @Override
    public FileClass lookup(String key) {
        check();
        if (LogNames.inLog(key)) {
            return LogNames.isProtocolFile(key) ? FileClass.DELTA_LOG : FileClass.UNKNOWN;
        }
        return dataKeys().contains(key) ? new FileClass.DataFile(partitionOf(key)) : FileClass.UNKNOWN;
    }

    @Override
    public boolean anyFileUnder(String prefix, Predicate<PartitionValues> allowed) {
        return dataKeys().stream().anyMatch(k -> k.startsWith(prefix) && allowed.test(partitionOf(k)));
    }

    @Override
    public FileCursor files(String prefix, Optional<String> startAfter, Predicate<PartitionValues> allowed) {
        check();
        var known = sizes.get();
        var files = new ArrayList<IndexedFile>();
        for (String key : dataKeys()) {
            if (key.startsWith(prefix) && startAfter.map(s -> Utf8Order.compare(key, s) > 0).orElse(true)
                    && allowed.test(partitionOf(key))) {
                boolean described = !key.endsWith(".bin");
                files.add(new IndexedFile(key,
                        described ? OptionalLong.of(known.get(key)) : OptionalLong.empty(),
                        described ? Optional.of(FakeStore.MODIFIED) : Optional.<Instant>empty()));
            }
        }
        return new FileCursor() {
            private int next;

            @Override
            public Optional<IndexedFile> next() {
                return next < files.size() ? Optional.of(files.get(next++)) : Optional.empty();
            }

            @Override
            public void skipPrefix(String skipped) {
                while (next < files.size() && files.get(next).key().startsWith(skipped)) {
                    next++;
                }
            }
        };
    }

    @Override
    public Map<PartitionValues, Long> dataFileCounts() {
        return Map.of();
    }

    @Override
    public long version() {
        return -1;
    }

    @Override
    public void refresh() {
    }

    @Override
    public void close() {
    }
}
