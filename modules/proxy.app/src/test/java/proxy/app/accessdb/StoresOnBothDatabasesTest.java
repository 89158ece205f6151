package proxy.app.accessdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import proxy.accessdb.Database;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.admin.AccessAdmin;
import proxy.api.auth.Principal;
import proxy.api.config.PartitionSpec;
import proxy.api.policy.PartitionGrant;
import proxy.auth.credentials.Credential;
import proxy.auth.credentials.JdbcCredentialStore;
import proxy.authz.policy.JdbcPolicyStore;
import proxy.testkit.PostgresTestServer;
import proxy.testkit.TestClock;

/**
 * The same store behaviour on SQLite and on PostgreSQL: what the administration commands write, {@code serve}'s
 * stores read (credentials and grants), revocations take effect within the refresh interval, an outage fails closed
 * (credentials at once, grants after three intervals) and the stores recover by themselves. PostgreSQL runs as a
 * throwaway cluster ({@link PostgresTestServer}); its cases are skipped, saying why, where it cannot run.
 */
class StoresOnBothDatabasesTest {
    enum Kind { SQLITE, POSTGRESQL }

    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static PostgresTestServer server;

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<AutoCloseable> opened = new ArrayList<>();

    static synchronized PostgresTestServer server() {
        if (server == null) {
            server = PostgresTestServer.start();
        }
        return server;
    }

    @AfterAll
    static synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @AfterEach
    void closeStores() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    TestDatabase database(Kind kind) {
        return kind == Kind.SQLITE ? TestDatabase.sqlite(dir) : TestDatabase.postgres(server());
    }

    JdbcCredentialStore credentials(TestDatabase db) {
        var store = new JdbcCredentialStore(Database.of(db.config(5)), Optional.of(AdminFixture.KEY_A), Set.of(),
                INTERVAL, clock).requireUsable();
        opened.add(store);
        return store;
    }

    JdbcPolicyStore policy(TestDatabase db) {
        var store = new JdbcPolicyStore(Database.of(db.config(5)), INTERVAL, clock);
        opened.add(store);
        return store;
    }

    static List<String> sources(JdbcPolicyStore store, String user) {
        return store.grants(new Principal(user, "AK"), "trades").stream().map(PartitionGrant::source).toList();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void whatTheAdminCommandsWriteServeReads(Kind kind) {
        var db = database(kind);
        AccessAdmin.IssuedKey carol;
        long grant;
        try (var admin = db.admin(clock)) {
            carol = admin.addUser("carol");
            grant = admin.addGrant("carol", "trades", new PartitionSpec(Map.of("MIC", "XLON")));
            admin.addGrant("*", "trades", PartitionSpec.WHOLE_TABLE);
            assertEquals(List.of("carol"), admin.users().stream().map(AccessAdmin.UserSummary::name).toList());
            assertEquals(2, admin.grants(Optional.empty(), Optional.of("trades")).size());
            assertEquals(1, admin.grants(Optional.of("carol"), Optional.empty()).size());
        }
        assertEquals(new Credential(carol.accessKey(), carol.secretKey(), "carol", true),
                credentials(db).find(carol.accessKey()).orElseThrow());
        var policy = policy(db);
        assertEquals(List.of("db:permissions#" + grant, "db:permissions#" + (grant + 1)), sources(policy, "carol"));
        assertEquals(new PartitionSpec(Map.of("MIC", "XLON")),
                policy.grants(new Principal("carol", "AK"), "trades").getFirst().partition());
        assertEquals(1, sources(policy, "dave").size(), "dave has only the grant to everyone");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rotatedKeysAreListedNewestFirstAndOldOnesExpire(Kind kind) {
        var db = database(kind);
        AccessAdmin.IssuedKey old;
        AccessAdmin.IssuedKey rotated;
        try (var admin = db.admin(clock)) {
            old = admin.addUser("carol");
            rotated = admin.rotateKey("carol", Duration.ofHours(1));
            assertEquals(List.of(rotated.accessKey(), old.accessKey()), admin.users().getFirst().keys().stream()
                    .map(AccessAdmin.KeySummary::accessKey).toList());
        }
        var keys = credentials(db);
        assertTrue(keys.find(old.accessKey()).isPresent(), "within the grace period");
        clock.advance(Duration.ofHours(1));
        assertTrue(keys.find(old.accessKey()).isEmpty(), "after the grace period");
        assertTrue(keys.find(rotated.accessKey()).isPresent());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void revocationsTakeEffectWithinTheRefreshInterval(Kind kind) {
        var db = database(kind);
        AccessAdmin.IssuedKey carol;
        long grant;
        try (var admin = db.admin(clock)) {
            carol = admin.addUser("carol");
            grant = admin.addGrant("carol", "trades", PartitionSpec.WHOLE_TABLE);
        }
        var keys = credentials(db);
        var policy = policy(db);
        assertEquals(List.of("db:permissions#" + grant), sources(policy, "carol"));
        try (var admin = db.admin(clock)) {
            admin.revokeGrant(grant);
            admin.setEnabled("carol", false);
        }
        clock.advance(INTERVAL);
        settled(() -> assertEquals(List.of(), sources(policy, "carol")));
        settled(() -> assertFalse(keys.find(carol.accessKey()).orElseThrow().enabled()));
        db.execute("DELETE FROM credentials");
        clock.advance(INTERVAL);
        settled(() -> assertTrue(keys.find(carol.accessKey()).isEmpty(), "a key deleted by hand is gone"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOutageFailsClosedAndTheStoresRecoverByThemselves(Kind kind) {
        var db = database(kind);
        AccessAdmin.IssuedKey carol;
        try (var admin = db.admin(clock)) {
            carol = admin.addUser("carol");
            admin.addGrant("carol", "trades", PartitionSpec.WHOLE_TABLE);
        }
        var keys = credentials(db);
        var policy = policy(db);
        db.outage();
        try {
            clock.advance(INTERVAL);
            settled(() -> assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, refusal(() -> keys.find(carol.accessKey())),
                    "every database key is refused at the first failed read"));
            assertEquals(1, sources(policy, "carol").size(), "grants outlive a failing read for three intervals");
            clock.advance(INTERVAL.multipliedBy(3));
            settled(() -> assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, refusal(() -> sources(policy, "carol"))));
        } finally {
            db.recover();
        }
        clock.advance(INTERVAL);
        settled(() -> assertTrue(keys.find(carol.accessKey()).isPresent(), "the first good read serves again"));
        settled(() -> assertEquals(1, sources(policy, "carol").size()));
    }

    /**
     * Passes once the assertion holds, retrying for a second: with PostgreSQL a re-read on the listening thread (after
     * a notification, or when the subscription is lost or comes back) may be running when the clock makes the value
     * due, and a reader then keeps the value it has, or its refusal, until that re-read ends (as concurrent readers do
     * with SQLite).
     */
    static void settled(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | S3Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static S3ErrorCode refusal(Supplier<?> call) {
        return assertThrows(S3Exception.class, call::get).code();
    }
}
