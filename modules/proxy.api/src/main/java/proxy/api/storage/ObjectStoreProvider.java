package proxy.api.storage;

import java.net.URI;
import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/** Opens {@link ObjectStore}s for table roots of one URI scheme; its {@link #name()} is that scheme. */
public interface ObjectStoreProvider extends ProxyProvider {

    /**
     * Opens the store for one table root. Fails with a {@link proxy.api.config.ConfigException} naming
     * {@code tableMapping.<alias>} when the root is malformed.
     *
     * @param alias the table alias, for error messages
     * @param root  a URI whose scheme is {@link #name()}
     */
    ObjectStore open(String alias, URI root, ProviderContext context);
}
