package proxy.authz.admin;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.admin.AccessAdminProvider;
import proxy.api.config.ConfigException;
import proxy.api.config.ProxyConfig;
import proxy.api.config.UserConfig;
import proxy.accessdb.Schema;
import proxy.accessdb.Database;

/**
 * {@code sqlite}: administers the configured database, SQLite or PostgreSQL (the provider's name predates
 * PostgreSQL), creating or migrating its {@link Schema}.
 */
public final class SqliteAccessAdminProvider implements AccessAdminProvider {

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public AccessAdmin create(ProviderContext context) {
        ProxyConfig config = context.config();
        var database = Database.of(config.access().database());
        Connection connection;
        try {
            connection = database.openReadWrite();
        } catch (SQLException e) {
            throw unusable(database, e);
        }
        try {
            Schema.migrate(connection);
            connection.commit();
        } catch (SQLException e) {
            close(connection);
            throw unusable(database, e);
        }
        return new SqliteAccessAdmin(connection, database.url(), config.access().database().secretsKey(),
                config.access().users().stream().map(UserConfig::name).collect(Collectors.toSet()),
                config.tables().mapping().keySet(), context.clock());
    }

    private static ConfigException unusable(Database database, SQLException e) {
        return new ConfigException("database.uri", "cannot open or create " + database.url() + " ("
                + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + ")");
    }

    private static void close(Connection connection) {
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException ignored) {
            // already failing; the first error is the one reported
        }
    }
}
