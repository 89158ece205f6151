package proxy.localproxy;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Endpoint mode: the helper between a raw-socket S3 client, a fake delta-s3-proxy and a fake S3 target. */
class LocalProxyTest {

    private static final String SIGNED_HOST = "127.0.0.1:28080";
    private static final String AUTHORIZATION = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/"
            + "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=abc123";

    private final RecordingLogger log = new RecordingLogger();

    private LocalProxy startWithUpstream(FakeHttpServer upstream) {
        return LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0),
                URI.create(upstream.base())), log);
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
            assertEquals(Optional.of("1"), seen.header("x-delta-proxy-redirect"), "redirect opt-in for getMode auto");
        }
    }

    @Test
    void writesAndBodiesAreRefusedWithoutReachingTheUpstream() throws Exception {
        byte[] body = "<Delete><Object><Key>k</Key></Object></Delete>".getBytes(UTF_8);
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(204, -1));
             var proxy = startWithUpstream(upstream)) {
            var post = RawHttpClient.send(proxy.port(), "POST /datalake?delete HTTP/1.1",
                    signedHeaders("Content-Length", Integer.toString(body.length)), body);
            var put = RawHttpClient.send(proxy.port(), "PUT /datalake/tmp/obj HTTP/1.1",
                    signedHeaders("Transfer-Encoding", "chunked"), "5\r\nhello\r\n0\r\n\r\n".getBytes(UTF_8));
            var getWithBody = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1",
                    signedHeaders("Content-Length", "5"), "hello".getBytes(UTF_8));

            assertEquals(405, post.status());
            assertEquals(Optional.of("GET, HEAD"), post.header("Allow"));
            assertTrue(post.text().contains("<Code>MethodNotAllowed</Code>"), post.text());
            assertEquals(405, put.status());
            assertEquals(400, getWithBody.status());
            assertTrue(upstream.idle(), "a refused request reached the upstream");
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
    void onlyTheUpstreamsRedirectIsFollowedNeverTheObjectStores() throws Exception {
        try (var elsewhere = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var s3 = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", elsewhere.base() + "/next?X-Amz-Signature=beef");
                 ex.sendResponseHeaders(307, -1);
             });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base() + "/bucket/k?X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(307, response.status(), "the store's redirect is relayed, not followed");
            s3.take();
            assertTrue(elsewhere.idle(), "a redirect of the object store was followed");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bucket/k", "/bucket/k?X-Amz-Credential=x", "ftp://s3/bucket/k?X-Amz-Signature=feed",
            "http://169.254.169.254/latest/meta-data?X-Amz-Signature=feed",
            "http://[fe80::1]/k?X-Amz-Signature=feed", "http://0.0.0.0:9/k?X-Amz-Signature=feed",
            "http://user:pw@s3.example/k?X-Amz-Signature=feed"})
    void redirectsThatAreNotPresignedObjectUrlsAreRelayedUnfollowed(String location) throws Exception {
        try (var upstream = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Location", location);
                ex.sendResponseHeaders(307, -1);
            });
             var proxy = startWithUpstream(upstream)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(307, response.status());
            assertEquals(Optional.of(location), response.header("Location"));
        }
    }

    @Test
    void anHttpsUpstreamsRedirectToPlainHttpIsNotFollowed() {
        URI tls = URI.create("https://proxy.example:18443");
        assertEquals(Optional.empty(), Redirects.presignedObjectUrl("http://s3.example/k?X-Amz-Signature=f", tls));
        assertEquals(Optional.of(URI.create("https://s3.example/k?X-Amz-Signature=f")),
                Redirects.presignedObjectUrl("https://s3.example/k?X-Amz-Signature=f", tls));
        assertEquals(Optional.of(URI.create("http://minio:9000/k?a=1&X-Amz-Signature=f")),
                Redirects.presignedObjectUrl("http://minio:9000/k?a=1&X-Amz-Signature=f",
                        URI.create("http://proxy:18080")));
    }

    @Test
    void listeningBeyondLoopbackIsWarnedAbout() throws Exception {
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var exposed = LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("0.0.0.0", 0),
                     URI.create(upstream.base())), log)) {
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith("WARNING") && l.contains("not on loopback")),
                    log.lines().toString());
        }
        var quiet = new RecordingLogger();
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var local = LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0),
                     URI.create(upstream.base())), quiet)) {
            assertTrue(quiet.lines().stream().noneMatch(l -> l.contains("not on loopback")), quiet.lines().toString());
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
                URI.create("http://127.0.0.1:" + closedPort));
        try (var proxy = LocalProxy.start(options, log)) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1", signedHeaders(),
                    new byte[0]);

            assertEquals(502, response.status());
            assertTrue(response.text().contains("<Code>BadGateway</Code>"), response.text());
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
