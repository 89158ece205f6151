package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.admin.AccessAdminProvider;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A database grant naming a column that is not a partition column of its table (here {@code regoin} on
 * {@code history}, partitioned by {@code region}) matches no file: the proxy keeps serving, logs it once, and
 * {@code /readyz} stays 200 with a warning naming the table, the grant, its principal and the column, never the
 * grant's value. Fixing the row clears the warning within the refresh interval.
 */
class GrantColumnReportTest {
    static final Secret SECRETS_KEY = new Secret(java.util.Base64.getEncoder().encodeToString(new byte[32]));
    static final String VALUE = "SECRETVALUE";

    @TempDir
    Path dir;

    @Test
    void aDatabaseGrantOnNoPartitionColumnIsReportedOnReadyzAndInTheLogWithoutStoppingServe() throws Exception {
        Path database = dir.resolve("grants.db");
        ProxyConfig config = ProxyConfig.defaults(Map.of("history",
                        ProjectPaths.fixtureTables().resolve("history").toUri())).toBuilder()
                .metricsPort(OptionalInt.of(0)).getMode(GetMode.PROXY).metadataRefreshSeconds(1)
                .databaseEnabled(true).database(new DatabaseConfig("sqlite:" + database, 1, Optional.of(SECRETS_KEY)))
                .build();
        AccessAdmin.IssuedKey key;
        try (AccessAdmin admin = Providers.select(AccessAdminProvider.class, "sqlite", "database")
                .create(new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP))) {
            key = admin.addUser("dave");
        }
        sql(database, "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'dave', 'history', '{\"region\": \"US\"}')",
                "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (2, 'dave', 'history', '{\"regoin\": \"" + VALUE + "\"}')");
        try (var log = new LogCapture(); var proxy = new RunningProxy(config);
             S3Client dave = proxy.client(key.accessKey(), key.secretKey().reveal())) {
            HttpResponse<String> ready = readyz(proxy, r -> r.body().contains("warnings:"));
            assertEquals(200, ready.statusCode(), ready.body());
            assertEquals("ready\nwarnings:\ngrant db:permissions#2 for dave on history names column 'regoin', which"
                    + " is not a partition column of history (its partition columns: region)\n", ready.body());
            assertFalse(dave.listObjectsV2(b -> b.bucket("datalake").prefix("history/region=US/")).contents()
                    .isEmpty(), "the valid grant still serves");
            List<String> logged = log.containing("db:permissions#2");
            assertEquals(1, logged.size(), logged.toString());
            assertTrue(logged.getFirst().contains("'regoin'") && logged.getFirst().contains("matches no file"));
            assertTrue(log.containing(VALUE).isEmpty(), "a grant's value is never logged");
            String metrics = get(proxy, "/metrics").body();
            assertFalse(metrics.contains("regoin") || metrics.contains("dave"), "no warning reaches the metrics");

            sql(database, "UPDATE permissions SET partition_filters = '{\"region\": \"EU\"}' WHERE id = 2");
            HttpResponse<String> fixed = readyz(proxy, r -> !r.body().contains("warnings:"));
            assertEquals("ready\n", fixed.body());
        }
    }

    @Test
    void aConfigGrantOnNoPartitionColumnIsRefusedAtStartupAndLogged() throws Exception {
        ProxyConfig config = ProxyConfig.defaults(Map.of("history",
                        ProjectPaths.fixtureTables().resolve("history").toUri())).toBuilder()
                .metricsPort(OptionalInt.empty())
                .users(List.of(new UserConfig("erin", "AKIAERIN000000000001", new Secret("erin-secret"),
                        Map.of("history", List.of(new PartitionSpec(Map.of("regoin", VALUE)))))))
                .build();
        try (var log = new LogCapture(); var components = new ProviderWiring(config, Clock.systemUTC())) {
            components.warmUp(() -> true);
            var refused = org.junit.jupiter.api.Assertions.assertThrows(proxy.api.config.ConfigException.class,
                    () -> StartupChecks.grantColumns(config, components));
            assertTrue(refused.getMessage().contains("regoin"), refused.getMessage());
            List<String> logged = log.containing("users[erin].grants.history[0]");
            assertEquals(1, logged.size(), logged.toString());
            assertTrue(logged.getFirst().contains("refusing to start"));
            assertTrue(log.containing(VALUE).isEmpty(), "a grant's value is never logged");
        }
    }

    private static void sql(Path database, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); var s = c.createStatement()) {
            for (String statement : statements) {
                s.executeUpdate(statement);
            }
        }
    }

    /** {@code /readyz} once it answers 200 and {@code until} holds, or its last answer after 15 seconds. */
    private static HttpResponse<String> readyz(RunningProxy proxy, Predicate<HttpResponse<String>> until)
            throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        HttpResponse<String> response = get(proxy, "/readyz");
        while (!(response.statusCode() == 200 && until.test(response)) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            response = get(proxy, "/readyz");
        }
        return response;
    }

    private static HttpResponse<String> get(RunningProxy proxy, String path) throws Exception {
        try (var client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.metricsPort() + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
