package proxy.api.storage;

import proxy.api.ProxyProvider;

/** Opens {@link ObjectStore}s for table roots of one URI scheme; its {@link #name()} is that scheme. */
public interface ObjectStoreProvider extends ProxyProvider<StoreContext, ObjectStore> {

    /**
     * Opens the store for one table root, whose scheme is {@link #name()}. Fails with a
     * {@link proxy.api.config.ConfigException} naming {@code tableMapping.<alias>} when the root is malformed.
     */
    @Override
    ObjectStore create(StoreContext context);
}
