package proxy.storage.s3.wire;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where connections go: scheme ({@code https} when {@code tls}), host and port; connections are pooled per origin.
 *
 * @param host as in a URI: a name, an IPv4 literal or a bracketed IPv6 literal
 */
public record Origin(boolean tls, String host, int port) {

    public Origin {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("no origin: " + host + ":" + port);
        }
    }

    /** The origin of an {@code http} or {@code https} URI, with the scheme's port when it names none. */
    public static Origin of(URI uri) {
        String scheme = Objects.requireNonNull(uri.getScheme(), "scheme").toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("not an http(s) URI: " + uri);
        };
        return new Origin(tls, Objects.requireNonNull(uri.getHost(), "host"),
                uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort());
    }
}
