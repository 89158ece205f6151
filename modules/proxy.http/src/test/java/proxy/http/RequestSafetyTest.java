package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile keys, raw protocol details and virtual-hosted style, over raw sockets. */
class RequestSafetyTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = new TestServer();
        server.trades.put("a/b.parquet", "hello");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/datalake/trades/../trips/x", "/datalake/trades/%2e%2e/trips/x",
        "/datalake/trades/%2E%2E%2Ftrips%2Fx", "/datalake/trades/./a/b.parquet", "/datalake/trades//a/b.parquet",
        "/datalake//trades/a/b.parquet", "/datalake/trades/a%00b", "/datalake/trades/a%5Cb.parquet",
        "/datalake/trades/a%0Ab", "/datalake/trades/%C3%28", "/datalake/trades/%FF",
        "/datalake/trades/%2e%2e"})
    void hostileKeysAreInvalidUriAndNeverReachTheStore(String target) throws Exception {
        for (String method : List.of("GET", "HEAD")) {
            var response = server.raw(method, target);
            assertEquals(400, response.status(), method + " " + target);
            if (method.equals("GET")) {
                assertTrue(response.text().contains("<Code>InvalidURI</Code>"), response.text());
            }
        }
        assertEquals(List.of(), server.trades.calls);
        assertEquals(List.of(), server.trips.calls);
    }

    /** Targets that are not URIs at all: the JDK server answers a plain 400 before any handler runs. */
    @ParameterizedTest
    @ValueSource(strings = {"/datalake/trades/a\\b.parquet", "/datalake/trades/%zz", "/datalake/trades/a%2"})
    void malformedTargetsAreRejectedByTheHttpLayer(String target) throws Exception {
        assertEquals(400, server.raw("GET", target).status());
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void tooLongKeyIsKeyTooLongError() throws Exception {
        var response = server.raw("GET", "/datalake/trades/" + "k".repeat(1100));
        assertEquals(400, response.status());
        assertTrue(response.text().contains("<Code>KeyTooLongError</Code>"), response.text());
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void everyResponseHasS3Headers() throws Exception {
        for (var response : List.of(server.raw("GET", "/datalake/trades/a/b.parquet"),
                server.raw("GET", "/datalake/trades/%2e%2e"), server.raw("HEAD", "/datalake/trades/nope"))) {
            assertTrue(response.headers().get("x-amz-request-id").matches("[0-9A-F]{16}"), response.headers()
                    .toString());
            assertNotNull(response.headers().get("x-amz-id-2"));
            assertNotNull(response.headers().get("date"));
            assertEquals("delta-s3-proxy", response.headers().get("server"));
        }
    }

    @Test
    void errorBodiesCarryTheRequestIdAndResource() throws Exception {
        var response = server.raw("GET", "/datalake/trades/secret.parquet");
        assertEquals(403, response.status());
        String xml = response.text();
        assertTrue(xml.contains("<Resource>/datalake/trades/secret.parquet</Resource>"), xml);
        assertTrue(xml.contains("<RequestId>" + response.headers().get("x-amz-request-id") + "</RequestId>"), xml);
    }

    @Test
    void notModifiedHasValidatorsButNoBody() throws Exception {
        String etag = FakeStore.etag("hello".getBytes(StandardCharsets.UTF_8));
        for (String method : List.of("GET", "HEAD")) {
            var response = server.raw(method, "/datalake/trades/a/b.parquet", "If-None-Match: " + etag);
            assertEquals(304, response.status());
            assertEquals(etag, response.headers().get("etag"));
            assertEquals("Wed, 04 Mar 2026 05:06:07 GMT", response.headers().get("last-modified"));
            assertEquals(0, response.body().length);
        }
    }

    @Test
    void headErrorsHaveNoBody() throws Exception {
        var response = server.raw("HEAD", "/datalake/trades/nope.parquet");
        assertEquals(404, response.status());
        assertEquals(0, response.body().length);
    }

    @Test
    void virtualHostedStyleServesKeysAndListings() throws Exception {
        var object = server.raw("GET", "/trades/a/b.parquet", "Host: datalake.localhost:" + server.server.port());
        assertEquals(200, object.status());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), object.body());
        var listing = server.raw("GET", "/?list-type=2&delimiter=/", "Host: datalake.s3.example.com");
        assertTrue(listing.text().contains("<Prefix>trades/</Prefix>"), listing.text());
        var hostile = server.raw("GET", "/trades/%2e%2e/x", "Host: datalake.localhost");
        assertEquals(400, hostile.status());
    }

    @Test
    void writesWithBodiesAreRefusedWithoutReadingThem() throws Exception {
        byte[] body = new byte[40_000];
        var response = server.raw("PUT", "/datalake/trades/new.parquet", body, "Content-Length: " + body.length);
        assertEquals(405, response.status());
        assertTrue(response.text().contains("<Code>MethodNotAllowed</Code>"), response.text());
        assertEquals(List.of(), server.trades.calls);
    }

    @Test
    void aRefusedWriteLeavesTheConnectionReadyForTheNextRequest() throws Exception {
        byte[] body = new byte[40_000];
        try (var socket = new java.net.Socket("127.0.0.1", server.server.port())) {
            socket.setSoTimeout(10_000);
            String host = "Host: 127.0.0.1:" + server.server.port() + "\r\n";
            var out = socket.getOutputStream();
            out.write(("PUT /datalake/trades/new.parquet HTTP/1.1\r\n" + host + "Content-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.write(("GET /datalake/trades/a/b.parquet HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answers.startsWith("HTTP/1.1 405"), answers);
            int second = answers.indexOf("HTTP/1.1 200");
            assertTrue(second > 0 && answers.endsWith("hello"), "the next request on the connection: " + answers);
        }
        assertEquals(List.of(), server.trades.calls.stream().filter(c -> c.contains("new.parquet")).toList());
    }

    @Test
    void listingPrefixWithDotSegmentsIsInvalidArgument() throws Exception {
        var response = server.raw("GET", "/datalake?list-type=2&prefix=trades/../trips/");
        assertEquals(400, response.status());
        assertTrue(response.text().contains("<Code>InvalidArgument</Code>"), response.text());
        assertEquals(List.of(), server.trips.calls);
    }
}
