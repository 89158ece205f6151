package proxy.app;

import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import proxy.api.ProviderContext;
import proxy.api.Table;
import proxy.api.auth.Authenticator;
import proxy.api.auth.AuthenticatorProvider;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.delta.IndexContext;
import proxy.api.delta.TableIndexProvider;
import proxy.api.metrics.MetricsProvider;
import proxy.api.metrics.MetricsSink;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.policy.Authorizer;
import proxy.api.policy.AuthorizerContext;
import proxy.api.policy.AuthorizerProvider;
import proxy.api.policy.PolicyStore;
import proxy.api.policy.PolicyStoreProvider;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;

/**
 * The object graph built from configuration: metrics, stores, indexes, policy, authorizer, authenticator. Owns
 * every closeable component and closes them in reverse order of creation.
 */
final class ProviderWiring implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ProviderWiring.class.getName());

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private MetricsSink sink;
    private final ProxyConfig config;
    private final ProviderContext context;
    private final Map<String, Table> tables;
    private final PolicyStore policy;
    private final Authorizer authorizer;
    private final Authenticator authenticator;
    private TableReadiness readiness;
    private GrantColumnReport grantColumnReport;

    /** Builds everything; on failure closes what was already built and rethrows. */
    ProviderWiring(ProxyConfig config, Clock clock) {
        this.config = config;
        try {
            this.context = new ProviderContext(config, clock, metrics(config, clock));
            this.tables = openTables();
            this.policy = openPolicy();
            this.authorizer = own(Providers.select(AuthorizerProvider.class, "partition", "authorizer")
                    .create(new AuthorizerContext(policy, context)));
            this.authenticator = own(Providers.select(AuthenticatorProvider.class, config.access().auth().mode(), "auth.mode")
                    .create(context));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private ProxyMetrics metrics(ProxyConfig config, Clock clock) {
        if (config.metrics().port().isEmpty()) {
            LOG.log(Level.INFO, "metricsPort not set: no metrics endpoint");
            return ProxyMetrics.NOOP;
        }
        var noMetrics = new ProviderContext(config, clock, ProxyMetrics.NOOP);
        try {
            sink = own(Providers.select(MetricsProvider.class, "prometheus", "metricsPort").create(noMetrics));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof BindException bind) {
                throw new ConfigException("metricsPort", "cannot listen on " + config.metrics().exposure().bindAddress()
                        + ":" + config.metrics().port().getAsInt() + " (" + bind.getMessage() + ")");
            }
            throw e;
        }
        sink.port().ifPresent(port -> LOG.log(Level.INFO, "metrics, /healthz and /readyz on port {0}",
                String.valueOf(port)));
        return sink;
    }

    /**
     * Loads every table's index in the background and reports readiness (tables indexed or failed for good, policy
     * store readable, the S3 endpoint serving) on {@code /readyz}; see {@link TableReadiness}. Returns at once.
     */
    void warmUp(java.util.function.BooleanSupplier endpointServing) {
        grantColumnReport = own(new GrantColumnReport(tables, policy));
        readiness = new TableReadiness(tables, policy, grantColumnReport::warnings, endpointServing);
        readiness.warmUp();
        if (sink != null) {
            sink.readiness(readiness);
        }
    }

    /**
     * Waits, after {@link #warmUp(java.util.function.BooleanSupplier)}, until each named table has published its first index, its first load has
     * failed, or {@code timeout} has passed; returns the tables whose index is loaded.
     */
    Map<String, Table> awaitFirstLoads(Collection<String> aliases, Duration timeout) throws InterruptedException {
        return readiness.awaitFirstLoads(aliases, timeout);
    }

    /**
     * After {@link #warmUp(java.util.function.BooleanSupplier)}: reports grants that name no partition column of their table (see
     * {@link GrantColumnReport}) once every table's first load is done (or {@link StartupChecks#FIRST_LOAD_WAIT}
     * has passed), then every {@code metadataRefreshSeconds}, in the log and on {@code /readyz}. Returns at once.
     */
    void reportGrantColumns() {
        grantColumnReport.start(Duration.ofSeconds(config.tables().metadataRefreshSeconds()),
                () -> readiness.awaitFirstLoads(tables.keySet(), StartupChecks.FIRST_LOAD_WAIT));
    }

    private Map<String, Table> openTables() {
        var indexProvider = Providers.select(TableIndexProvider.class, "delta", "tableIndex");
        var byAlias = new LinkedHashMap<String, Table>();
        var storeProviders = new java.util.HashMap<String, ObjectStoreProvider>();
        config.tables().mapping().forEach((alias, root) -> {
            var storeProvider = storeProviders.computeIfAbsent(root.getScheme(),
                    scheme -> Providers.select(ObjectStoreProvider.class, scheme, "tableMapping." + alias));
            ObjectStore store = own(storeProvider.create(new StoreContext(alias, root, context)));
            var index = own(indexProvider.create(new IndexContext(alias, store, context)));
            byAlias.put(alias, new Table(alias, store, index));
        });
        return java.util.Collections.unmodifiableMap(byAlias);
    }

    private PolicyStore openPolicy() {
        List<PolicyStore> stores = new ArrayList<>();
        stores.add(own(Providers.select(PolicyStoreProvider.class, "config", "allowedPartitions").create(context)));
        if (config.access().databaseEnabled()) {
            stores.add(own(Providers.select(PolicyStoreProvider.class, "jdbc", "databaseEnabled").create(context)));
        }
        return PolicyStore.union(stores);
    }

    /** Takes ownership of a closeable component (closed with the rest, in reverse order); returns it. */
    <T> T own(T component) {
        if (component instanceof AutoCloseable closeable) {
            owned.push(closeable);
        }
        return component;
    }

    /** The bound metrics port, when a metrics server runs. */
    java.util.OptionalInt metricsPort() {
        return sink == null ? java.util.OptionalInt.empty() : sink.port();
    }

    ProxyConfig config() {
        return config;
    }

    ProviderContext context() {
        return context;
    }

    /** Alias to table, in alias order. */
    Map<String, Table> tables() {
        return tables;
    }

    PolicyStore policy() {
        return policy;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    Authenticator authenticator() {
        return authenticator;
    }

    @Override
    public void close() {
        if (readiness != null) {
            readiness.closing();
        }
        while (!owned.isEmpty()) {
            AutoCloseable component = owned.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + component.getClass().getName() + " failed", e);
            }
        }
    }
}
