package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import proxy.api.config.GetMode;

/** Presigned redirects versus streaming, and what a client sees when a backend fails mid-body. */
class RetrievalModeTest {
    private static final String DATA = "date=2024-01-01/part-0.parquet";

    private static TestServer presigned(boolean proxyPartial) {
        var server = new TestServer(b -> b.getMode(GetMode.PRESIGNED_URL).proxyPartial(proxyPartial)
                .presignTtlSeconds(60));
        server.trades.put(DATA, "0123456789").put("_delta_log/00000000000000000000.json", "{}");
        server.trades.presignUnder("https://backend.example/bucket/trades/");
        return server;
    }

    @Test
    void presignedModeRedirectsWholeAndRangedGets() throws Exception {
        try (var server = presigned(false)) {
            var whole = server.raw("GET", "/datalake/trades/" + DATA);
            assertEquals(307, whole.status());
            assertEquals("https://backend.example/bucket/trades/" + DATA, whole.headers().get("location"));
            assertEquals(307, server.raw("GET", "/datalake/trades/" + DATA, "Range: bytes=0-3").status());
            assertEquals(List.of("presign " + DATA, "presign " + DATA), server.trades.calls);
            assertTrue(server.completedEventually("GetObject 307 0 tester REDIRECTED"), server.completed::toString);
        }
    }

    @Test
    void proxyPartialStreamsRangedGetsButRedirectsWholeOnes() throws Exception {
        try (var server = presigned(true)) {
            var ranged = server.raw("GET", "/datalake/trades/" + DATA, "Range: bytes=2-5");
            assertEquals(206, ranged.status());
            assertEquals("2345", ranged.text());
            assertEquals("bytes 2-5/10", ranged.headers().get("content-range"));
            assertEquals(307, server.raw("GET", "/datalake/trades/" + DATA).status());
        }
    }

    @Test
    void deltaLogIsAlwaysStreamedAndHeadIsNeverRedirected() throws Exception {
        try (var server = presigned(false)) {
            var log = server.raw("GET", "/datalake/trades/_delta_log/00000000000000000000.json");
            assertEquals(200, log.status());
            assertEquals("{}", log.text());
            var head = server.raw("HEAD", "/datalake/trades/" + DATA);
            assertEquals(200, head.status());
            assertEquals("10", head.headers().get("content-length"));
        }
    }

    @Test
    void storesThatCannotPresignAreStreamed() throws Exception {
        try (var server = new TestServer(b -> b.getMode(GetMode.PRESIGNED_URL))) {
            server.trips.put("a.parquet", "abc");
            var response = server.raw("GET", "/datalake/trips/a.parquet");
            assertEquals(200, response.status());
            assertEquals("abc", response.text());
            assertEquals(List.of("presign a.parquet", "get a.parquet"), server.trips.calls);
        }
    }

    @Test
    void forbiddenKeysAreRefusedBeforePresigning() throws Exception {
        try (var server = presigned(false)) {
            assertEquals(403, server.raw("GET", "/datalake/trades/secret.parquet").status());
            assertEquals(List.of(), server.trades.calls);
        }
    }

    @Test
    void backendFailureMidBodyAbortsTheConnection() throws Exception {
        var bytes = new byte[1_000_000];
        new Random(3).nextBytes(bytes);
        try (var server = new TestServer()) {
            server.trades.put("big.parquet", bytes).breakBodyOf("big.parquet");
            var raw = server.raw("GET", "/datalake/trades/big.parquet");
            assertEquals(200, raw.status());
            assertEquals("1000000", raw.headers().get("content-length"));
            assertTrue(raw.body().length < bytes.length, "received " + raw.body().length);
            try (var client = HttpClient.newHttpClient()) {
                var request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/datalake/trades/big.parquet"))
                        .build();
                assertThrows(IOException.class, () -> client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            }
            server.trades.put("ok.parquet", bytes);
            var intact = server.raw("GET", "/datalake/trades/ok.parquet");
            assertArrayEquals(bytes, intact.body());
            server.server.stop(java.time.Duration.ZERO);
        }
    }
}
