package proxy.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import proxy.api.ProviderContext;
import proxy.api.admin.AccessAdmin;
import proxy.api.admin.AccessAdminProvider;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.GetMode;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.metrics.ProxyMetrics;
import proxy.testkit.PostgresTestServer;
import proxy.testkit.ProjectPaths;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Two proxies wired as {@code serve} wires them, on one PostgreSQL database (a throwaway cluster): a key issued and a
 * grant added by the administration commands work on both, a revocation is refused by both far within the refresh
 * interval (LISTEN/NOTIFY), a database outage fails closed with 503 on both and both recover by themselves when the
 * database is back.
 */
class PostgresFleetEndToEndTest {
    static final Secret SECRETS_KEY = new Secret(Base64.getEncoder().encodeToString(new byte[32]));
    static final int REFRESH_SECONDS = 5;
    static PostgresTestServer postgres;

    final Path history = ProjectPaths.fixtureTables().resolve("history");
    final List<RunningProxy> proxies = new ArrayList<>();
    final List<S3Client> clients = new ArrayList<>();
    ProxyConfig config;
    long grant;

    @BeforeAll
    static void startDatabase() {
        postgres = PostgresTestServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void start() {
        DatabaseConfig database = new DatabaseConfig(postgres.uri(postgres.newDatabase()), REFRESH_SECONDS,
                Optional.of(SECRETS_KEY)).withLogin(Optional.of(PostgresTestServer.USER),
                Optional.of(new Secret(postgres.password())));
        config = ProxyConfig.defaults(Map.of("history", history.toUri())).toBuilder()
                .metricsPort(OptionalInt.empty()).getMode(GetMode.PROXY).databaseEnabled(true).database(database)
                .build();
        AccessAdmin.IssuedKey key;
        try (AccessAdmin admin = admin()) {
            key = admin.addUser("dave");
            grant = admin.addGrant("dave", "history", new PartitionSpec(Map.of("region", "US")));
        }
        for (int i = 0; i < 2; i++) {
            var proxy = new RunningProxy(config);
            proxies.add(proxy);
            clients.add(proxy.client(key.accessKey(), key.secretKey().reveal()));
        }
    }

    @AfterEach
    void stop() {
        clients.forEach(S3Client::close);
        proxies.forEach(RunningProxy::close);
    }

    private AccessAdmin admin() {
        return Providers.select(AccessAdminProvider.class, "sqlite", "database")
                .open(new ProviderContext(config, Clock.systemUTC(), ProxyMetrics.NOOP));
    }

    private String file(String region) throws IOException {
        try (var walk = Files.walk(history.resolve("region=" + region))) {
            return "history/" + history.relativize(walk.filter(p -> p.toString().endsWith(".parquet"))
                    .sorted().findFirst().orElseThrow());
        }
    }

    private static int status(S3Client client, String key) {
        try {
            client.getObjectAsBytes(b -> b.bucket("datalake").key(key));
            return 200;
        } catch (S3Exception e) {
            return e.statusCode();
        }
    }

    private boolean everyReplicaAnswers(String key, int expected) {
        return clients.stream().allMatch(client -> status(client, key) == expected);
    }

    private static Duration await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(limit) < 0, "not within " + limit);
            Thread.sleep(10);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aRevocationReachesEveryReplicaFarWithinTheRefreshInterval() throws Exception {
        String us = file("US");
        assertTrue(everyReplicaAnswers(us, 200));
        assertTrue(everyReplicaAnswers(file("EU"), 403));
        try (AccessAdmin admin = admin()) {
            admin.revokeGrant(grant);
        }
        Duration took = await(() -> everyReplicaAnswers(us, 403), Duration.ofSeconds(REFRESH_SECONDS));
        System.out.println("fleet: a revoked grant was refused by both replicas after " + took.toMillis() + " ms");
        assertTrue(took.compareTo(Duration.ofSeconds(REFRESH_SECONDS).dividedBy(2)) < 0, took.toString());
    }

    @Test
    void aDatabaseOutageFailsClosedWith503AndTheReplicasRecoverByThemselves() throws Exception {
        String us = file("US");
        assertTrue(everyReplicaAnswers(us, 200));
        postgres.stop();
        try {
            await(() -> everyReplicaAnswers(us, 503), Duration.ofSeconds(REFRESH_SECONDS * 2L));
            assertEquals("ServiceUnavailable", errorCode(clients.getFirst(), us));
        } finally {
            postgres.restart();
        }
        Duration took = await(() -> everyReplicaAnswers(us, 200), Duration.ofSeconds(REFRESH_SECONDS * 2L));
        System.out.println("fleet: both replicas served again " + took.toMillis() + " ms after the restart");
    }

    private static String errorCode(S3Client client, String key) {
        try {
            client.getObjectAsBytes(b -> b.bucket("datalake").key(key));
            return "none";
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode();
        }
    }
}
