package proxy.authz.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.accessdb.SqliteDatabase;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.Principal;
import proxy.api.config.PartitionSpec;
import proxy.api.policy.Access;
import proxy.api.policy.PartitionGrant;
import proxy.authz.SqliteFixture;
import proxy.testkit.TestClock;

/** The permissions table: the spec's schema, refresh without restart, fail closed. */
class JdbcPolicyStoreTest {
    static final Principal ALICE = new Principal("alice", "AKALICE");
    static final Principal BOB = new Principal("bob", "AKBOB");

    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    SqliteFixture db(String... rows) {
        var db = new SqliteFixture(dir.resolve("delta_proxy.db"));
        db.execute(SqliteFixture.PERMISSIONS_SCHEMA);
        db.execute(rows);
        return db;
    }

    JdbcPolicyStore store(SqliteFixture db) {
        return new JdbcPolicyStore(new SqliteDatabase(db.config(5)), Duration.ofSeconds(5), clock);
    }

    S3ErrorCode failure(JdbcPolicyStore store) {
        return assertThrows(S3Exception.class, () -> store.grants(ALICE, "trades")).code();
    }

    @Test
    void rowsBecomeGrantsForTheirUserAndEveryone() {
        var store = store(db(
                "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'alice', 'trades', '{\"MIC\":\"XLON\"}')",
                "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (2, '*', 'trades', '{\"MIC\":\"XPAR\",\"date\":\"2024-01-01\"}')",
                "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (3, 'bob', 'trades', '{}')",
                "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (4, 'alice', 'quotes', '{\"MIC\":null}')"));
        assertEquals(List.of(
                new PartitionGrant("alice", "trades", new PartitionSpec(Map.of("MIC", "XLON")), "db:permissions#1"),
                new PartitionGrant("*", "trades", new PartitionSpec(Map.of("MIC", "XPAR", "date", "2024-01-01")),
                        "db:permissions#2")), store.grants(ALICE, "trades"));
        assertEquals(List.of("db:permissions#2", "db:permissions#3"),
                store.grants(BOB, "trades").stream().map(PartitionGrant::source).toList());
        assertEquals(PartitionSpec.WHOLE_TABLE, store.grants(BOB, "trades").get(1).partition());
        var nullPartition = new HashMap<String, String>();
        nullPartition.put("MIC", null);
        assertEquals(new PartitionSpec(nullPartition), store.grants(ALICE, "quotes").getFirst().partition());
        assertTrue(store.grants(BOB, "quotes").isEmpty());
        assertEquals(List.of("db:permissions#1", "db:permissions#2", "db:permissions#3"),
                store.grantsOn("trades").stream().map(PartitionGrant::source).toList(), "every principal's grants");
        assertTrue(store.grantsOn("unknown").isEmpty());
    }

    @Test
    void theAccessColumnOfAVersion2DatabaseMakesWriteGrantsAndAnUnknownAccessFailsClosed() {
        var db = db("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'alice', 'trades', '{\"MIC\":\"XLON\"}')");
        db.execute("ALTER TABLE permissions ADD COLUMN access TEXT NOT NULL DEFAULT 'read'",
                "CREATE TABLE schema_version (version INTEGER NOT NULL)", "INSERT INTO schema_version VALUES (2)",
                "INSERT INTO permissions VALUES (2, 'alice', 'trades', '{\"MIC\":\"XETR\"}', 'write')");
        var store = store(db);
        assertEquals(List.of(Access.READ, Access.WRITE),
                store.grants(ALICE, "trades").stream().map(PartitionGrant::access).toList());
        var bad = new SqliteFixture(dir.resolve("bad.db"));
        bad.execute(SqliteFixture.PERMISSIONS_SCHEMA, "ALTER TABLE permissions ADD COLUMN access TEXT",
                "CREATE TABLE schema_version (version INTEGER NOT NULL)", "INSERT INTO schema_version VALUES (2)",
                "INSERT INTO permissions VALUES (1, 'alice', 'trades', '{}', 'admin')");
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(store(bad)));
    }

    @Test
    void grantAndRevocationTakeEffectAfterRefreshWithoutRestart() {
        var db = db("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'alice', 'trades', '{\"MIC\":\"XLON\"}')");
        var store = store(db);
        db.execute("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (2, 'alice', 'trades', '{\"MIC\":\"XPAR\"}')",
                "DELETE FROM permissions WHERE id = 1");
        assertEquals(List.of("db:permissions#1"), sources(store));
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("db:permissions#2"), sources(store));
    }

    @Test
    void malformedRowFailsTheWholeTableClosedOnceTheLastGoodCopyIsStale() {
        var db = db("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'alice', 'trades', '{\"MIC\":\"XLON\"}')");
        var store = store(db);
        db.execute("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (2, 'bob', 'trades', '{\"MIC\": [1, 2]}')");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("db:permissions#1"), sources(store), "last good copy within 3 intervals");
        clock.advance(Duration.ofSeconds(11));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(store));
        db.execute("DELETE FROM permissions WHERE id = 2");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("db:permissions#1"), sources(store), "recovers without restart");
    }

    @Test
    void badJsonNullColumnsAndNonObjectsAreMalformed() {
        for (String row : List.of("(1, 'alice', 'trades', 'not json')", "(1, 'alice', 'trades', NULL)",
                "(1, NULL, 'trades', '{}')", "(1, 'alice', 'trades', '[\"MIC\"]')",
                "(1, 'alice', 'trades', '{\"MIC\": {\"a\": 1}}')")) {
            var db = new SqliteFixture(dir.resolve("bad" + row.hashCode() + ".db"));
            db.execute(SqliteFixture.PERMISSIONS_SCHEMA, "INSERT INTO permissions VALUES " + row);
            var store = new JdbcPolicyStore(new SqliteDatabase(db.config(5)), Duration.ofSeconds(5), clock);
            assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(store), row);
        }
    }

    @Test
    void integersAndBooleansCompareAsText() {
        var store = store(db("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'alice', 'trades', '{\"year\":2024,\"open\":true}')"));
        assertEquals(Map.of("year", "2024", "open", "true"), store.grants(ALICE, "trades").getFirst().partition()
                .values());
    }

    @Test
    void missingFileOrTableFailsClosed() {
        var missingFile = new JdbcPolicyStore(new SqliteDatabase(new SqliteFixture(dir.resolve("none.db")).config(5)),
                Duration.ofSeconds(5), clock);
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(missingFile));
        assertFalse(Files.exists(dir.resolve("none.db")), "the proxy never creates the operator's database");

        var noTable = new SqliteFixture(dir.resolve("empty.db"));
        noTable.execute("CREATE TABLE other (x INTEGER)");
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(store(noTable)));
    }

    @Test
    void deletedDatabaseFailsClosedAfterThreeIntervals() throws Exception {
        var db = db("INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (1, 'alice', 'trades', '{}')");
        var store = store(db);
        Files.delete(db.file());
        clock.advance(Duration.ofSeconds(15));
        assertEquals(List.of("db:permissions#1"), sources(store));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(store));
    }

    private static List<String> sources(JdbcPolicyStore store) {
        return store.grants(ALICE, "trades").stream().map(PartitionGrant::source).toList();
    }
}
