package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.admin.AccessAdminProvider;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.metrics.ProxyMetrics;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Credentials and grants from the SQLite database (the spec's {@code permissions} table and our
 * {@code credentials} table, the key created as {@code users add} does): they apply without restart, and a revoked grant or disabled key is refused within
 * the refresh interval.
 */
class DatabaseGrantsEndToEndTest {
    @TempDir
    Path dir;

    static final Secret SECRETS_KEY = new Secret(java.util.Base64.getEncoder().encodeToString(new byte[32]));

    Path database;
    String daveKey;
    RunningProxy proxy;
    S3Client dave;
    Path history = ProjectPaths.fixtureTables().resolve("history");

    @BeforeEach
    void start() throws SQLException {
        database = dir.resolve("grants.db");
        ProxyConfig config = ProxyConfig.defaults(Map.of("history", history.toUri())).toBuilder()
                .metricsPort(OptionalInt.empty())
                .getMode(GetMode.PROXY)
                .databaseEnabled(true)
                .database(new DatabaseConfig("sqlite:" + database, 1, Optional.of(SECRETS_KEY)))
                .build();
        AccessAdmin.IssuedKey key;
        try (AccessAdmin admin = Providers.select(AccessAdminProvider.class, "sqlite", "database")
                .create(new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP))) {
            key = admin.addUser("dave");
        }
        daveKey = key.accessKey();
        sql("INSERT INTO permissions (id, user_id, table_name, partition_filters)"
                + " VALUES (1, 'dave', 'history', '{\"region\": \"US\"}')");
        proxy = new RunningProxy(config);
        dave = proxy.client(key.accessKey(), key.secretKey().reveal());
    }

    @AfterEach
    void stop() {
        dave.close();
        proxy.close();
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); var s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    private String file(String region) throws IOException {
        try (var walk = Files.walk(history.resolve("region=" + region))) {
            return "history/" + history.relativize(walk.filter(p -> p.toString().endsWith(".parquet"))
                    .sorted().findFirst().orElseThrow());
        }
    }

    private int status(String key) {
        try {
            dave.getObjectAsBytes(b -> b.bucket("datalake").key(key));
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            assertTrue(Instant.now().isBefore(deadline), what + " within 10 s");
            Thread.sleep(200);
        }
    }

    @Test
    void databaseGrantAllowsItsPartitionOnly() throws IOException {
        assertEquals(200, status(file("US")));
        assertEquals(403, status(file("EU")));
        List<String> keys = dave.listObjectsV2(b -> b.bucket("datalake").prefix("history/region=")).contents()
                .stream().map(o -> o.key()).toList();
        assertTrue(!keys.isEmpty() && keys.stream().allMatch(k -> k.startsWith("history/region=US/")), keys.toString());
    }

    @Test
    void revokedGrantIsRefusedWithinTheInterval() throws Exception {
        String us = file("US");
        String eu = file("EU");
        assertEquals(200, status(us));
        sql("DELETE FROM permissions WHERE id = 1");
        eventually(() -> status(us) == 403, "revocation");
        sql("INSERT INTO permissions (id, user_id, table_name, partition_filters)"
                + " VALUES (2, '*', 'history', '{}')");
        eventually(() -> status(eu) == 200, "a new whole-table grant for everyone");
    }

    @Test
    void disabledKeyIsRefusedWithinTheInterval() throws Exception {
        sql("UPDATE credentials SET enabled = 0 WHERE access_key = '" + daveKey + "'");
        eventually(() -> {
            try {
                dave.listBuckets();
                return false;
            } catch (S3Exception e) {
                return e.statusCode() == 403;
            }
        }, "disabling the key");
        assertEquals("AccessDenied", assertThrows(S3Exception.class, dave::listBuckets).awsErrorDetails().errorCode());
    }

    @Test
    void unreadableDatabaseFailsClosed() throws Exception {
        String us = file("US");
        assertEquals(200, status(us));
        sql("DROP TABLE permissions");
        eventually(() -> status(us) != 200, "failing closed once the grants cannot be read");
        assertTrue(List.of(403, 503).contains(status(us)));
    }
}
