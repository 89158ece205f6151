package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditEvent.Mode;
import proxy.api.audit.AuditEvent.Verdict;
import proxy.api.config.GetMode;

/** Exactly one audit event per request, with the facts of that request and nothing from its credentials. */
class AuditTrailTest {
    private static final String DATA = "date=2024-01-01/part-0.parquet";

    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer();
        server.trades.put(DATA, "0123456789").put("date=2024-01-01/secret.parquet", "no");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Sends one request and returns the one event it produced (events are recorded after the last byte). */
    private AuditEvent audited(String method, String target, String... headers) throws Exception {
        int before = server.audited.size();
        var response = server.raw(method, target, headers);
        for (int i = 0; i < 500 && server.audited.size() == before; i++) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
        assertEquals(before + 1, server.audited.size(), "one event per request: " + server.audited);
        AuditEvent event = server.audited.getLast();
        assertEquals(response.headers().get("x-amz-request-id"), event.requestId());
        assertEquals(response.status(), event.status());
        assertEquals(response.body().length, event.bytesSent());
        return event;
    }

    @Test
    void allowedGetRecordsTheGrantTheKeyAndTheBytes() throws Exception {
        Instant before = Instant.now();
        AuditEvent event = audited("GET", "/datalake/trades/" + DATA);
        assertEquals("tester", event.principal());
        assertEquals("GetObject", event.operation());
        assertEquals("trades", event.table());
        assertEquals("trades/" + DATA, event.key());
        assertEquals(Verdict.ALLOW, event.decision());
        assertEquals("test", event.reason());
        assertEquals(200, event.status());
        assertEquals(10, event.bytesSent());
        assertEquals(Mode.PROXY, event.mode());
        assertNull(event.errorCode());
        assertFalse(event.time().isBefore(before.minusMillis(1)));
        assertTrue(event.durationMillis() >= 0 && event.durationMillis() < Duration.ofSeconds(10).toMillis());
    }

    @Test
    void deniedGetRecordsTheAuthorizersReason() throws Exception {
        AuditEvent event = audited("GET", "/datalake/trades/date=2024-01-01/secret.parquet");
        assertEquals(Verdict.DENY, event.decision());
        assertEquals("test: secret", event.reason());
        assertEquals(403, event.status());
        assertEquals("AccessDenied", event.errorCode());
        assertEquals("trades/date=2024-01-01/secret.parquet", event.key());
        assertEquals(Mode.ANSWERED, event.mode());
    }

    @Test
    void getOnAnInvisibleTableIsDeniedAsNotVisible() throws Exception {
        AuditEvent event = audited("HEAD", "/datalake/hidden_t/x.parquet");
        assertEquals("HeadObject", event.operation());
        assertEquals("hidden_t", event.table());
        assertEquals(Verdict.DENY, event.decision());
        assertEquals(TableDirectory.NOT_VISIBLE, event.reason());
        assertEquals(403, event.status());
    }

    @Test
    void listingsAreAllowedAndFilteredOnVisibleTablesDeniedOnInvisibleOnes() throws Exception {
        AuditEvent visible = audited("GET", "/datalake?list-type=2&prefix=trades%2Fdate%3D2024&delimiter=%2F");
        assertEquals("ListObjectsV2", visible.operation());
        assertEquals("trades", visible.table());
        assertEquals("trades/date=2024", visible.key());
        assertEquals(Verdict.ALLOW, visible.decision());
        assertEquals(ListingOperations.FILTERED, visible.reason());
        assertEquals(Mode.ANSWERED, visible.mode());

        AuditEvent hidden = audited("GET", "/datalake?prefix=hidden_t/");
        assertEquals("ListObjects", hidden.operation());
        assertEquals(Verdict.DENY, hidden.decision());
        assertEquals(TableDirectory.NOT_VISIBLE, hidden.reason());
        assertEquals(200, hidden.status(), "an invisible table lists as empty");

        AuditEvent bucket = audited("GET", "/datalake?list-type=2");
        assertNull(bucket.table());
        assertEquals("", bucket.key());
        assertEquals(Verdict.ALLOW, bucket.decision());
    }

    @Test
    void authenticationFailureHasNoPrincipalAndTheS3ErrorCode() throws Exception {
        AuditEvent event = audited("GET", "/datalake/trades/" + DATA, "x-test-deny: 1");
        assertNull(event.principal());
        assertEquals("GetObject", event.operation());
        assertEquals(Verdict.DENY, event.decision());
        assertEquals(ExchangeHandler.AUTHENTICATION_FAILED, event.reason());
        assertEquals(403, event.status());
        assertEquals("SignatureDoesNotMatch", event.errorCode());
    }

    @Test
    void unknownBucketAndListBucketsNeedNoAuthorization() throws Exception {
        AuditEvent other = audited("GET", "/otherbucket/trades/" + DATA);
        assertEquals("Invalid", other.operation());
        assertNull(other.principal());
        assertEquals(Verdict.NONE, other.decision());
        assertNull(other.reason());
        assertEquals(404, other.status());
        assertEquals("NoSuchBucket", other.errorCode());

        AuditEvent buckets = audited("GET", "/");
        assertEquals("ListBuckets", buckets.operation());
        assertEquals("tester", buckets.principal());
        assertEquals(Verdict.NONE, buckets.decision());
        assertNull(buckets.table());
        assertNull(buckets.key());
    }

    @Test
    void presignedQueryStringsAndHeadersNeverReachTheEvent() throws Exception {
        AuditEvent event = audited("GET", "/datalake/trades/" + DATA
                        + "?X-Amz-Credential=AKIDTEST%2F20260101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abcdef0123",
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/x, Signature=feedbeef");
        String all = event.toString();
        for (String secret : List.of("AKIDTEST", "abcdef0123", "feedbeef", "X-Amz", "Credential")) {
            assertFalse(all.contains(secret), secret + " in " + all);
        }
        assertEquals("trades/" + DATA, event.key());
    }

    @Test
    void redirectsAreRecordedAsRedirectMode() throws Exception {
        server.close();
        server = new TestServer(b -> b.getMode(GetMode.PRESIGNED_URL));
        server.trades.put(DATA, "0123456789");
        server.trades.presignUnder("https://backend.example/bucket/trades/");
        AuditEvent event = audited("GET", "/datalake/trades/" + DATA);
        assertEquals(307, event.status());
        assertEquals(Mode.REDIRECT, event.mode());
        assertEquals(Verdict.ALLOW, event.decision());
        assertEquals(0, event.bytesSent());
    }
}
