package proxy.localproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Absolute-form requests (clients configured with the helper as their HTTP proxy): forwarded only when they name
 * the upstream; any other host is refused before anything is sent to it.
 */
class ForwardProxyModeTest {

    private static LocalProxy startWithUpstream(URI upstream) {
        return LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0), upstream));
    }

    @Test
    void absoluteFormRequestNamingTheUpstreamIsForwarded() throws Exception {
        byte[] body = "delta".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (var upstream = new FakeHttpServer(ex -> {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            });
             var proxy = startWithUpstream(URI.create(upstream.base()))) {
            String authority = "127.0.0.1:" + upstream.port();
            var response = RawHttpClient.send(proxy.port(),
                    "GET http://" + authority + "/datalake/k?versionId=a%2Bb HTTP/1.1",
                    List.of("Host", authority, "Authorization", "AWS4-HMAC-SHA256 sig", "Proxy-Connection",
                            "keep-alive"), new byte[0]);

            assertEquals(200, response.status());
            assertEquals("delta", response.text());
            var seen = upstream.take();
            assertEquals("/datalake/k?versionId=a%2Bb", seen.rawUri());
            assertEquals(Optional.of(authority), seen.header("Host"));
            assertEquals(Optional.of("AWS4-HMAC-SHA256 sig"), seen.header("Authorization"));
            assertFalse(seen.headers().containsKey("proxy-connection"));
        }
    }

    @Test
    void absoluteFormRequestNamingAnyOtherHostOrPortIsRefusedAndNothingReachesIt() throws Exception {
        try (var other = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var proxy = startWithUpstream(URI.create(upstream.base()))) {
            for (String target : List.of("http://127.0.0.1:" + other.port() + "/datalake/k",
                    "https://127.0.0.1:" + upstream.port() + "/datalake/k",
                    "http://localhost:" + upstream.port() + "/datalake/k")) {
                var response = RawHttpClient.send(proxy.port(), "GET " + target + " HTTP/1.1",
                        List.of("Host", URI.create(target).getRawAuthority()), new byte[0]);

                assertEquals(403, response.status(), target);
                assertTrue(response.text().contains("only to its upstream"), response.text());
            }
            assertTrue(other.idle(), "a request reached a host other than the upstream");
            assertTrue(upstream.idle(), "a request for another origin reached the upstream");
        }
    }

    @Test
    void upstreamRedirectOfAnAbsoluteFormRequestIsFollowedWithOnlyRange() throws Exception {
        try (var s3 = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Content-Range", "bytes 0-0/3");
                ex.sendResponseHeaders(206, 1);
                ex.getResponseBody().write('a');
            });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base() + "/b/k?X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             });
             var proxy = startWithUpstream(URI.create(upstream.base()))) {
            String authority = "127.0.0.1:" + upstream.port();
            var response = RawHttpClient.send(proxy.port(), "GET http://" + authority + "/datalake/k HTTP/1.1",
                    List.of("Host", authority, "Authorization", "AWS4-HMAC-SHA256 sig", "Range", "bytes=0-0",
                            "x-amz-date", "20260101T000000Z"), new byte[0]);

            assertEquals(206, response.status());
            assertEquals("a", response.text());
            var seen = s3.take();
            assertEquals(Optional.of("bytes=0-0"), seen.header("Range"));
            assertFalse(seen.headers().containsKey("authorization"));
            assertFalse(seen.headers().containsKey("x-amz-date"));
        }
    }

    @Test
    void anUpstreamNamingTheHelperItselfIsRefusedAsALoop() throws Exception {
        int port;
        try (var free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (var proxy = LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", port),
                URI.create("http://127.0.0.1:" + port)))) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1",
                    List.of("Host", "127.0.0.1:" + port), new byte[0]);

            assertEquals(508, response.status());
            assertTrue(response.text().contains("<Code>LoopDetected</Code>"), response.text());
        }
    }

    @Test
    void forwardedRequestCarriesViaButKeepsTheClientsVia() throws Exception {
        try (var upstream = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var proxy = startWithUpstream(URI.create(upstream.base()))) {
            RawHttpClient.send(proxy.port(), "GET /k HTTP/1.1",
                    List.of("Host", "127.0.0.1:" + upstream.port(), "Via", "1.1 corporate-gateway"), new byte[0]);

            var vias = upstream.take().headers().get("via");
            assertEquals("1.1 corporate-gateway", vias.getFirst());
            assertTrue(vias.getLast().startsWith("1.1 local-proxy-"), vias.toString());
        }
    }
}
