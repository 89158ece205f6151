package proxy.app;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import proxy.api.Table;
import proxy.api.auth.Principal;
import proxy.api.metrics.ReadinessCheck;
import proxy.api.policy.PolicyStore;

/**
 * What {@code /readyz} reports: {@code table:<alias>} per table (ready once its index has loaded) and
 * {@code policyStore} (ready while it answers). A table whose first index load failed is reported as
 * {@linkplain ReadinessCheck#failed() failed}: it answers 503 on its own while the proxy serves the others, and
 * it turns ready when a background refresh (every {@code metadataRefreshSeconds}) loads it after all. Its
 * {@linkplain #warnings() warnings} are the {@link GrantColumnReport}'s: grants that match no file.
 */
final class TableReadiness implements ReadinessCheck {
    private static final System.Logger LOG = System.getLogger(TableReadiness.class.getName());
    private static final Principal READINESS_PROBE = new Principal("readiness-probe", "readiness-probe");

    private final Map<String, Table> tables;
    private final PolicyStore policy;
    private final Set<String> loadFailed = ConcurrentHashMap.newKeySet();
    private final Map<String, Thread> firstLoads = new ConcurrentHashMap<>();
    private final Supplier<List<String>> warnings;
    private final BooleanSupplier endpointServing;
    private volatile boolean closing;

    /**
     * @param endpointServing whether the S3 endpoint accepts requests (component {@code s3Endpoint}): not before its
     *                        port is bound, not once a stop has begun
     */
    TableReadiness(Map<String, Table> tables, PolicyStore policy, Supplier<List<String>> warnings,
                   BooleanSupplier endpointServing) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.endpointServing = Objects.requireNonNull(endpointServing, "endpointServing");
    }

    /**
     * Loads every table's index on its own virtual thread and returns at once. A table whose load fails is
     * logged (naming the table and the cause) and reported as failed until a later refresh succeeds.
     */
    void warmUp() {
        tables.values().forEach(table -> firstLoads.put(table.alias(),
                Thread.ofVirtual().name("index-load-" + table.alias()).start(() -> firstLoad(table))));
    }

    /** The proxy is closing its tables: a first load cut short by that is not reported. */
    void closing() {
        closing = true;
    }

    private void firstLoad(Table table) {
        try {
            table.index().refresh();
        } catch (RuntimeException e) {
            if (closing) {
                return;
            }
            boolean served = table.index().version() >= 0;
            if (!served) {
                loadFailed.add(table.alias());
            }
            LOG.log(Level.WARNING, "table {0}: {1} ({2}); retrying in the background", table.alias(),
                    served ? "the current state is served, but older retained versions could not be indexed"
                            : "first index load failed: the table answers 503 ServiceUnavailable until its log"
                            + " can be indexed, the other tables are served", causeOf(e));
        }
    }

    /**
     * Waits, after {@link #warmUp()}, until each named table has published its first index, its first load has
     * failed, or {@code timeout} has passed; returns the tables whose index is loaded.
     */
    Map<String, Table> awaitFirstLoads(Collection<String> aliases, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var loaded = new LinkedHashMap<String, Table>();
        for (String alias : aliases) {
            Table table = tables.get(alias);
            Thread load = firstLoads.get(alias);
            while (table.index().version() < 0 && load != null && load.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (table.index().version() >= 0) {
                loaded.put(alias, table);
            }
        }
        return loaded;
    }

    @Override
    public Map<String, Boolean> components() {
        var components = new LinkedHashMap<String, Boolean>();
        tables.forEach((alias, table) -> components.put(component(alias), table.index().version() >= 0));
        boolean policyReadable;
        try {
            policy.grants(READINESS_PROBE, tables.keySet().iterator().next());
            policyReadable = true;
        } catch (RuntimeException e) {
            policyReadable = false;
        }
        components.put("policyStore", policyReadable);
        components.put("s3Endpoint", endpointServing.getAsBoolean());
        return components;
    }

    @Override
    public Set<String> failed() {
        var failed = new TreeSet<String>();
        loadFailed.forEach(alias -> {
            if (tables.get(alias).index().version() < 0) {
                failed.add(component(alias));
            }
        });
        return failed;
    }

    @Override
    public List<String> warnings() {
        return warnings.get();
    }

    private static String component(String alias) {
        return "table:" + alias;
    }

    /** The message and the innermost cause's, which names what in the log could not be read. */
    private static String causeOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + root;
    }
}
