package proxy.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which upstream answers the helper follows itself: a 301/302/303/307/308 to a GET or HEAD whose
 * {@code Location} is an absolute http(s) URL. Other methods are not followed (their body was streamed once and
 * cannot be replayed); relative or unparsable locations are relayed to the client unchanged.
 */
final class Redirects {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private Redirects() {
    }

    /** The location to follow, or empty when {@code response} is relayed as is. */
    static Optional<URI> location(String clientMethod, HttpResponse<?> response) {
        boolean readOnly = clientMethod.equalsIgnoreCase("GET") || clientMethod.equalsIgnoreCase("HEAD");
        if (!readOnly || !REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        return response.headers().firstValue("Location").flatMap(Redirects::absoluteHttp);
    }

    private static Optional<URI> absoluteHttp(String location) {
        try {
            URI uri = new URI(location.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean http = scheme.equals("http") || scheme.equals("https");
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
