package proxy.app;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedSet;
import java.util.Set;
import java.util.TreeSet;
import proxy.api.Table;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;

/**
 * The checks {@code serve} makes before it serves, beyond what building the {@link ProviderWiring} checks (table roots,
 * database, metrics port); {@code check-config} makes the same ones, so both exit 2 on the same configurations.
 */
final class StartupChecks {
    private static final System.Logger LOG = System.getLogger(StartupChecks.class.getName());

    /** How long startup waits for the first index of the tables whose grants it checks. */
    static final Duration FIRST_LOAD_WAIT = Duration.ofSeconds(30);

    private StartupChecks() {
    }

    /** The error for an S3 endpoint address that cannot be bound. */
    static ConfigException portUnavailable(ProxyConfig config, BindException bind) {
        return new ConfigException("port", "cannot listen on " + config.server().bindAddress() + ":" + config.server().port()
                + " (" + bind.getMessage() + ")");
    }

    /**
     * Binds the S3 endpoint's address and releases it at once.
     *
     * @throws ConfigException naming {@code port} when it cannot be bound
     */
    static void portAvailable(ProxyConfig config) {
        try (var channel = ServerSocketChannel.open()) {
            channel.bind(new InetSocketAddress(config.server().bindAddress(), config.server().port()));
        } catch (BindException e) {
            throw portUnavailable(config, e);
        } catch (IOException e) {
            throw new ConfigException("port", "cannot listen on " + config.server().bindAddress() + ":" + config.server().port()
                    + " (" + e.getMessage() + ")");
        }
    }

    /** The tables whose config grants name partition columns: those whose columns are worth knowing. */
    static Set<String> tablesWithColumnGrants(ProxyConfig config) {
        var aliases = new TreeSet<String>();
        config.access().allowedPartitions().forEach((alias, specs) -> {
            if (specs.stream().anyMatch(s -> !s.values().isEmpty())) {
                aliases.add(alias);
            }
        });
        config.access().users().forEach(user -> user.grants().forEach((alias, specs) -> {
            if (specs.stream().anyMatch(s -> !s.values().isEmpty())) {
                aliases.add(alias);
            }
        }));
        return aliases;
    }

    /**
     * For {@code serve}: waits (up to {@link #FIRST_LOAD_WAIT} in all) for the first index of every table whose
     * config grants name columns, then checks those grants; a table not loaded by then is not checked (logged).
     *
     * @throws ConfigException naming the first grant that names a column that is not a partition column
     */
    static void grantColumns(ProxyConfig config, ProviderWiring components) {
        Set<String> aliases = tablesWithColumnGrants(config);
        Map<String, Table> loaded;
        try {
            loaded = components.awaitFirstLoads(aliases, FIRST_LOAD_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        aliases.stream().filter(alias -> !loaded.containsKey(alias)).forEach(alias -> LOG.log(Level.WARNING,
                "grants on table {0} not checked against its partition columns: its Delta log was not read", alias));
        Map<String, SequencedSet<String>> columns = columns(loaded);
        GrantColumns.issues(config, columns).forEach(issue -> LOG.log(Level.ERROR,
                "config grant {0} {1}: it would match no file; refusing to start", issue.key(), issue.problem()));
        GrantColumns.check(config, columns);
    }

    /** The known partition columns of loaded tables. */
    static Map<String, SequencedSet<String>> columns(Map<String, Table> loaded) {
        var columns = new LinkedHashMap<String, SequencedSet<String>>();
        loaded.forEach((alias, table) -> GrantColumns.of(table.index()).ifPresent(c -> columns.put(alias, c)));
        return columns;
    }
}
