package proxy.delta;

import proxy.api.ProviderContext;
import proxy.api.delta.TableIndex;
import proxy.api.delta.TableIndexProvider;
import proxy.api.storage.ObjectStore;

/**
 * Provides {@code delta}: table indexes that read {@code _delta_log} with Delta Kernel through the table's
 * {@link ObjectStore}, refreshed every {@code metadataRefreshSeconds} and on unknown keys.
 */
public final class DeltaIndexProvider implements TableIndexProvider {

    @Override
    public String name() {
        return "delta";
    }

    @Override
    public TableIndex create(String alias, ObjectStore store, ProviderContext context) {
        return new DeltaTableIndex(alias, store, context);
    }
}
