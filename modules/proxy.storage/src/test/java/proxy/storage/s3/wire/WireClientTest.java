package proxy.storage.s3.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against a raw-socket peer: framing, connection reuse, retries of stale connections, hostile answers. */
class WireClientTest {

    private final WireClient client = client(Duration.ofSeconds(20));
    private ScriptedBackend backend;

    private static WireClient client(Duration maxIdleTime) {
        return new WireClient((SSLSocketFactory) SSLSocketFactory.getDefault(), Duration.ofSeconds(2),
                Duration.ofSeconds(2), 256, maxIdleTime);
    }

    @AfterEach
    void close() throws IOException {
        client.close();
        if (backend != null) {
            backend.close();
        }
    }

    private WireResponse get(WireClient c) throws IOException {
        return c.send(backend.origin(), "GET", "/lake/a%20b", "127.0.0.1:" + backend.port(),
                Map.of("Range", "bytes=0-9"));
    }

    private String getBody() throws IOException {
        try (WireResponse answer = get(client)) {
            return new String(answer.body().orElseThrow().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean write(OutputStream out, String answer) throws IOException {
        out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return true;
    }

    @Test
    void sendsOneRequestHeadWithHostAndHeaders() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 2\r\n", "hi"));
        assertEquals("hi", getBody());
        assertEquals("GET /lake/a%20b HTTP/1.1\r\nHost: 127.0.0.1:" + backend.port() + "\r\nRange: bytes=0-9\r\n\r\n",
                backend.requests().getFirst());
    }

    @Test
    void sequentialGetsReuseOneConnection() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out,
                "Content-Length: 5\r\nETag: \"e\"\r\n", "hello"));
        for (int i = 0; i < 50; i++) {
            assertEquals("hello", getBody());
        }
        assertEquals(1, backend.accepts());
        assertEquals(1, client.opened());
        assertEquals(0, client.retried());
    }

    @Test
    void chunkedBodyIsReadWholeWithExtensionsAndTrailersDroppedAndTheConnectionReused() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out,
                "Transfer-Encoding: chunked\r\n", "5;name=value\r\nhello\r\n1\r\n \r\nA ;x\r\n0123456789\r\n"
                        + "0\r\nX-Trailer: t\r\n\r\n"));
        assertEquals("hello 0123456789", getBody());
        assertEquals("hello 0123456789", getBody());
        assertEquals(1, backend.accepts());
    }

    @Test
    void headAndNotModifiedAnswersHaveNoBodyAndLeaveTheConnectionReusable() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> write(out, head.startsWith("HEAD")
                ? "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" : "HTTP/1.1 304 Not Modified\r\nETag: \"e\"\r\n\r\n"));
        try (var answer = client.send(backend.origin(), "HEAD", "/k", "h", Map.of())) {
            assertEquals("1000", answer.header("content-length"));
            assertTrue(answer.body().isEmpty());
        }
        try (var answer = get(client)) {
            assertEquals(304, answer.status());
            assertTrue(answer.body().isEmpty());
        }
        assertEquals(1, backend.accepts());
    }

    @Test
    void connectionCloseAndHttp10WithoutKeepAliveAreNotReused() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> c % 2 == 0
                ? ScriptedBackend.ok(out, "Content-Length: 2\r\nConnection: close\r\n", "hi")
                : write(out, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
        for (int i = 0; i < 4; i++) {
            assertEquals("hi", getBody());
        }
        assertEquals(4, backend.accepts());
        assertEquals(0, client.retried());
    }

    @Test
    void http10WithKeepAliveIsReused() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) ->
                write(out, "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nhi"));
        assertEquals("hi", getBody());
        assertEquals("hi", getBody());
        assertEquals(1, backend.accepts());
    }

    @Test
    void aBodyWithoutLengthIsReadToTheEndAndItsConnectionNotReused() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "", "until close") && false);
        assertEquals("until close", getBody());
        assertEquals("until close", getBody());
        assertEquals(2, backend.accepts());
    }

    @Test
    void aTruncatedBodyThrowsInsteadOfEnding() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 100\r\n", "short")
                && false);
        try (WireResponse answer = get(client)) {
            InputStream body = answer.body().orElseThrow();
            assertThrows(EOFException.class, body::readAllBytes);
        }
    }

    @Test
    void aTruncatedChunkedBodyThrowsInsteadOfEnding() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Transfer-Encoding: chunked\r\n",
                "5\r\nhello\r\n") && false);
        try (WireResponse answer = get(client)) {
            assertThrows(EOFException.class, answer.body().orElseThrow()::readAllBytes);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\nhi",
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\nhi",
        "HTTP/1.1 200 OK\r\nContent-Length: +2\r\n\r\nhi",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 200 OK\nContent-Length: 0\n\n",
        "HTTP/1.1 200 OK\r\nX-A : 1\r\nContent-Length: 0\r\n\r\n",
        "HTTP/2 200\r\nContent-Length: 0\r\n\r\n",
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
        "HTTP/1.1 099 Odd\r\n\r\n",
        "ICY 200 OK\r\n\r\n"})
    void malformedOrAmbiguousAnswersAreRefused(String answer) throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> write(out, answer));
        assertThrows(IOException.class, () -> get(client));
    }

    @Test
    void interimAnswersAreSkippedUpToALimit() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> write(out, (c + r == 0 ? "HTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" : "HTTP/1.1 100 Continue\r\n\r\n".repeat(9))
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi"));
        try (WireResponse answer = get(client)) {
            assertEquals(200, answer.status());
            assertEquals("hi", new String(answer.body().orElseThrow().readAllBytes(), StandardCharsets.US_ASCII));
        }
        assertThrows(IOException.class, () -> get(client), "nine interim answers");
    }

    @Test
    void aMalformedChunkSizeFailsTheRead() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Transfer-Encoding: chunked\r\n",
                "0x5\r\nhello\r\n0\r\n\r\n"));
        try (WireResponse answer = get(client)) {
            assertThrows(IOException.class, answer.body().orElseThrow()::readAllBytes);
        }
    }

    @Test
    void anOversizedHeadIsRefused() throws IOException {
        String many = "X-A: 1\r\n".repeat(ResponseHead.MAX_LINES + 1);
        String big = "X-B: " + "b".repeat(ResponseHead.MAX_BYTES) + "\r\n";
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, (c == 0 ? many : big)
                + "Content-Length: 0\r\n", "") && false);
        assertThrows(IOException.class, () -> get(client));
        assertThrows(IOException.class, () -> get(client));
    }

    @Test
    void aStaleKeptAliveConnectionIsRetriedOnceOnANewOne() throws IOException, InterruptedException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 2\r\n", "hi")
                && false); // closes every connection after one answer, without saying so
        assertEquals("hi", getBody());
        Thread.sleep(100); // the close reaches the client's idle connection
        assertEquals("hi", getBody());
        assertEquals(1, client.retried());
        assertEquals(2, backend.accepts());
    }

    @Test
    void nothingIsRetriedOnceTheAnswerBegan() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> r == 0
                ? ScriptedBackend.ok(out, "Content-Length: 2\r\n", "hi") : write(out, "HTTP/1.1 2") && false);
        assertEquals("hi", getBody());
        assertThrows(IOException.class, () -> get(client));
        assertEquals(0, client.retried());
        assertEquals(1, backend.accepts());
    }

    @Test
    void aServerThatAnswersNothingTimesOut() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> true);
        long start = System.nanoTime();
        assertThrows(SocketTimeoutException.class, () -> get(client));
        assertTrue(System.nanoTime() - start >= Duration.ofSeconds(2).toNanos() - 50_000_000L);
        assertEquals(0, client.retried());
    }

    @Test
    void aSmallUnreadRestIsDrainedAndTheConnectionReused() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 1000\r\n",
                "x".repeat(1000)));
        try (WireResponse answer = get(client)) {
            assertEquals('x', answer.body().orElseThrow().read());
        }
        assertEquals(1000, getBody().length());
        assertEquals(1, backend.accepts());
    }

    @Test
    void aLargeUnreadRestClosesTheConnection() throws IOException {
        int size = 4 * ResponseBody.DRAIN_LIMIT;
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: " + size + "\r\n",
                "x".repeat(size)));
        try (WireResponse answer = get(client)) {
            assertEquals('x', answer.body().orElseThrow().read());
        }
        assertEquals(size, getBody().length());
        assertEquals(2, backend.accepts());
        assertEquals(0, client.retried());
    }

    @Test
    void anAbortedAnswerClosesItsConnection() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 2\r\n", "hi"));
        try (WireResponse answer = get(client)) {
            answer.abort();
            assertThrows(IOException.class, () -> answer.body().orElseThrow().read());
        }
        assertEquals("hi", getBody());
        assertEquals(2, backend.accepts());
    }

    @Test
    void anIdleConnectionPastItsTimeIsNotReused() throws IOException, InterruptedException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 2\r\n", "hi"));
        try (WireClient shortLived = client(Duration.ofMillis(100))) {
            for (int i = 0; i < 2; i++) {
                try (WireResponse answer = get(shortLived)) {
                    answer.body().orElseThrow().readAllBytes();
                }
                Thread.sleep(250);
            }
            assertEquals(2, shortLived.opened());
            assertEquals(0, shortLived.retried());
        }
        assertEquals(2, backend.accepts());
    }

    @Test
    void aHeaderValueWithALineBreakIsRefusedBeforeAnythingIsSent() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out, "Content-Length: 0\r\n", ""));
        assertThrows(IOException.class, () -> client.send(backend.origin(), "GET", "/k", "h",
                Map.of("If-Match", "\"e\"\r\nX-Injected: 1")));
        assertTrue(backend.requests().isEmpty());
        assertFalse(backend.requests().stream().anyMatch(h -> h.contains("X-Injected")));
    }

    @Test
    void headersAreLookedUpInAnyCase() throws IOException {
        backend = new ScriptedBackend((c, r, head, out) -> ScriptedBackend.ok(out,
                "content-length: 2\r\nETag:   \"e\"  \r\n", "hi"));
        try (WireResponse answer = get(client)) {
            assertEquals("\"e\"", answer.header("etag"));
            assertEquals("2", answer.header("Content-Length"));
            assertNull(answer.header("Last-Modified"));
            assertArrayEquals("hi".getBytes(StandardCharsets.US_ASCII), answer.body().orElseThrow().readAllBytes());
        }
    }
}
