package proxy.app.accessdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import proxy.accessdb.Database;
import proxy.api.ProviderContext;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.admin.AccessAdmin;
import proxy.api.auth.Principal;
import proxy.api.config.ConfigException;
import proxy.api.config.PartitionSpec;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.auth.credentials.JdbcCredentialStore;
import proxy.authz.policy.JdbcPolicyStore;
import proxy.authz.policy.JdbcPolicyStoreProvider;
import proxy.testkit.PostgresTestServer;
import proxy.testkit.TestClock;

/**
 * PostgreSQL's {@code LISTEN/NOTIFY}: a change reaches {@code serve}'s stores far sooner than the refresh interval
 * (the test clock never reaches it), whether made by the administration commands or by hand in SQL, and the
 * subscription comes back by itself after the database restarts. {@code serve} refuses to start on a database whose
 * tables were never created.
 */
class PostgresChangeFeedTest {
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** What "at once" means here: a fifth of the refresh interval. */
    static final Duration AT_ONCE = INTERVAL.dividedBy(5);
    private static PostgresTestServer server;

    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startServer() {
        server = PostgresTestServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @Test
    void aRevocationReachesTheStoresAtOnceWithoutWaitingForTheInterval() {
        var db = TestDatabase.postgres(server);
        AccessAdmin.IssuedKey carol;
        long grant;
        try (var admin = db.admin(clock)) {
            carol = admin.addUser("carol");
            grant = admin.addGrant("carol", "trades", PartitionSpec.WHOLE_TABLE);
        }
        var policy = policy(db);
        var keys = credentials(db);
        assertEquals(1, grantsOfCarol(policy));

        long start = System.nanoTime();
        try (var admin = db.admin(clock)) {
            admin.revokeGrant(grant);
        }
        Duration byCommand = await(() -> grantsOfCarol(policy) == 0);
        System.out.println("LISTEN/NOTIFY: grants revoke reached the store in " + byCommand.toMillis()
                + " ms (command and commit included: " + Duration.ofNanos(System.nanoTime() - start).toMillis()
                + " ms)");

        db.execute("UPDATE principals SET enabled = 0 WHERE name = 'carol'");
        Duration byHand = await(() -> !keys.find(carol.accessKey()).orElseThrow().enabled());
        System.out.println("LISTEN/NOTIFY: a user disabled in psql reached the store in " + byHand.toMillis() + " ms");
        assertTrue(byCommand.compareTo(AT_ONCE) < 0 && byHand.compareTo(AT_ONCE) < 0, byCommand + ", " + byHand);
    }

    @Test
    void afterARestartTheStoresRecoverAndListenAgainByThemselves() {
        var db = TestDatabase.postgres(server);
        AccessAdmin.IssuedKey carol;
        try (var admin = db.admin(clock)) {
            carol = admin.addUser("carol");
            admin.addGrant("carol", "trades", PartitionSpec.WHOLE_TABLE);
        }
        var policy = policy(db);
        var keys = credentials(db);
        server.stop();
        try {
            clock.advance(INTERVAL);
            await(() -> !readable(keys, carol.accessKey()));
            assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE,
                    assertThrows(S3Exception.class, () -> keys.find(carol.accessKey())).code());
        } finally {
            server.restart();
        }
        Duration recovered = await(() -> readable(keys, carol.accessKey()), INTERVAL.multipliedBy(3));
        System.out.println("LISTEN/NOTIFY: credentials readable again " + recovered.toMillis()
                + " ms after the restart, without a request reaching the interval");
        db.execute("DELETE FROM permissions");
        assertTrue(await(() -> grantsOfCarol(policy) == 0).compareTo(AT_ONCE) < 0, "listening again");
    }

    @Test
    void serveRefusesToStartOnADatabaseWithoutTheTables() {
        var db = TestDatabase.postgres(server);
        ProxyConfig config = ProxyConfig.defaults(Map.of("trades", URI.create("file:/tmp/trades"))).toBuilder()
                .database(db.config(5)).databaseEnabled(true).build();
        ConfigException e = assertThrows(ConfigException.class, () -> new JdbcPolicyStoreProvider()
                .create(new ProviderContext(config, clock, ProxyMetrics.NOOP)));
        assertEquals("database.uri", e.key());
        assertTrue(e.getMessage().contains("database migrate"), e.getMessage());
        assertFalse(e.getMessage().contains(server.password()), e.getMessage());
    }

    private JdbcPolicyStore policy(TestDatabase db) {
        var store = new JdbcPolicyStore(Database.of(db.config(5)), INTERVAL, clock);
        opened.add(store);
        return store;
    }

    private JdbcCredentialStore credentials(TestDatabase db) {
        var store = new JdbcCredentialStore(Database.of(db.config(5)), Optional.of(AdminFixture.KEY_A), Set.of(),
                INTERVAL, clock).requireUsable();
        opened.add(store);
        return store;
    }

    private static int grantsOfCarol(JdbcPolicyStore policy) {
        return policy.grants(new Principal("carol", "AK"), "trades").size();
    }

    private static boolean readable(JdbcCredentialStore keys, String accessKey) {
        try {
            return keys.find(accessKey).isPresent();
        } catch (S3Exception e) {
            return false;
        }
    }

    private static Duration await(BooleanSupplier condition) {
        return await(condition, INTERVAL);
    }

    /** How long until the condition held; fails when it does not within {@code limit}. */
    private static Duration await(BooleanSupplier condition, Duration limit) {
        long start = System.nanoTime();
        while (!condition.getAsBoolean()) {
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(waited.compareTo(limit) < 0, "not within " + limit);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
