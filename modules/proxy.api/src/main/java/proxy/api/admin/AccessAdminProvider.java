package proxy.api.admin;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;

/**
 * Opens the {@link AccessAdmin} of the configured database ({@code sqlite}), creating the database and its schema
 * when absent and migrating an older schema.
 */
public interface AccessAdminProvider extends ProxyProvider<ProviderContext, AccessAdmin> {

    /**
     * Opens the configured database for writing; the caller closes the result.
     *
     * @throws proxy.api.config.ConfigException when the database cannot be opened or created (naming its resolved
     *                                          path) or was written by a newer release
     */
    @Override
    AccessAdmin create(ProviderContext context);
}
