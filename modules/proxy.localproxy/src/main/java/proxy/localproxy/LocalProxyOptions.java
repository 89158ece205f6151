package proxy.localproxy;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LocalProxy} runs.
 *
 * @param listen         the address the helper listens on; port 0 picks a free port (see {@link LocalProxy#port()})
 * @param upstream       the delta-s3-proxy endpoint ({@code http(s)://host[:port]}, no path): the only host requests
 *                       are forwarded to, and the only one whose redirects are followed
 * @param connectTimeout the connect timeout towards the upstream and the redirect targets
 */
public record LocalProxyOptions(InetSocketAddress listen, URI upstream, Duration connectTimeout) {

    /** The default listen address, {@code 127.0.0.1:28080}. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:28080";

    /** The default connect timeout. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Validates every field. @throws IllegalArgumentException when one is invalid */
    public LocalProxyOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        checkUpstream(upstream);
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive");
        }
    }

    /** Options with the default connect timeout. */
    public static LocalProxyOptions of(InetSocketAddress listen, URI upstream) {
        return new LocalProxyOptions(listen, upstream, DEFAULT_CONNECT_TIMEOUT);
    }

    /** Whether the listen address is reachable from other machines (anything but a loopback address). */
    public boolean listensBeyondLoopback() {
        return listen.getAddress() == null || !listen.getAddress().isLoopbackAddress();
    }

    /**
     * Parses {@code HOST:PORT} ({@code [v6]:PORT} for IPv6 literals).
     *
     * @throws IllegalArgumentException when the text is not of that form or the port is out of range
     */
    public static InetSocketAddress parseListen(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("--listen must be HOST:PORT, got '" + text + "'");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen port must be a number, got '" + text + "'", e);
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--listen port must be between 0 and 65535, got " + port);
        }
        return new InetSocketAddress(host, port);
    }

    /**
     * Parses the upstream endpoint URL.
     *
     * @throws IllegalArgumentException when it is not an absolute http(s) URL without path, query or user info
     */
    public static URI parseUpstream(String text) {
        Objects.requireNonNull(text, "text");
        URI uri;
        try {
            uri = new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--upstream is not a valid URL: '" + text + "'", e);
        }
        checkUpstream(uri);
        return uri;
    }

    private static void checkUpstream(URI uri) {
        String scheme = uri.getScheme();
        boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!http || uri.getHost() == null) {
            throw new IllegalArgumentException("--upstream must be an http(s)://host[:port] URL, got '" + uri + "'");
        }
        String path = uri.getRawPath();
        boolean bare = (path == null || path.isEmpty() || path.equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!bare) {
            // Request paths are forwarded verbatim because the client's SigV4 signature covers them.
            throw new IllegalArgumentException("--upstream must not have a path, query or user info, got '"
                    + uri + "'");
        }
    }
}
