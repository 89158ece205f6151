package proxy.localproxy;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the outbound requests: the forwarded client request, and the bare request following a redirect.
 *
 * <p>Only reads cross the helper: {@code GET} and {@code HEAD} without a body, and only to the upstream. An
 * absolute-form request (a client using the helper as its HTTP proxy) must name the upstream's own scheme, host
 * and port; any other target is refused with 403, so the helper is never an open proxy for whatever can reach
 * its port (a web page in the user's browser included).
 *
 * <p>Forwarded requests carry a {@code Via} entry naming this helper instance (a random token), and a request that
 * arrives with it is refused with 508: an {@code --upstream} naming the helper itself would otherwise forward to
 * itself without end. They also carry {@value #REDIRECT_OPT_IN}{@code : 1} unless the client sent that header
 * itself: the helper follows redirects, so a proxy in {@code getMode: auto} may answer it with one whatever its
 * client is. SigV4 ignores both added headers, as they are not among the client's signed headers.
 */
final class UpstreamRequests {
    /** The header by which a client tells a proxy in {@code getMode: auto} that it follows redirects. */
    static final String REDIRECT_OPT_IN = "x-delta-proxy-redirect";

    private final URI upstream;
    private final String via;

    /**
     * @param upstream the upstream endpoint
     * @param instance a token unique to this helper instance, used in {@code Via}
     */
    UpstreamRequests(URI upstream, String instance) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.via = "1.1 " + Objects.requireNonNull(instance, "instance");
    }

    /**
     * Where a client request goes: the upstream with the client's raw path and query appended byte for byte.
     *
     * @throws LocalProxyFailure when the request cannot be forwarded: not a read, a body, or another target
     */
    URI target(HttpExchange exchange) throws LocalProxyFailure {
        URI requested = exchange.getRequestURI();
        List<String> vias = exchange.getRequestHeaders().getOrDefault("Via", List.of());
        if (vias.stream().anyMatch(v -> v.contains(via))) {
            throw new LocalProxyFailure(508, "LoopDetected", "the request would be forwarded to local-proxy itself");
        }
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        if (method.equals("CONNECT")) {
            throw new LocalProxyFailure(501, "NotImplemented",
                    "CONNECT is not supported: configure the client with a plain http endpoint");
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new LocalProxyFailure(405, "MethodNotAllowed",
                    "local-proxy forwards reads only (GET, HEAD); send other requests to the proxy itself");
        }
        if (declaresBody(exchange.getRequestHeaders())) {
            throw new LocalProxyFailure(400, "InvalidRequest", "local-proxy forwards no request bodies");
        }
        if (requested.isAbsolute() && !Origins.same(requested, upstream)) {
            throw new LocalProxyFailure(403, "AccessDenied",
                    "local-proxy forwards only to its upstream " + Origins.of(upstream));
        }
        String query = requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery();
        return URI.create(upstream.getScheme() + "://" + upstream.getRawAuthority() + requested.getRawPath() + query);
    }

    /** The client's request towards {@code target}: same method, end-to-end headers and {@code Host}; no body. */
    HttpRequest forward(HttpExchange exchange, URI target) {
        Map<String, List<String>> headers = exchange.getRequestHeaders();
        HeaderFilter filter = HeaderFilter.forMessage(headers);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), BodyPublishers.noBody());
        headers.forEach((name, values) -> {
            if (filter.forwardsRequestHeader(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .filter(host -> !host.isBlank())
                .ifPresent(host -> builder.setHeader("Host", host));
        if (!headers.containsKey(REDIRECT_OPT_IN)) {
            builder.header(REDIRECT_OPT_IN, "1");
        }
        return builder.header("Via", via).build();
    }

    /**
     * The request following a redirect to {@code location}: GET (HEAD for a HEAD request) carrying only the
     * client's {@code Range}, so no credentials or signed headers reach the presigned URL.
     */
    static HttpRequest follow(String clientMethod, URI location, Optional<String> range) {
        boolean head = clientMethod.equalsIgnoreCase("HEAD");
        HttpRequest.Builder builder = HttpRequest.newBuilder(location)
                .method(head ? "HEAD" : "GET", BodyPublishers.noBody());
        range.ifPresent(value -> builder.header("Range", value));
        return builder.build();
    }

    private static boolean declaresBody(Map<String, List<String>> headers) {
        String length = headers.getOrDefault("Content-Length", List.of()).stream().findFirst().orElse(null);
        return headers.containsKey("Transfer-Encoding") || length != null && !length.trim().equals("0");
    }
}
