package proxy.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Forward-proxy mode: absolute-form requests (as sent by clients configured with an HTTP proxy). */
class ForwardProxyModeTest {

    private static LocalProxy startWithoutUpstream() {
        return LocalProxy.start(LocalProxyOptions.of(new InetSocketAddress("127.0.0.1", 0), Optional.empty()));
    }

    @Test
    void absoluteFormRequestIsForwardedToItsOwnUri() throws Exception {
        byte[] body = "delta".getBytes(UTF_8);
        try (var target = new FakeHttpServer(ex -> {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            });
             var proxy = startWithoutUpstream()) {
            String authority = "127.0.0.1:" + target.port();
            var response = RawHttpClient.send(proxy.port(),
                    "GET http://" + authority + "/datalake/k?versionId=a%2Bb HTTP/1.1",
                    List.of("Host", authority, "Authorization", "AWS4-HMAC-SHA256 sig", "Proxy-Connection",
                            "keep-alive"), new byte[0]);

            assertEquals(200, response.status());
            assertEquals("delta", response.text());
            var seen = target.take();
            assertEquals("/datalake/k?versionId=a%2Bb", seen.rawUri());
            assertEquals(Optional.of(authority), seen.header("Host"));
            assertEquals(Optional.of("AWS4-HMAC-SHA256 sig"), seen.header("Authorization"));
            assertFalse(seen.headers().containsKey("proxy-connection"));
        }
    }

    @Test
    void absoluteFormRedirectIsFollowedWithOnlyRange() throws Exception {
        try (var s3 = new FakeHttpServer(ex -> {
                ex.getResponseHeaders().set("Content-Range", "bytes 0-0/3");
                ex.sendResponseHeaders(206, 1);
                ex.getResponseBody().write('a');
            });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base() + "/b/k?X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             });
             var proxy = startWithoutUpstream()) {
            String authority = "127.0.0.1:" + upstream.port();
            var response = RawHttpClient.send(proxy.port(), "GET http://" + authority + "/datalake/k HTTP/1.1",
                    List.of("Host", authority, "Authorization", "AWS4-HMAC-SHA256 sig", "Range", "bytes=0-0",
                            "x-amz-date", "20260101T000000Z"), new byte[0]);

            assertEquals(206, response.status());
            assertEquals("a", response.text());
            assertEquals(Optional.of("bytes 0-0/3"), response.header("Content-Range"));
            var seen = s3.take();
            assertEquals(Optional.of("bytes=0-0"), seen.header("Range"));
            assertFalse(seen.headers().containsKey("authorization"));
            assertFalse(seen.headers().containsKey("x-amz-date"));
        }
    }

    @Test
    void originFormRequestWithoutUpstreamIsAnsweredWith502() throws Exception {
        try (var proxy = startWithoutUpstream()) {
            var response = RawHttpClient.send(proxy.port(), "GET /datalake/k HTTP/1.1",
                    List.of("Host", "127.0.0.1"), new byte[0]);

            assertEquals(502, response.status());
            assertTrue(response.text().contains("--upstream"), response.text());
        }
    }

    @Test
    void requestNamingTheHelperItselfIsRefusedAsALoop() throws Exception {
        try (var proxy = startWithoutUpstream()) {
            String self = "127.0.0.1:" + proxy.port();
            var response = RawHttpClient.send(proxy.port(), "GET http://" + self + "/datalake/k HTTP/1.1",
                    List.of("Host", self), new byte[0]);

            assertEquals(508, response.status());
            assertTrue(response.text().contains("<Code>LoopDetected</Code>"), response.text());
        }
    }

    @Test
    void forwardedRequestCarriesViaButKeepsTheClientsVia() throws Exception {
        try (var target = new FakeHttpServer(ex -> ex.sendResponseHeaders(200, -1));
             var proxy = startWithoutUpstream()) {
            String authority = "127.0.0.1:" + target.port();
            RawHttpClient.send(proxy.port(), "GET http://" + authority + "/k HTTP/1.1",
                    List.of("Host", authority, "Via", "1.1 corporate-gateway"), new byte[0]);

            var vias = target.take().headers().get("via");
            assertEquals("1.1 corporate-gateway", vias.getFirst());
            assertTrue(vias.getLast().startsWith("1.1 local-proxy-"), vias.toString());
        }
    }
}
