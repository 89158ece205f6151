package proxy.delta;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.delta.io.ForwardingStore;
import proxy.storage.file.FileStore;

/** The project's file store over a directory, remembering which keys were read so tests see what a refresh read. */
final class RecordingStore extends ForwardingStore {
    private final List<String> gotKeys = Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.atomic.AtomicInteger virtualThreadReads =
            new java.util.concurrent.atomic.AtomicInteger();

    RecordingStore(Path dir) {
        super(fileStore(dir.toAbsolutePath().normalize()));
    }

    private static ObjectStore fileStore(Path root) {
        return new FileStore(root.toUri(), root);
    }

    /** The keys of every GET so far, in order. */
    List<String> gotKeys() {
        synchronized (gotKeys) {
            return List.copyOf(gotKeys);
        }
    }

    /** How many reads (GET, HEAD, LIST) ran on a virtual thread. */
    int virtualThreadReads() {
        return virtualThreadReads.get();
    }

    private void noteThread() {
        if (Thread.currentThread().isVirtual()) {
            virtualThreadReads.incrementAndGet();
        }
    }

    @Override
    public ObjectMeta head(String key) {
        noteThread();
        return store.head(key);
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        noteThread();
        gotKeys.add(key);
        return store.get(key, range, conditions);
    }

    @Override
    public ListPage list(ListQuery query) {
        noteThread();
        return store.list(query);
    }
}
