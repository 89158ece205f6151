package proxy.api.delta;

import java.util.Objects;
import proxy.api.ProviderContext;
import proxy.api.storage.ObjectStore;

/**
 * What a {@link TableIndexProvider} builds an index from: the table's alias (for logs and metrics), the store its
 * log is read through (owned by the caller, not the index), and what every provider gets.
 */
public record IndexContext(String alias, ObjectStore store, ProviderContext shared) {
    public IndexContext {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(shared, "shared");
    }
}
