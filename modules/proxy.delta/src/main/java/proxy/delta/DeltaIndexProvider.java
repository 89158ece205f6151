package proxy.delta;

import java.nio.file.Path;
import proxy.api.ProviderContext;
import proxy.api.delta.IndexContext;
import proxy.api.delta.TableIndex;
import proxy.api.delta.TableIndexProvider;
import proxy.api.storage.ObjectStore;
import proxy.delta.served.ArtifactCache;
import proxy.delta.served.SpillDirectory;

/**
 * Provides {@code delta}: table indexes that read {@code _delta_log} with Delta Kernel through the table's
 * {@link ObjectStore}, refreshed every {@code metadataRefreshSeconds} and on unknown keys. The indexes it creates
 * share one cache of filtered log objects ({@code filteredLogCacheBytes}) in one {@link SpillDirectory} under
 * {@code java.io.tmpdir}, created with the first index and deleted when the last one is closed.
 */
public final class DeltaIndexProvider implements TableIndexProvider {
    private SpillDirectory spill; // guarded by this
    private ArtifactCache filteredLogCache; // guarded by this
    private int open; // guarded by this

    @Override
    public String name() {
        return "delta";
    }

    @Override
    public TableIndex create(IndexContext context) {
        return new DeltaTableIndex(context.alias(), context.store(), context.shared(), acquire(context.shared()),
                this::release);
    }

    private synchronized ArtifactCache acquire(ProviderContext context) {
        if (filteredLogCache == null) {
            spill = SpillDirectory.create(Path.of(System.getProperty("java.io.tmpdir")));
            filteredLogCache = new ArtifactCache(spill.path(), context.config().tables().filteredLogCacheBytes(),
                    context.metrics());
        }
        open++;
        return filteredLogCache;
    }

    /** An index was closed: the last one deletes the spill directory. */
    private synchronized void release() {
        if (--open == 0) {
            spill.close();
            spill = null;
            filteredLogCache = null;
        }
    }
}
