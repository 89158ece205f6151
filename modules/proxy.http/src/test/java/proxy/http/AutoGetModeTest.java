package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditEvent.Routing;
import proxy.api.config.GetMode;

/**
 * {@code getMode: auto} (the default): a 307 to a presigned URL only for clients known to follow it correctly or
 * that opted in, the object streamed for everyone else; the choice is in the audit event and the metrics.
 */
class AutoGetModeTest {
    private static final String DATA = "date=2024-01-01/part-0.parquet";
    private static final String PATH = "/datalake/trades/" + DATA;

    private static TestServer auto() {
        var server = new TestServer(b -> b.getMode(GetMode.AUTO));
        server.trades.put(DATA, "0123456789").put("_delta_log/00000000000000000000.json", "{}");
        server.trades.presignUnder("https://backend.example/bucket/trades/");
        return server;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "rclone/v1.66.0",
            "rclone/",
            "polars/0.55.1",
            "object_store/0.11.1",
            "aws-sdk-cpp/1.11.800 ua/2.1 api/S3 os/Linux#6.18.44-fc-v1300 lang/c++#C++11 md/aws-crt#0.39.1"
                    + " md/arch#x86_64 md/GCC#14.2.1 md/http#curl m/Z,b,P",
            "aws-sdk-cpp/1.10.55 Linux/5.15.0 x86_64 GCC/12.2.0"})
    void clientsKnownToFollowARedirectAreRedirected(String agent) throws Exception {
        try (var server = auto()) {
            var response = server.raw("GET", PATH, "User-Agent: " + agent);
            assertEquals(307, response.status());
            assertEquals("https://backend.example/bucket/trades/" + DATA, response.headers().get("location"));
            assertEquals(Routing.REDIRECT_CLIENT, event(server, 1).routing());
            assertEquals(List.of("redirect-client"), server.routed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "aws-cli/2.15.0 Python/3.11.6 Linux/6.8.0 exe/x86_64.ubuntu.24 prompt/off command/s3.cp",
            "aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1300 md/arch#x86_64 lang/python#3.11.7"
                    + " md/pyimpl#CPython m/N,b,Z,D cfg/retry-mode#legacy botocore/1.43.11",
            "Boto3/1.43.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.18.44-fc-v1300 md/arch#x86_64 lang/python#3.11.7"
                    + " md/pyimpl#CPython m/b,D,N,Z,g cfg/retry-mode#legacy Botocore/1.43.11",
            "Hadoop 3.3.4, aws-sdk-java/1.12.262 Linux/6.8.0 OpenJDK_64-Bit_Server_VM/17.0.9+9 java/17.0.9",
            "Hadoop 3.4.1, aws-sdk-java/2.24.6 md/io#sync md/http#Apache ua/2.0 os/Linux#6.8.0 lang/java#17.0.9",
            "s3cmd/2.4.0+",
            "duckdb/v1.1.3(linux_amd64) python",
            "curl/7.88.1",
            "someone pretending rclone"})
    void otherClientsAreStreamed(String agent) throws Exception {
        try (var server = auto()) {
            var response = server.raw("GET", PATH, "User-Agent: " + agent);
            assertEquals(200, response.status());
            assertEquals("0123456789", response.text());
            assertEquals(List.of("get " + DATA), server.trades.calls, "never presigned");
            AuditEvent event = event(server, 1);
            assertEquals(Routing.STREAM_CLIENT, event.routing());
            assertEquals(AuditEvent.Mode.PROXY, event.mode());
            assertEquals(List.of("stream-client"), server.routed);
        }
    }

    /** s3cmd sends no User-Agent at all. */
    @Test
    void aRequestWithoutUserAgentIsStreamed() throws Exception {
        try (var server = auto()) {
            assertEquals(200, server.raw("GET", PATH).status());
            assertEquals(Routing.STREAM_CLIENT, event(server, 1).routing());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "User-Agent: aws-cli/2.15.0 Python/3.11.6 delta-s3-proxy-redirect",
            "User-Agent: Boto3/1.34.0 md/Botocore#1.34.0 Delta-S3-Proxy-Redirect/1",
            "x-delta-proxy-redirect: 1",
            "X-Delta-Proxy-Redirect: true"})
    void clientsCanOptIn(String header) throws Exception {
        try (var server = auto()) {
            var response = server.raw("GET", PATH, header);
            assertEquals(307, response.status());
            assertEquals(Routing.REDIRECT_OPT_IN, event(server, 1).routing());
            assertEquals(List.of("redirect-opt-in"), server.routed);
        }
    }

    @Test
    void aHeaderValueOtherThanOneOrTrueIsNoOptIn() throws Exception {
        try (var server = auto()) {
            assertEquals(200, server.raw("GET", PATH, "x-delta-proxy-redirect: 0").status());
            assertEquals(Routing.STREAM_CLIENT, event(server, 1).routing());
        }
    }

    @Test
    void deltaLogRangedWithProxyPartialAndStoresThatCannotPresignStillStream() throws Exception {
        try (var server = new TestServer(b -> b.getMode(GetMode.AUTO).proxyPartial(true))) {
            server.trades.put(DATA, "0123456789").put("_delta_log/00000000000000000000.json", "{}");
            server.trades.presignUnder("https://backend.example/bucket/trades/");
            server.trips.put("a.parquet", "abc");
            String rclone = "User-Agent: rclone/v1.66.0";
            assertEquals(200, server.raw("GET", "/datalake/trades/_delta_log/00000000000000000000.json", rclone)
                    .status());
            assertEquals(Routing.STREAM_DELTA_LOG, event(server, 1).routing());
            assertEquals(206, server.raw("GET", PATH, rclone, "Range: bytes=0-3").status());
            assertEquals(Routing.STREAM_PARTIAL, event(server, 2).routing());
            assertEquals(200, server.raw("GET", "/datalake/trips/a.parquet", rclone).status());
            assertEquals(Routing.STREAM_NO_PRESIGN, event(server, 3).routing());
            assertEquals(List.of("presign a.parquet", "get a.parquet"), server.trips.calls);
        }
    }

    @Test
    void fixedModesIgnoreTheClientAndRecordThatTheConfigDecided() throws Exception {
        try (var server = new TestServer(b -> b.getMode(GetMode.PROXY))) {
            server.trades.put(DATA, "0123456789");
            server.trades.presignUnder("https://backend.example/bucket/trades/");
            assertEquals(200, server.raw("GET", PATH, "User-Agent: rclone/v1.66.0").status());
            assertEquals(Routing.STREAM_CONFIGURED, event(server, 1).routing());
        }
        try (var server = new TestServer(b -> b.getMode(GetMode.PRESIGNED_URL))) {
            server.trades.put(DATA, "0123456789");
            server.trades.presignUnder("https://backend.example/bucket/trades/");
            assertEquals(307, server.raw("GET", PATH, "User-Agent: aws-cli/2.15.0").status());
            assertEquals(Routing.REDIRECT_CONFIGURED, event(server, 1).routing());
        }
    }

    @Test
    void deniedGetsAndHeadsHaveNoRouting() throws Exception {
        try (var server = auto()) {
            assertEquals(403, server.raw("GET", "/datalake/trades/secret.parquet", "User-Agent: rclone/v1").status());
            assertNull(event(server, 1).routing());
            assertEquals(200, server.raw("HEAD", PATH, "User-Agent: rclone/v1").status());
            assertNull(event(server, 2).routing());
            assertTrue(server.routed.isEmpty(), server.routed::toString);
            assertEquals(List.of(), server.trades.calls.stream().filter(c -> c.startsWith("presign")).toList());
        }
    }

    /**
     * The audit event of the {@code n}th request (from 1); events are recorded after the last byte was sent, so
     * a client can see the response first.
     */
    private static AuditEvent event(TestServer server, int n) throws InterruptedException {
        for (int i = 0; i < 500 && server.audited.size() < n; i++) {
            Thread.sleep(10);
        }
        assertTrue(server.audited.size() >= n, "recorded " + server.audited.size() + " events");
        return server.audited.get(n - 1);
    }
}
