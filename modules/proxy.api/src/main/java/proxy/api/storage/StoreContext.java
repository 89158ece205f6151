package proxy.api.storage;

import java.net.URI;
import java.util.Objects;
import proxy.api.ProviderContext;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;

/**
 * What an {@link ObjectStoreProvider} opens a store from: one table's alias (for error messages) and root, and what
 * every provider gets.
 *
 * @param root a URI whose scheme is the provider's name
 */
public record StoreContext(String alias, URI root, ProviderContext shared) {
    public StoreContext {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(shared, "shared");
    }

    /** The configuration. */
    public ProxyConfig config() {
        return shared.config();
    }

    /** The metrics sink. */
    public ProxyMetrics metrics() {
        return shared.metrics();
    }
}
