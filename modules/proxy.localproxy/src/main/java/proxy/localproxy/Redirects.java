package proxy.localproxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which upstream answers the helper follows itself: a 301/302/303/307/308 from the upstream, to a GET or HEAD,
 * whose {@code Location} looks like what delta-s3-proxy's {@code presignedUrl} mode sends, a presigned object-store
 * URL:
 * <ul>
 *   <li>absolute, {@code https} to any host, or {@code http} only when the upstream itself is {@code http} (a
 *       helper that reaches its upstream over TLS never downgrades to cleartext; an in-cluster MinIO behind a
 *       plain-http proxy stays reachable);</li>
 *   <li>no user info, and a host that is not a link-local, wildcard or multicast address literal (cloud metadata
 *       endpoints such as {@code 169.254.169.254} are never fetched);</li>
 *   <li>carrying a SigV4 query signature ({@code X-Amz-Signature=}): a presigned URL, not just any page.</li>
 * </ul>
 * Only the upstream's answer is followed, never the object store's (one hop): the store is not the helper's to
 * trust. Everything else is relayed to the client unchanged.
 */
final class Redirects {

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Pattern PRESIGNED = Pattern.compile("(^|&)X-Amz-Signature=[^&]+");

    private Redirects() {
    }

    /** The location to follow, or empty when the upstream's {@code response} is relayed as is. */
    static Optional<URI> location(String clientMethod, HttpResponse<?> response, URI upstream) {
        boolean readOnly = clientMethod.equalsIgnoreCase("GET") || clientMethod.equalsIgnoreCase("HEAD");
        if (!readOnly || !REDIRECTS.contains(response.statusCode())) {
            return Optional.empty();
        }
        return response.headers().firstValue("Location").flatMap(l -> presignedObjectUrl(l, upstream));
    }

    static Optional<URI> presignedObjectUrl(String location, URI upstream) {
        URI uri;
        try {
            uri = new URI(location.trim());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean plainAllowed = "http".equalsIgnoreCase(upstream.getScheme());
        boolean schemeAllowed = scheme.equals("https") || scheme.equals("http") && plainAllowed;
        boolean presigned = uri.getRawQuery() != null && PRESIGNED.matcher(uri.getRawQuery()).find();
        if (!schemeAllowed || uri.getHost() == null || uri.getRawUserInfo() != null || !presigned
                || forbiddenHost(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    /** Whether the host is an address literal no object store has: link-local, wildcard or multicast. */
    private static boolean forbiddenHost(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException name) {
            return false; // a host name, resolved by the HTTP client
        }
        return address.isLinkLocalAddress() || address.isAnyLocalAddress() || address.isMulticastAddress();
    }
}
