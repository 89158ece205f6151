package proxy.app.accessdb;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.authz.admin.SqliteAccessAdminProvider;

/** Opens the real administration provider on a test database, as the {@code users}/{@code grants} commands do. */
public final class AdminFixture {
    /** Two fixed secrets keys (32 bytes in base64). */
    public static final Secret KEY_A = key((byte) 1);
    public static final Secret KEY_B = key((byte) 2);

    private AdminFixture() {
    }

    /** A secrets key of 32 equal bytes. */
    public static Secret key(byte fill) {
        byte[] bytes = new byte[32];
        java.util.Arrays.fill(bytes, fill);
        return new Secret(Base64.getEncoder().encodeToString(bytes));
    }

    /** The configuration of a proxy with table {@code trades}, the given config users and database. */
    public static ProxyConfig config(Path db, Optional<Secret> secretsKey, List<UserConfig> users) {
        return ProxyConfig.defaults(Map.of("trades", URI.create("file:/tmp/trades"))).toBuilder()
                .database(new DatabaseConfig("sqlite:" + db, 5, secretsKey))
                .databaseEnabled(true)
                .users(users)
                .build();
    }

    /** Opens the database for administration; the caller closes it. */
    public static AccessAdmin open(Path db, Optional<Secret> secretsKey, List<UserConfig> users, Clock clock) {
        return new SqliteAccessAdminProvider().create(
                new ProviderContext(config(db, secretsKey, users), clock, ProxyMetrics.NOOP));
    }
}
