package proxy.app;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentLinkedQueue;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;

/**
 * Test-only store scheme {@code counting:/abs/path}: the real {@code file} store of {@code file:/abs/path},
 * wrapped so that every call it receives is recorded in {@link #TOUCHES} with the alias, the operation, the key
 * (or list prefix) and whether the Delta index made it (a {@code proxy.delta} frame on the stack) or a request.
 * ServiceLoader instantiates providers, hence the one static journal; tests clear it before use.
 */
public final class CountingStoreProvider implements ObjectStoreProvider {
    /** Every store call of every counting store, in order. */
    static final ConcurrentLinkedQueue<Touch> TOUCHES = new ConcurrentLinkedQueue<>();

    /** One store call. */
    record Touch(String alias, String operation, String key, boolean byIndex) {
    }

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public ObjectStore create(StoreContext context) {
        ObjectStoreProvider file = ServiceLoader.load(ObjectStoreProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.name().equals("file")).findFirst().orElseThrow();
        return new Counting(context.alias(), file.create(new StoreContext(context.alias(),
                URI.create("file:" + context.root().getRawPath()), context.shared())));
    }

    /** The counting root of a directory. */
    static URI root(java.nio.file.Path directory) {
        return URI.create("counting:" + directory.toUri().getRawPath());
    }

    /** The touches made by requests (not by the index), as a snapshot. */
    static List<Touch> byRequests() {
        return TOUCHES.stream().filter(t -> !t.byIndex()).toList();
    }

    private record Counting(String alias, ObjectStore delegate) implements ObjectStore {
        Counting {
            Objects.requireNonNull(delegate, "delegate");
        }

        private void touch(String operation, String key) {
            boolean byIndex = StackWalker.getInstance().walk(frames -> frames
                    .anyMatch(f -> f.getClassName().startsWith("proxy.delta.")));
            TOUCHES.add(new Touch(alias, operation, key, byIndex));
        }

        @Override
        public URI root() {
            return delegate.root();
        }

        @Override
        public ObjectMeta head(String key) {
            touch("head", key);
            return delegate.head(key);
        }

        @Override
        public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
            touch("get", key);
            return delegate.get(key, range, conditions);
        }

        @Override
        public ListPage list(ListQuery query) {
            touch("list", query.prefix());
            return delegate.list(query);
        }

        @Override
        public Optional<URI> presignGet(String key, Duration lifetime) {
            touch("presign", key);
            return delegate.presignGet(key, lifetime);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
