package proxy.localproxy;

import java.net.URI;
import java.util.Locale;

/** Compares the origins ({@code scheme://host:port}, default ports filled in) of http(s) URLs. */
final class Origins {
    private Origins() {
    }

    /** Whether both URLs have the same scheme, host (case-insensitively) and port. */
    static boolean same(URI a, URI b) {
        return of(a).equals(of(b));
    }

    /** {@code scheme://host:port} in lower case, with the scheme's default port when none is given. */
    static String of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }
}
