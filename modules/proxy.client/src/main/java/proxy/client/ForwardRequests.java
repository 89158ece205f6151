package proxy.client;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the outbound requests: the forwarded client request, and the bare request following a redirect.
 *
 * <p>Forwarded requests carry a {@code Via} entry naming this helper instance (a random token), and a request that
 * arrives with it is refused with 508: a misconfigured {@code --upstream} or an absolute-form request naming the
 * helper itself would otherwise forward to itself without end. SigV4 ignores the added header, as it is not among
 * the client's signed headers.
 */
final class ForwardRequests {

    private final Optional<URI> upstream;
    private final String via;

    /**
     * @param upstream the endpoint-mode upstream, if any
     * @param instance a token unique to this helper instance, used in {@code Via}
     */
    ForwardRequests(Optional<URI> upstream, String instance) {
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.via = "1.1 " + Objects.requireNonNull(instance, "instance");
    }

    /**
     * Where a client request goes: its own URI when it arrived in absolute form (forward-proxy mode), else the
     * upstream with the client's raw path and query appended byte for byte (endpoint mode).
     *
     * @throws LocalProxyFailure when the request cannot be forwarded
     */
    URI target(HttpExchange exchange) throws LocalProxyFailure {
        URI requested = exchange.getRequestURI();
        List<String> vias = exchange.getRequestHeaders().getOrDefault("Via", List.of());
        if (vias.stream().anyMatch(v -> v.contains(via))) {
            throw new LocalProxyFailure(508, "LoopDetected", "the request would be forwarded to local-proxy itself");
        }
        if (exchange.getRequestMethod().equalsIgnoreCase("CONNECT")) {
            throw new LocalProxyFailure(501, "NotImplemented",
                    "CONNECT is not supported: configure the client with a plain http endpoint");
        }
        if (requested.isAbsolute()) {
            String scheme = requested.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || requested.getHost() == null) {
                throw new LocalProxyFailure(400, "InvalidRequest", "only http(s) absolute-form requests are proxied");
            }
            return requested;
        }
        URI base = upstream.orElseThrow(() -> new LocalProxyFailure(502, "BadGateway",
                "local-proxy runs without --upstream: configure it as the client's HTTP proxy or pass --upstream"));
        String query = requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery();
        return URI.create(base.getScheme() + "://" + base.getRawAuthority() + requested.getRawPath() + query);
    }

    /** The client's request towards {@code target}: same method, end-to-end headers, {@code Host} and body. */
    HttpRequest forward(HttpExchange exchange, URI target) throws LocalProxyFailure {
        Map<String, List<String>> headers = exchange.getRequestHeaders();
        HeaderFilter filter = HeaderFilter.forMessage(headers);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .method(exchange.getRequestMethod(), body(exchange));
        headers.forEach((name, values) -> {
            if (filter.forwardsRequestHeader(name)) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .filter(host -> !host.isBlank())
                .ifPresent(host -> builder.setHeader("Host", host));
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

    private static BodyPublisher body(HttpExchange exchange) throws LocalProxyFailure {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new LocalProxyFailure(400, "InvalidRequest", "Content-Length is not a number");
            }
            return declared == 0 ? BodyPublishers.noBody() : BodyPublishers.fromPublisher(
                    BodyPublishers.ofInputStream(exchange::getRequestBody), declared);
        }
        return encoding == null ? BodyPublishers.noBody() : BodyPublishers.ofInputStream(exchange::getRequestBody);
    }
}
