package proxy.bench.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;
import proxy.api.config.ProxyConfig;
import proxy.api.delta.IndexContext;
import proxy.api.delta.TableIndex;
import proxy.api.delta.TableIndexProvider;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;

/**
 * The product's index over a local table, wired as {@code proxy.app} wires it: the {@code file} object store and
 * the {@code delta} index provider found through {@link ServiceLoader}, a {@link ProviderContext} from
 * {@link ProxyConfig#defaults}. The background refresh interval is set to its maximum (one day) so that no
 * scheduled refresh runs during a measurement.
 */
final class ProductIndex {
    static final String ALIAS = "bench";

    private final ProviderContext context;
    private final ObjectStoreProvider stores;
    private final TableIndexProvider indexes;
    private final URI root;

    ProductIndex(Path table) {
        this.root = table.toAbsolutePath().toUri();
        ProxyConfig config = ProxyConfig.defaults(Map.of(ALIAS, root)).toBuilder()
                .metadataRefreshSeconds(86_400).build();
        this.context = new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP);
        this.stores = find(ObjectStoreProvider.class, "file");
        this.indexes = find(TableIndexProvider.class, "delta");
    }

    /** A new store and a new, empty index over it (nothing read yet). */
    Opened open() {
        ObjectStore store = stores.create(new StoreContext(ALIAS, root, context));
        return new Opened(store, indexes.create(new IndexContext(ALIAS, store, context)));
    }

    /**
     * The key of a data file of the table's newest JSON commit, read independently of the product: its first
     * {@code add.path} (the generator writes plain paths, nothing to URI-decode).
     */
    static String newestFile(Path table) throws IOException {
        Path commit;
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            commit = files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).max(Path::compareTo)
                    .orElseThrow(() -> new IOException("no JSON commit in " + table));
        }
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(commit)) {
            JsonNode add = line.isBlank() ? null : json.readTree(line).get("add");
            if (add != null && !add.path("path").asText().contains("%")) {
                return add.path("path").asText();
            }
        }
        throw new IOException("no add action in " + commit);
    }

    /** A store and the index reading through it; closing closes both. */
    record Opened(ObjectStore store, TableIndex index) implements AutoCloseable {
        @Override
        public void close() {
            index.close();
            store.close();
        }
    }

    private static <P extends ProxyProvider<?, ?>> P find(Class<P> type, String name) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " named " + name));
    }
}
