package proxy.app.accessdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.metrics.ProxyMetrics;
import proxy.authz.admin.SqliteAccessAdminProvider;
import proxy.testkit.PostgresTestServer;
import proxy.app.accessdb.SqliteFixture;

/**
 * One database the store tests run against, SQLite or PostgreSQL, with what the operator does to it: administer it,
 * edit it with SQL, and take it away (an outage) and back.
 */
interface TestDatabase {
    /** The configuration {@code serve} and the commands read it with (secrets key {@link AdminFixture#KEY_A}). */
    DatabaseConfig config(int refreshSeconds);

    /** Runs SQL as the operator would by hand. */
    void execute(String... sql);

    /** Makes the database unreadable. */
    void outage();

    /** Makes it readable again, as it was. */
    void recover();

    /** Opens the administration commands' provider on it (table {@code trades}, no config users). */
    default AccessAdmin admin(Clock clock) {
        ProxyConfig config = ProxyConfig.defaults(Map.of("trades", URI.create("file:/tmp/trades"))).toBuilder()
                .database(config(5)).databaseEnabled(true).build();
        return new SqliteAccessAdminProvider().create(new ProviderContext(config, clock, ProxyMetrics.NOOP));
    }

    /** A SQLite file in {@code dir}; an outage moves it away. */
    static TestDatabase sqlite(Path dir) {
        Path file = dir.resolve("delta_proxy.db");
        Path away = dir.resolve("moved-away.db");
        return new TestDatabase() {
            @Override
            public DatabaseConfig config(int refreshSeconds) {
                return new DatabaseConfig("sqlite:" + file, refreshSeconds, Optional.of(AdminFixture.KEY_A));
            }

            @Override
            public void execute(String... sql) {
                new SqliteFixture(file).execute(sql);
            }

            @Override
            public void outage() {
                move(file, away);
            }

            @Override
            public void recover() {
                move(away, file);
            }
        };
    }

    /** A new database in {@code server}; an outage stops the whole cluster. */
    static TestDatabase postgres(PostgresTestServer server) {
        String name = server.newDatabase();
        return new TestDatabase() {
            @Override
            public DatabaseConfig config(int refreshSeconds) {
                return new DatabaseConfig(server.uri(name), refreshSeconds, Optional.of(AdminFixture.KEY_A))
                        .withLogin(Optional.of(PostgresTestServer.USER), Optional.of(new Secret(server.password())));
            }

            @Override
            public void execute(String... sql) {
                server.execute(name, sql);
            }

            @Override
            public void outage() {
                server.stop();
            }

            @Override
            public void recover() {
                server.restart();
            }
        };
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
