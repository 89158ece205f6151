package proxy.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Endpoint mode: the helper between a raw-socket S3 client, a fake delta-s3-proxy and a fake S3 target. */
class LocalProxyTest {

    private static final String SIGNED_HOST = "127.0.0.1:28080";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/"
            + "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=abc123";

    private final RecordingLogger log = new RecordingLogger();

    private LocalProxy startWithUpstream(FakeHttpServer upstream) {
        return LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0),
                Optional.of(URI.create(upstream.base()))), log);
    }

    private static List<String> signedHeaders(String... extra) {
        List<String> headers = new java.util.ArrayList<>(List.of("Host", SIGNED_HOST, "Authorization", AUTHORIZATION,
                "x-amz-date", "20260101T000000Z", "x-amz-content-sha256", "UNSIGNED-PAYLOAD"));
        headers.addAll(Arrays.asList(extra));
        return headers;
    }

    @Test
    void endpointModeForwardsMethodRawPathQueryHostAndSignedHeadersUnchanged() throws Exception {
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var proxy = startWithUpstream(upstream)) {
            String target = "/datalake/trades/date%3D2024-01-01/part-0.parquet?list-type=2&prefix=a%2Fb%20c&x=%7E";
            var response = RawHttpClient.send(proxy.port(), "GET " + target + " HTTP/1.1",
                    signedHeaders("Keep-Alive", "timeout=5", "Proxy-Authorization", "Basic secret"), new byte[0]);

            assertEquals(200, response.status());
            var seen = upstream.take();
            assertEquals("GET", seen.method());
            assertEquals(target, seen.rawUri());
            assertEquals(Optional.of(SIGNED_HOST), seen.header("Host"));
            assertEquals(Optional.of(AUTHORIZATION), seen.header("Authorization"));
            assertEquals(Optional.of("20260101T000000Z"), seen.header("x-amz-date"));
            assertEquals(Optional.of("UNSIGNED-PAYLOAD"), seen.header("x-amz-content-sha256"));
            assertFalse(seen.headers().containsKey("keep-alive"), "hop-by-hop header forwarded");
            assertFalse(seen.headers().containsKey("proxy-authorization"), "proxy credentials forwarded");
        }
    }

    @Test
    void endpointModeForwardsRequestBodyWithItsLength() throws Exception {
        byte[] body = "<Delete><Object><Key>k</Key></Object></Delete>".getBytes(UTF_8);
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(204, -1));
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "POST /datalake?delete HTTP/1.1",
                    signedHeaders("Content-Length", Integer.toString(body.length)), body);

            assertEquals(204, response.status());
            var seen = upstream.take();
            assertEquals("POST", seen.method());
            assertEquals("/datalake?delete", seen.rawUri());
            assertEquals(Optional.of(Integer.toString(body.length)), seen.header("Content-Length"));
            assertArrayEquals(body, seen.body());
        }
    }

    @Test
    void redirectToPresignedUrlIsFollowedWithOnlyRange() throws Exception {
        byte[] object = "0123456789".getBytes(UTF_8);
        try (var s3 = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Content-Range", "bytes 2-5/10");
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.getResponseHeaders().set("ETag", "\"etag-1\"");
                ex.getResponseHeaders().set("x-amz-request-id", "S3REQ");
                ex.sendResponseHeaders(206, 4);
                ex.getResponseBody().write(object, 2, 4);
            });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base()
                         + "/bucket/trades/part-0.parquet?X-Amz-Credential=AK%2F20260101&X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/trades/part-0.parquet HTTP/1.1",
                    signedHeaders("Range", "bytes=2-5", "User-Agent", "spark"), new byte[0]);

            assertEquals(206, response.status());
            assertEquals("2345", response.text());
            assertEquals(Optional.of("bytes 2-5/10"), response.header("Content-Range"));
            assertEquals(Optional.of("\"etag-1\""), response.header("ETag"));
            assertEquals(Optional.of("4"), response.header("Content-Length"));
            assertFalse(response.headers().containsKey("x-amz-request-id"));
            assertEquals(Optional.of("bytes=2-5"), upstream.take().header("Range"));

            var seen = s3.take();
            assertEquals("GET", seen.method());
            assertEquals("/bucket/trades/part-0.parquet?X-Amz-Credential=AK%2F20260101&X-Amz-Signature=feed",
                    seen.rawUri());
            assertEquals(Optional.of("bytes=2-5"), seen.header("Range"));
            assertEquals(Optional.of("127.0.0.1:" + s3.port()), seen.header("Host"));
            assertFalse(seen.headers().containsKey("authorization"), "Authorization reached the presigned URL");
            assertTrue(seen.headers().keySet().stream().noneMatch(h -> h.startsWith("x-amz-")),
                    "x-amz-* reached the presigned URL: " + seen.headers().keySet());
            assertLoggedWithoutQuery("/datalake/trades/part-0.parquet -> 206", "redirect followed: yes");
        }
    }

    @Test
    void headRedirectIsFollowedWithHead() throws Exception {
        try (var s3 = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Content-Length", "1234");
                ex.getResponseHeaders().set("Last-Modified", "Thu, 01 Jan 2026 00:00:00 GMT");
                ex.sendResponseHeaders(200, -1);
            });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base() + "/bucket/k?X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "HEAD /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(200, response.status());
            assertEquals(Optional.of("1234"), response.header("Content-Length"));
            assertEquals(Optional.of("Thu, 01 Jan 2026 00:00:00 GMT"), response.header("Last-Modified"));
            assertEquals(0, response.body().length);
            assertEquals("HEAD", upstream.take().method());
            var seen = s3.take();
            assertEquals("HEAD", seen.method());
            assertFalse(seen.headers().containsKey("authorization"));
        }
    }

    @Test
    void errorResponsePassesThroughUnchanged() throws Exception {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>Access Denied</Message><RequestId>r-1</RequestId></Error>").getBytes(UTF_8);
        try (var upstream = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Content-Type", "application/xml");
                ex.getResponseHeaders().set("x-amz-request-id", "r-1");
                ex.sendResponseHeaders(403, xml.length);
                ex.getResponseBody().write(xml);
            });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/secret/part-9.parquet HTTP/1.1",
                    signedHeaders(), new byte[0]);

            assertEquals(403, response.status());
            assertArrayEquals(xml, response.body());
            assertEquals(Optional.of("application/xml"), response.header("Content-Type"));
            assertEquals(Optional.of("r-1"), response.header("x-amz-request-id"));
        }
    }

    @Test
    void relativeRedirectIsRelayedToTheClientUnchanged() throws Exception {
        try (var upstream = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Location", "/datalake/other");
                ex.sendResponseHeaders(307, -1);
            });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(307, response.status());
            assertEquals(Optional.of("/datalake/other"), response.header("Location"));
            upstream.take();
            assertTrue(upstream.idle(), "a relative redirect must not be followed");
        }
    }

    @Test
    void redirectLoopIsCutAfterTheLimitWith502() throws Exception {
        int[] port = new int[1];
        try (var upstream = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + port[0] + "/again");
                ex.sendResponseHeaders(302, -1);
            });
             var proxy = startWithUpstream(upstream)) {
            port[0] = upstream.port();
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(502, response.status());
            assertTrue(response.text().contains("<Code>BadGateway</Code>"), response.text());
            for (int i = 0; i <= LocalProxyOptions.DEFAULT_MAX_REDIRECTS; i++) {
                upstream.take();
            }
        }
    }

    @Test
    void responseOfUnknownLengthIsStreamedChunked() throws Exception {
        byte[] payload = new byte[300_000];
        Arrays.fill(payload, (byte) 'x');
        try (var upstream = new FakeHttpServer(ex -> {
                ex.sendResponseHeaders(200, 0);
                for (int off = 0; off < payload.length; off += 1000) {
                    ex.getResponseBody().write(payload, off, 1000);
                }
            });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/_delta_log/00.json HTTP/1.1",
                    signedHeaders(), new byte[0]);

            assertEquals(200, response.status());
            assertArrayEquals(payload, response.body());
        }
    }

    @Test
    void unreachableUpstreamAnswers502() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var options = LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0),
                Optional.of(URI.create("http://127.0.0.1:" + closedPort)));
        try (var proxy = LocalProxy.start(options, log)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(502, response.status());
            assertTrue(response.text().contains("<Code>BadGateway</Code>"), response.text());
        }
    }

    @Test
    void chunkedRequestBodyIsStreamedToTheUpstream() throws Exception {
        byte[] chunked = "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n".getBytes(UTF_8);
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "PUT /datalake/tmp/obj HTTP/1.1",
                    signedHeaders("Transfer-Encoding", "chunked"), chunked);

            assertEquals(200, response.status());
            var seen = upstream.take();
            assertEquals("PUT", seen.method());
            assertEquals("hello world", new String(seen.body(), UTF_8));
        }
    }

    @Test
    void successiveRequestsOfAKeepAliveClientAreEachFollowed() throws Exception {
        try (var s3 = new FakeHttpServer(ex -> {
                byte[] body = ex.getRequestURI().getRawPath().getBytes(UTF_8);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base() + "/bucket" + ex.getRequestURI().getRawPath()
                         + "?X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             });
             var proxy = startWithUpstream(upstream);
             var client = java.net.http.HttpClient.newBuilder()
                     .version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < 3; i++) {
                var request = java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + proxy.port() + "/datalake/part-" + i)).build();
                var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

                assertEquals(200, response.statusCode());
                assertEquals("/bucket/datalake/part-" + i, response.body());
            }
        }
    }

    private void assertLoggedWithoutQuery(String... fragments) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            List<String> lines = log.lines();
            assertTrue(lines.stream().noneMatch(l -> l.contains("?") || l.contains("Signature")),
                    "a log line holds a query string: " + lines);
            if (lines.stream().anyMatch(l -> Arrays.stream(fragments).allMatch(l::contains))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log line with " + Arrays.toString(fragments) + " in " + log.lines());
    }
}
