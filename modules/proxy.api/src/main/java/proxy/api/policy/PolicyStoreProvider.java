package proxy.api.policy;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/** Builds a {@link PolicyStore}: {@code config} always, {@code jdbc} when {@code databaseEnabled}. */
public interface PolicyStoreProvider extends ProxyProvider<ProviderContext, PolicyStore> {

    /** The store; closeable when it holds resources. */
    @Override
    PolicyStore create(ProviderContext context);
}
