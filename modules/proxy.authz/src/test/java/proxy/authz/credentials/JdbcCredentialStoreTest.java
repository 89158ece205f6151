package proxy.authz.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.Secret;
import proxy.authz.SqliteFixture;
import proxy.authz.TestClock;
import proxy.authz.db.SqliteDatabase;

/** The SQLite credentials table, re-read without restart. */
class JdbcCredentialStoreTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    JdbcCredentialStore store(SqliteFixture db) {
        return new JdbcCredentialStore(new SqliteDatabase(db.config(5)), Duration.ofSeconds(5), clock);
    }

    @Test
    void addedAndDisabledKeysTakeEffectAfterRefresh() {
        var db = new SqliteFixture(dir.resolve("p.db"));
        db.execute(SqliteFixture.CREDENTIALS_SCHEMA, "INSERT INTO credentials VALUES ('AK1', 's1', 'carol', 1)");
        var store = store(db);
        assertEquals(new Credential("AK1", new Secret("s1"), "carol", true), store.find("AK1").orElseThrow());
        assertTrue(store.find("AK2").isEmpty());

        db.execute("INSERT INTO credentials (access_key, secret_key, user_id) VALUES ('AK2', 's2', 'dave')",
                "UPDATE credentials SET enabled = 0 WHERE access_key = 'AK1'");
        clock.advance(Duration.ofSeconds(4));
        assertTrue(store.find("AK2").isEmpty(), "not re-read before the interval");
        clock.advance(Duration.ofSeconds(1));
        assertEquals("dave", store.find("AK2").orElseThrow().principal());
        assertFalse(store.find("AK1").orElseThrow().enabled());
    }

    @Test
    void lastGoodCopyIsKeptWhenTheDatabaseDisappears() throws Exception {
        var db = new SqliteFixture(dir.resolve("p.db"));
        db.execute(SqliteFixture.CREDENTIALS_SCHEMA, "INSERT INTO credentials VALUES ('AK1', 's1', 'carol', 1)");
        var store = store(db);
        Files.delete(db.file());
        clock.advance(Duration.ofHours(1));
        assertEquals("carol", store.find("AK1").orElseThrow().principal());
    }

    @Test
    void neverReadableDatabaseRefusesWithServiceUnavailable() {
        var store = store(new SqliteFixture(dir.resolve("missing.db")));
        S3Exception e = assertThrows(S3Exception.class, () -> store.find("AK1"));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, e.code());
        assertFalse(Files.exists(dir.resolve("missing.db")), "the proxy never creates the operator's database");
    }

    @Test
    void databaseWithoutTheTableHasNoKeys() {
        var db = new SqliteFixture(dir.resolve("p.db"));
        db.execute("CREATE TABLE permissions (id INTEGER PRIMARY KEY)");
        assertTrue(store(db).find("AK1").isEmpty());
    }

    @Test
    void configUsersWinOverDatabaseRows() {
        var db = new SqliteFixture(dir.resolve("p.db"));
        db.execute(SqliteFixture.CREDENTIALS_SCHEMA,
                "INSERT INTO credentials VALUES ('AK1', 'db-secret', 'mallory', 1)");
        CredentialStore config = key -> key.equals("AK1")
                ? java.util.Optional.of(new Credential("AK1", new Secret("cfg"), "alice", true))
                : java.util.Optional.empty();
        CredentialStore both = CredentialStore.firstOf(List.of(config, store(db)));
        assertEquals("alice", both.find("AK1").orElseThrow().principal());
    }
}
