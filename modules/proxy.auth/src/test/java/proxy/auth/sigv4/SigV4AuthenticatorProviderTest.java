package proxy.auth.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.ProviderContext;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.admin.AccessAdmin;
import proxy.api.auth.Authenticator;
import proxy.api.config.ConfigException;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.auth.AdminFixture;
import proxy.auth.RecordingMetrics;
import proxy.testkit.TestClock;

/** The provider end to end: config users plus the credentials table, changes picked up without restart. */
class SigV4AuthenticatorProviderTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-02-02T12:00:00Z"));
    final RecordingMetrics metrics = new RecordingMetrics();

    Path db() {
        return dir.resolve("delta_proxy.db");
    }

    Authenticator create() {
        ProxyConfig config = AdminFixture.config(db(), Optional.of(AdminFixture.KEY_A), List.of()).toBuilder()
                .users(List.of(new UserConfig("alice", "AKALICE", new Secret("alice-s"), Map.of())))
                .database(new DatabaseConfig("sqlite:" + db(), 2, Optional.of(AdminFixture.KEY_A))).build();
        return new SigV4AuthenticatorProvider().create(new ProviderContext(config, clock, metrics));
    }

    AccessAdmin admin() {
        return AdminFixture.open(db(), Optional.of(AdminFixture.KEY_A), List.of(), clock);
    }

    S3ErrorCode failure(Authenticator a, String ak, String secret) {
        var r = SdkSigning.signHeader(SdkSigning.get("trades/f").build(), ak, secret, "us-east-1", clock, false);
        return assertThrows(S3Exception.class, () -> a.authenticate(r)).code();
    }

    String name(Authenticator a, String ak, String secret) {
        var r = SdkSigning.signHeader(SdkSigning.get("trades/f").build(), ak, secret, "us-east-1", clock, false);
        return a.authenticate(r).name();
    }

    @Test
    void databaseKeysAreAddedAndDisabledWithoutRestart() {
        admin().close();
        Authenticator a = create();
        assertEquals("alice", name(a, "AKALICE", "alice-s"));
        assertEquals(S3ErrorCode.INVALID_ACCESS_KEY_ID, failure(a, "AKCAROL", "carol-s"));

        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        clock.advance(Duration.ofSeconds(2));
        assertEquals("carol", name(a, carol.accessKey(), carol.secretKey().reveal()));

        try (var admin = admin()) {
            admin.setEnabled("carol", false);
        }
        clock.advance(Duration.ofSeconds(2));
        assertEquals(S3ErrorCode.ACCESS_DENIED, failure(a, carol.accessKey(), carol.secretKey().reveal()));
        assertEquals(List.of("InvalidAccessKeyId", "AccessDenied"), metrics.authenticationFailures);
    }

    @Test
    void unreadableDatabaseRefusesDatabaseKeysButNotConfigUsers() throws Exception {
        AccessAdmin.IssuedKey carol;
        try (var admin = admin()) {
            carol = admin.addUser("carol");
        }
        Authenticator a = create();
        Files.writeString(db(), "not a database".repeat(100));
        clock.advance(Duration.ofSeconds(2));
        assertEquals("alice", name(a, "AKALICE", "alice-s"));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(a, carol.accessKey(), carol.secretKey().reveal()));
    }

    @Test
    void absentDatabaseStopsStartup() {
        assertEquals("database.uri", assertThrows(ConfigException.class, this::create).key());
    }
}
