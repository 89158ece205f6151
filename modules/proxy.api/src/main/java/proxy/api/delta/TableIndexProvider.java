package proxy.api.delta;

import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;
import proxy.api.storage.ObjectStore;

/** Builds the {@link TableIndex} of a table from the log in its store. */
public interface TableIndexProvider extends ProxyProvider {

    /**
     * An index over the table's log, read through the given store. Does not read the log yet.
     *
     * @param alias the table alias, for logs and metrics
     */
    TableIndex create(String alias, ObjectStore store, ProviderContext context);
}
