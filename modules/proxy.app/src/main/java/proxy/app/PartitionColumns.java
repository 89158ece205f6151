package proxy.app;

import java.net.URI;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.delta.IndexContext;
import proxy.api.delta.PartitionValues;
import proxy.api.delta.TableIndex;
import proxy.api.delta.TableIndexProvider;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;

/**
 * The partition columns of one table, read from its Delta log through the same store and index providers that
 * {@code serve} and {@code explain} use: the logical column names of the partition values of its data files (the
 * Delta protocol writes every partition column into every file's {@code partitionValues}).
 */
final class PartitionColumns {
    private PartitionColumns() {
    }

    /**
     * @return the columns, sorted; empty for an unpartitioned table
     * @throws AccessAdmin.Refused  when the alias is not in tableMapping or its log has no data file to tell the
     *                               columns by
     * @throws IllegalStateException when the log cannot be read
     */
    static Set<String> of(ProxyConfig config, String alias, Clock clock) {
        URI root = config.tables().mapping().get(alias);
        if (root == null) {
            throw new AccessAdmin.Refused("no table '" + alias + "' in tableMapping (tables: "
                    + config.tables().mapping().keySet() + ")");
        }
        var context = new ProviderContext(config, clock, ProxyMetrics.NOOP);
        try (ObjectStore store = Providers.select(ObjectStoreProvider.class, root.getScheme(), "tableMapping." + alias)
                .create(new StoreContext(alias, root, context));
             TableIndex index = Providers.select(TableIndexProvider.class, "delta", "tableIndex")
                     .create(new IndexContext(alias, store, context))) {
            index.refresh();
            var partitions = index.dataFileCounts().keySet();
            if (partitions.isEmpty()) {
                throw new AccessAdmin.Refused("table " + alias + " has no data files yet, so its partition columns"
                        + " cannot be checked; grant the whole table (no --partition) or add the grant once it has data");
            }
            var columns = new TreeSet<String>();
            partitions.stream().map(PartitionValues::values).forEach(v -> columns.addAll(v.keySet()));
            return columns;
        } catch (ConfigException | AccessAdmin.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read the Delta log of table " + alias + " at " + root + ": "
                    + e.getMessage(), e);
        }
    }
}
