package proxy.authz.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.admin.AccessAdmin.Refused;
import proxy.api.admin.AccessAdmin;
import proxy.api.config.ConfigException;
import proxy.api.config.PartitionSpec;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.api.policy.Access;
import proxy.authz.AdminFixture;
import proxy.authz.SqliteFixture;
import proxy.testkit.TestClock;

/** The administration operations on a real SQLite file: schema, names, sealing, grants, key rotation. */
class SqliteAccessAdminTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));
    final List<UserConfig> configUsers = List.of(new UserConfig("alice", "AKALICE", new Secret("s"), Map.of()));

    Path db() {
        return dir.resolve("admin.db");
    }

    AccessAdmin admin(Optional<Secret> key) {
        return AdminFixture.open(db(), key, configUsers, clock);
    }

    AccessAdmin admin() {
        return admin(Optional.of(AdminFixture.KEY_A));
    }

    String query(String sql) throws SQLException {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db()); var st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void createsTheDatabaseWithAVersionedSchema() throws SQLException {
        try (var admin = admin()) {
            assertTrue(admin.users().isEmpty());
        }
        assertEquals("2", query("SELECT version FROM schema_version"));
    }

    @Test
    void writeGrantsAreStoredWithTheirAccessAndListedAsSuch() throws SQLException {
        try (var admin = admin()) {
            admin.addUser("carol");
            long read = admin.addGrant("carol", "trades", PartitionSpec.WHOLE_TABLE);
            long write = admin.addGrant("carol", "trades", new PartitionSpec(Map.of("MIC", "XLON")), Access.WRITE);
            assertEquals(List.of(new AccessAdmin.GrantRow(read, "carol", "trades", PartitionSpec.WHOLE_TABLE,
                            Access.READ),
                    new AccessAdmin.GrantRow(write, "carol", "trades", new PartitionSpec(Map.of("MIC", "XLON")),
                            Access.WRITE)), admin.grants(Optional.of("carol"), Optional.empty()));
        }
        assertEquals("read,write", query("SELECT group_concat(access) FROM permissions ORDER BY id"));
    }

    @Test
    void storesSecretsOnlySealed() throws Exception {
        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        assertTrue(carol.accessKey().matches("AKDS[A-Z2-7]{16}"), carol.accessKey());
        assertEquals(40, carol.secretKey().reveal().length());
        assertEquals("", query("SELECT secret_key FROM credentials"));
        byte[] file = Files.readAllBytes(db());
        assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains(carol.secretKey().reveal()),
                "the secret is nowhere in the database file");
    }

    @Test
    void refusesInvalidReservedTakenAndConfigNames() {
        try (var admin = admin()) {
            admin.addUser("carol");
            for (String name : List.of("*", "anonymous", "Anonymous", "readiness-probe", "", "a b", "-x", "carol",
                    "alice")) {
                assertThrows(Refused.class, () -> admin.addUser(name), name);
            }
            assertEquals(List.of("carol"), admin.users().stream().map(AccessAdmin.UserSummary::name).toList());
        }
    }

    @Test
    void refusesToStoreAUserWithoutASecretsKey() {
        try (var admin = admin(Optional.empty())) {
            var e = assertThrows(Refused.class, () -> admin.addUser("carol"));
            assertTrue(e.getMessage().contains("PROXY_SECRETS_KEY"), e.getMessage());
            assertTrue(admin.users().isEmpty());
        }
    }

    @Test
    void refusesToAddKeysUnderAnotherSecretsKeyThanTheStoredOnes() {
        try (var admin = admin()) {
            admin.addUser("carol");
        }
        try (var other = admin(Optional.of(AdminFixture.KEY_B))) {
            var e = assertThrows(Refused.class, () -> other.addUser("dave"));
            assertTrue(e.getMessage().contains("does not decrypt"), e.getMessage());
            assertThrows(Refused.class, () -> other.rotateKey("carol", Duration.ZERO));
            assertEquals(List.of("carol"), other.users().stream().map(AccessAdmin.UserSummary::name).toList());
        }
    }

    @Test
    void grantsAreAddedListedAndRevoked() {
        try (var admin = admin()) {
            admin.addUser("carol");
            long id = admin.addGrant("carol", "trades", new PartitionSpec(Map.of("MIC", "XLON")));
            long everyone = admin.addGrant("*", "trades", PartitionSpec.WHOLE_TABLE);
            admin.addGrant("alice", "trades", PartitionSpec.WHOLE_TABLE);
            assertThrows(Refused.class, () -> admin.addGrant("nobody", "trades", PartitionSpec.WHOLE_TABLE));
            assertThrows(Refused.class, () -> admin.addGrant("carol", "quotes", PartitionSpec.WHOLE_TABLE));
            assertEquals(List.of(new AccessAdmin.GrantRow(id, "carol", "trades",
                            new PartitionSpec(Map.of("MIC", "XLON")))),
                    admin.grants(Optional.of("carol"), Optional.of("trades")));
            assertEquals(3, admin.grants(Optional.empty(), Optional.empty()).size());
            admin.revokeGrant(everyone);
            assertThrows(Refused.class, () -> admin.revokeGrant(everyone));
            assertEquals(1, admin.users().getFirst().grants());
        }
    }

    @Test
    void rotateKeyWithoutGraceDropsTheOldKeyAtOnce() {
        try (var admin = admin()) {
            var old = admin.addUser("carol");
            var rotated = admin.rotateKey("carol", Duration.ZERO);
            assertEquals(List.of(new AccessAdmin.KeySummary(rotated.accessKey(), Optional.empty())),
                    admin.users().getFirst().keys());
            assertFalse(old.accessKey().equals(rotated.accessKey()));
            assertThrows(Refused.class, () -> admin.rotateKey("nobody", Duration.ZERO));
        }
    }

    @Test
    void migratesALegacyDatabaseKeepingItsRows() throws SQLException {
        new SqliteFixture(db()).execute(SqliteFixture.PERMISSIONS_SCHEMA, SqliteFixture.CREDENTIALS_SCHEMA,
                "INSERT INTO credentials VALUES ('AKDAVE', 'dave-secret', 'dave', 1)",
                "INSERT INTO permissions (id, user_id, table_name, partition_filters) VALUES (7, 'dave', 'trades', '{\"MIC\": \"XLON\"}')");
        try (var admin = admin()) {
            assertEquals(List.of("dave"), admin.users().stream().map(AccessAdmin.UserSummary::name).toList());
            assertEquals(7, admin.grants(Optional.of("dave"), Optional.empty()).getFirst().id());
            assertEquals(1, admin.rotateSecretsKey(AdminFixture.KEY_A));
        }
        assertEquals("", query("SELECT secret_key FROM credentials"));
        assertEquals("2", query("SELECT version FROM schema_version"));
        assertEquals("read", query("SELECT access FROM permissions WHERE id = 7"), "old grants stay read grants");
    }

    @Test
    void rotatingTheSecretsKeyReSealsEveryRowOrNone() throws SQLException {
        try (var admin = admin()) {
            admin.addUser("carol");
            admin.addUser("dave");
        }
        String before = query("SELECT group_concat(secret_sealed) FROM credentials");
        try (var wrongKey = admin(Optional.of(AdminFixture.KEY_B))) {
            assertThrows(Refused.class, () -> wrongKey.rotateSecretsKey(AdminFixture.key((byte) 3)));
        }
        assertEquals(before, query("SELECT group_concat(secret_sealed) FROM credentials"), "nothing changed");
        try (var admin = admin()) {
            assertEquals(2, admin.rotateSecretsKey(AdminFixture.KEY_B));
        }
        try (var admin = admin(Optional.of(AdminFixture.KEY_B))) {
            assertEquals(2, admin.rotateSecretsKey(AdminFixture.KEY_B), "the new key opens every row");
        }
    }

    @Test
    void refusesADatabaseOfANewerRelease() {
        new SqliteFixture(db()).execute("CREATE TABLE schema_version (version INTEGER NOT NULL)",
                "INSERT INTO schema_version VALUES (3)");
        var e = assertThrows(ConfigException.class, this::admin);
        assertTrue(e.getMessage().contains(db().toString()), "names the resolved path: " + e.getMessage());
    }
}
