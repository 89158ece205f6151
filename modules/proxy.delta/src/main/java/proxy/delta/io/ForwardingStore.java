package proxy.delta.io;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;

/** A store that hands every call to another; subclasses override the calls they change (retry, watch, hold). */
public abstract class ForwardingStore implements ObjectStore {
    protected final ObjectStore store;

    protected ForwardingStore(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public URI root() {
        return store.root();
    }

    @Override
    public ObjectMeta head(String key) {
        return store.head(key);
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        return store.get(key, range, conditions);
    }

    @Override
    public ListPage list(ListQuery query) {
        return store.list(query);
    }

    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        return store.presignGet(key, lifetime);
    }

    @Override
    public void close() {
        store.close();
    }
}
