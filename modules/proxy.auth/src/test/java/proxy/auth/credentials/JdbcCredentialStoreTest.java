package proxy.auth.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.accessdb.SqliteDatabase;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.admin.AccessAdmin;
import proxy.api.config.ConfigException;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.auth.AdminFixture;
import proxy.auth.SqliteFixture;
import proxy.testkit.TestClock;

/** The SQLite credentials table as {@code serve} reads it: re-read without restart, sealed secrets, fail closed. */
class JdbcCredentialStoreTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    Path db() {
        return dir.resolve("p.db");
    }

    JdbcCredentialStore store(Optional<Secret> key, Set<String> configUsers) {
        return new JdbcCredentialStore(new SqliteDatabase(new SqliteFixture(db()).config(5)), key, configUsers,
                Duration.ofSeconds(5), clock);
    }

    JdbcCredentialStore store() {
        return store(Optional.of(AdminFixture.KEY_A), Set.of());
    }

    AccessAdmin admin() {
        return AdminFixture.open(db(), Optional.of(AdminFixture.KEY_A), List.of(), clock);
    }

    @Test
    void addedDisabledAndReEnabledUsersTakeEffectAfterRefresh() {
        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        var store = store().requireUsable();
        assertEquals(new Credential(carol.accessKey(), carol.secretKey(), "carol", true),
                store.find(carol.accessKey()).orElseThrow());
        try (var admin = admin()) {
            admin.setEnabled("carol", false);
        }
        clock.advance(Duration.ofSeconds(4));
        assertTrue(store.find(carol.accessKey()).orElseThrow().enabled(), "not re-read before the interval");
        clock.advance(Duration.ofSeconds(1));
        assertFalse(store.find(carol.accessKey()).orElseThrow().enabled());
        try (var admin = admin()) {
            admin.setEnabled("carol", true);
        }
        clock.advance(Duration.ofSeconds(5));
        assertTrue(store.find(carol.accessKey()).orElseThrow().enabled());
    }

    @Test
    void rotatedOutKeyWorksUntilItsGracePeriodEnds() {
        AccessAdmin.IssuedKey old;
        AccessAdmin.IssuedKey rotated;
        try (var admin = admin()) {
            old = admin.addUser("carol");
            rotated = admin.rotateKey("carol", Duration.ofHours(1));
        }
        var store = store().requireUsable();
        assertEquals(rotated.secretKey(), store.find(rotated.accessKey()).orElseThrow().secret());
        clock.advance(Duration.ofMinutes(59));
        assertTrue(store.find(old.accessKey()).isPresent(), "within the grace period");
        clock.advance(Duration.ofMinutes(1));
        assertTrue(store.find(old.accessKey()).isEmpty(), "after the grace period");
        assertTrue(store.find(rotated.accessKey()).isPresent());
    }

    /** Issue 14: a revoked key must not keep working because the table became unreadable. */
    @Test
    void unreadableTableRefusesEveryDatabaseKeyThenRecovers() throws Exception {
        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        var store = store().requireUsable();
        assertTrue(store.find(carol.accessKey()).isPresent());
        byte[] good = Files.readAllBytes(db());
        Files.write(db(), "this is not a database, the operator copied the wrong file".repeat(100).getBytes());
        clock.advance(Duration.ofSeconds(5));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE,
                assertThrows(S3Exception.class, () -> store.find(carol.accessKey())).code());
        Files.write(db(), good);
        clock.advance(Duration.ofSeconds(5));
        assertTrue(store.find(carol.accessKey()).isPresent(), "recovers by itself");
    }

    @Test
    void neverReadableDatabaseRefusesWithServiceUnavailable() {
        var store = store();
        S3Exception e = assertThrows(S3Exception.class, () -> store.find("AK1"));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertFalse(Files.exists(db()), "serve never creates the operator's database");
        assertEquals("database.uri", assertThrows(ConfigException.class, store::requireUsable).key());
    }

    @Test
    void databaseWithoutTheTableHasNoKeys() {
        new SqliteFixture(db()).execute(SqliteFixture.PERMISSIONS_SCHEMA);
        assertTrue(store().requireUsable().find("AK1").isEmpty());
    }

    @Test
    void plainTextSecretsAreRefusedUntilEncryptedByRotateKey() {
        new SqliteFixture(db()).execute(SqliteFixture.CREDENTIALS_SCHEMA,
                "INSERT INTO credentials VALUES ('AKLEGACY', 'legacy-secret', 'dave', 1)");
        var store = store().requireUsable();
        assertTrue(store.find("AKLEGACY").isEmpty(), "a legacy plain-text row authenticates nothing");
        try (var admin = admin()) {
            assertEquals(1, admin.rotateSecretsKey(AdminFixture.KEY_A));
        }
        clock.advance(Duration.ofSeconds(5));
        assertEquals(new Secret("legacy-secret"), store.find("AKLEGACY").orElseThrow().secret());
    }

    @Test
    void sealedSecretsWithoutTheRightKeyFailClosed() {
        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        for (Optional<Secret> key : List.of(Optional.<Secret>empty(), Optional.of(AdminFixture.KEY_B))) {
            var store = store(key, Set.of());
            var e = assertThrows(ConfigException.class, store::requireUsable);
            assertEquals("database.secretsKey", e.key());
            assertFalse(e.getMessage().contains(carol.secretKey().reveal()));
            assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE,
                    assertThrows(S3Exception.class, () -> store.find(carol.accessKey())).code());
        }
    }

    /** Issue 14: a database principal named like a config user must not inherit that user's grants. */
    @Test
    void databaseKeysNamingAConfigUserOrAReservedNameAreRefused() {
        AccessAdmin.IssuedKey mallory;
        try (var admin = admin()) {
            mallory = admin.addUser("mallory");
        }
        new SqliteFixture(db()).execute(
                "INSERT INTO credentials SELECT 'AKSTAR', '', '*', 1, secret_sealed, NULL FROM credentials",
                "UPDATE credentials SET user_id = 'alice' WHERE access_key = '" + mallory.accessKey() + "'");
        var store = store(Optional.of(AdminFixture.KEY_A), Set.of("alice"));
        var e = assertThrows(ConfigException.class, store::requireUsable);
        assertEquals("users[alice].name", e.key());
        assertTrue(store.find(mallory.accessKey()).isEmpty(), "a key of user_id 'alice' is refused");
        assertTrue(store.find("AKSTAR").isEmpty(), "a key of user_id '*' is refused");
    }

    @Test
    void databaseOfANewerReleaseIsRefused() {
        new SqliteFixture(db()).execute("CREATE TABLE schema_version (version INTEGER NOT NULL)",
                "INSERT INTO schema_version VALUES (99)");
        var store = store();
        assertTrue(assertThrows(ConfigException.class, store::requireUsable).getMessage().contains("newer release"));
        assertThrows(S3Exception.class, () -> store.find("AK1"));
    }

    @Test
    void configUsersWinOverDatabaseRows() {
        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        CredentialStore config = new ConfigCredentialStore(List.of(
                new UserConfig("alice", carol.accessKey(), new Secret("cfg"), Map.of())));
        CredentialStore both = CredentialStore.firstOf(List.of(config, store()));
        assertEquals("alice", both.find(carol.accessKey()).orElseThrow().principal());
    }
}
