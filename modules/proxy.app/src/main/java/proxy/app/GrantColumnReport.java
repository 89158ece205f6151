package proxy.app;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import proxy.api.Table;
import proxy.api.policy.PartitionGrant;
import proxy.api.policy.PolicyStore;

/**
 * Finds the grants, of every policy store, that name a column which is not a partition column of their table (a
 * typo, or a table without partition columns such as a liquid-clustered one). Such a grant matches no file, so it
 * fails closed on its own; this tells the operator. {@code serve} refuses such grants of config.json at startup
 * ({@link StartupChecks#grantColumns}); database grants change at runtime and must not stop the proxy, so every
 * {@link #refresh()} logs each new one (a warning naming table, grant source, principal and column) and
 * {@link #warnings()} lists them all for {@code /readyz}. Neither ever names a partition value of a grant.
 *
 * <p>A table's partition columns are those of its indexed data files ({@link GrantColumns#of}), recomputed only
 * when its version changes; a table not loaded yet, or without data files, is not checked. Thread-safe.
 */
final class GrantColumnReport implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(GrantColumnReport.class.getName());

    private final Map<String, Table> tables;
    private final PolicyStore policy;
    private final Map<String, Columns> columns = new ConcurrentHashMap<>();
    private final AtomicReference<List<String>> warnings = new AtomicReference<>(List.of());
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile Thread loop;

    /** The partition columns of a table at one indexed version; empty when it had no data file to tell. */
    private record Columns(long version, Optional<SequencedSet<String>> names) {
    }

    GrantColumnReport(Map<String, Table> tables, PolicyStore policy) {
        this.tables = Objects.requireNonNull(tables, "tables");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** What {@link #start} waits for before its first refresh (the tables' first loads). */
    @FunctionalInterface
    interface FirstLoads {
        void await() throws InterruptedException;
    }

    /** Refreshes once {@code firstLoads} returns, then every {@code interval}, on a virtual thread until closed. */
    void start(Duration interval, FirstLoads firstLoads) {
        loop = Thread.ofVirtual().name("grant-column-report").start(() -> {
            try {
                firstLoads.await();
                while (!Thread.currentThread().isInterrupted()) {
                    refresh();
                    Thread.sleep(interval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The current reports, one line each, for {@code /readyz}. */
    List<String> warnings() {
        return warnings.get();
    }

    /**
     * Checks every grant on every loaded table now; logs the reports not logged before. A table or a policy store
     * that cannot be read keeps its earlier reports out until it can (its own failure is reported elsewhere).
     */
    void refresh() {
        var found = new ArrayList<String>();
        tables.forEach((alias, table) -> {
            try {
                columnsOf(alias, table).ifPresent(known -> policy.grantsOn(alias).forEach(grant ->
                        GrantColumns.problem(grant.partition(), alias, known)
                                .ifPresent(problem -> found.add(line(grant, problem)))));
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "grants on table {0} not checked against its partition columns now: {1}",
                        alias, e.getMessage());
            }
        });
        var now = new HashSet<>(found);
        found.stream().filter(logged::add).forEach(line -> LOG.log(Level.WARNING, "{0}: it matches no file", line));
        logged.retainAll(now);
        warnings.set(List.copyOf(found));
    }

    private Optional<SequencedSet<String>> columnsOf(String alias, Table table) {
        long version = table.index().version();
        if (version < 0) {
            return Optional.empty();
        }
        Columns cached = columns.get(alias);
        if (cached == null || cached.version() != version) {
            cached = new Columns(version, GrantColumns.of(table.index()));
            columns.put(alias, cached);
        }
        return cached.names();
    }

    private static String line(PartitionGrant grant, String problem) {
        String who = grant.principal().equals(PartitionGrant.EVERYONE) ? "everyone" : grant.principal();
        return "grant " + grant.source() + " for " + who + " on " + grant.table() + " " + problem;
    }

    @Override
    public void close() {
        Thread running = loop;
        if (running != null) {
            running.interrupt();
        }
    }
}
