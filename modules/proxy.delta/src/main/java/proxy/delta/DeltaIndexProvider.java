package proxy.delta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import proxy.api.ProviderContext;
import proxy.api.delta.IndexContext;
import proxy.api.delta.TableIndex;
import proxy.api.delta.TableIndexProvider;
import proxy.api.storage.ObjectStore;
import proxy.delta.served.ArtifactCache;

/**
 * Provides {@code delta}: table indexes that read {@code _delta_log} with Delta Kernel through the table's
 * {@link ObjectStore}, refreshed every {@code metadataRefreshSeconds} and on unknown keys. The indexes it creates
 * share one cache of filtered log objects ({@code filteredLogCacheBytes}, in a temporary directory), created with the
 * first index.
 */
public final class DeltaIndexProvider implements TableIndexProvider {
    private ArtifactCache filteredLogCache; // guarded by this

    @Override
    public String name() {
        return "delta";
    }

    @Override
    public TableIndex create(IndexContext context) {
        return new DeltaTableIndex(context.alias(), context.store(), context.shared(),
                filteredLogCache(context.shared()));
    }

    private synchronized ArtifactCache filteredLogCache(ProviderContext context) {
        if (filteredLogCache == null) {
            try {
                filteredLogCache = new ArtifactCache(Files.createTempDirectory("delta-s3-proxy-filtered-log-"),
                        context.config().tables().filteredLogCacheBytes(), context.metrics());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the directory of the filtered log cache", e);
            }
        }
        return filteredLogCache;
    }
}
