package proxy.authz.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.ProviderContext;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.Authenticator;
import proxy.api.config.ProxyConfig;
import proxy.api.config.Secret;
import proxy.api.config.UserConfig;
import proxy.authz.RecordingMetrics;
import proxy.authz.SqliteFixture;
import proxy.authz.TestClock;

/** The provider end to end: config users plus the credentials table, changes picked up without restart. */
class SigV4AuthenticatorProviderTest {
    @TempDir
    Path dir;
    final TestClock clock = new TestClock(Instant.parse("2026-02-02T12:00:00Z"));
    final RecordingMetrics metrics = new RecordingMetrics();

    Authenticator create(SqliteFixture db) {
        ProxyConfig config = ProxyConfig.defaults(Map.of("trades", URI.create("file:/data/trades"))).toBuilder()
                .users(List.of(new UserConfig("alice", "AKALICE", new Secret("alice-s"), Map.of())))
                .databaseEnabled(true).database(db.config(2)).build();
        return new SigV4AuthenticatorProvider().create(new ProviderContext(config, clock, metrics));
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
        var db = new SqliteFixture(dir.resolve("delta_proxy.db"));
        db.execute(SqliteFixture.CREDENTIALS_SCHEMA);
        Authenticator a = create(db);
        assertEquals("alice", name(a, "AKALICE", "alice-s"));
        assertEquals(S3ErrorCode.INVALID_ACCESS_KEY_ID, failure(a, "AKCAROL", "carol-s"));

        db.execute("INSERT INTO credentials VALUES ('AKCAROL', 'carol-s', 'carol', 1)");
        clock.advance(Duration.ofSeconds(2));
        assertEquals("carol", name(a, "AKCAROL", "carol-s"));

        db.execute("UPDATE credentials SET enabled = 0 WHERE access_key = 'AKCAROL'");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(S3ErrorCode.ACCESS_DENIED, failure(a, "AKCAROL", "carol-s"));
        assertEquals(List.of("InvalidAccessKeyId", "AccessDenied"), metrics.authenticationFailures);
    }

    @Test
    void unreadableDatabaseRefusesDatabaseKeysButNotConfigUsers() {
        Authenticator a = create(new SqliteFixture(dir.resolve("absent.db")));
        assertEquals("alice", name(a, "AKALICE", "alice-s"));
        assertEquals(S3ErrorCode.SERVICE_UNAVAILABLE, failure(a, "AKCAROL", "carol-s"));
    }
}
