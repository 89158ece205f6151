package proxy.authz.policy;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import proxy.api.ProviderContext;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.policy.PolicyStore;
import proxy.api.policy.PolicyStoreProvider;
import proxy.accessdb.Schema;
import proxy.accessdb.Database;
import proxy.accessdb.Dialect;

/**
 * {@code jdbc}: the {@code permissions} table of the database (SQLite or PostgreSQL), when {@code databaseEnabled}. Without it the store grants
 * nothing (the app normally does not create it then).
 */
public final class JdbcPolicyStoreProvider implements PolicyStoreProvider {
    private static final System.Logger LOG = System.getLogger(JdbcPolicyStoreProvider.class.getName());

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public PolicyStore create(ProviderContext context) {
        ProxyConfig config = context.config();
        if (!config.access().databaseEnabled()) {
            LOG.log(Level.INFO, "databaseEnabled is false: the permissions table grants nothing");
            return (principal, table) -> List.of();
        }
        var database = Database.of(config.access().database());
        probe(database);
        LOG.log(Level.INFO, "reading grants from {0} every {1}s", database.url(), config.access().database().refreshSeconds());
        return new JdbcPolicyStore(database, Duration.ofSeconds(config.access().database().refreshSeconds()),
                context.clock());
    }

    /**
     * Reads the schema once, so a missing, unreadable or non-SQLite file, or an unreachable PostgreSQL database or
     * one without the tables, stops startup (exit 2, naming the key) rather than failing every request closed later.
     */
    private static void probe(Database database) {
        try (Connection connection = database.openReadOnly()) {
            Schema.requireKnown(connection);
            Dialect dialect = Dialect.of(connection);
            if (!dialect.hasTable(connection, "permissions") && dialect == Dialect.POSTGRESQL) {
                throw new ConfigException("database.uri", database.url() + " has no permissions table in the current"
                        + " schema: create the tables with 'delta-s3-proxy database migrate' (as a role allowed to)");
            }
        } catch (SQLException e) {
            String reason = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
            throw new ConfigException("database.uri", "cannot read " + database.url() + " (" + reason + ")");
        }
    }
}
