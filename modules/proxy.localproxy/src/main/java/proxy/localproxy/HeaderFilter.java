package proxy.localproxy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which headers cross the helper. Names compare case-insensitively. Hop-by-hop headers (RFC 9110 §7.6.1) and the
 * headers a {@code Connection} header names never cross; framing ({@code Content-Length}, {@code Expect}) is
 * re-derived by each side's HTTP stack; {@code Host} is set separately by {@link UpstreamRequests}.
 */
final class HeaderFilter {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "te", "trailer",
            "transfer-encoding", "upgrade");

    /** Headers of a followed redirect target's answer that describe the object and reach the client. */
    private static final Set<String> FOLLOWED_RESPONSE = Set.of("content-length", "content-range", "content-type",
            "etag", "last-modified", "accept-ranges", "content-encoding", "content-language",
            "content-disposition", "cache-control", "expires");

    private final Set<String> connectionListed;

    private HeaderFilter(Set<String> connectionListed) {
        this.connectionListed = connectionListed;
    }

    /** A filter for one message whose headers are {@code headers} (to honour its {@code Connection} header). */
    static HeaderFilter forMessage(Map<String, List<String>> headers) {
        Set<String> listed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> {
            if (name.equalsIgnoreCase("connection")) {
                values.forEach(v -> {
                    for (String token : v.split(",")) {
                        if (!token.isBlank()) {
                            listed.add(token.trim());
                        }
                    }
                });
            }
        });
        return new HeaderFilter(listed);
    }

    /** Whether a client request header is forwarded to the upstream or absolute-form target. */
    boolean forwardsRequestHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return isEndToEnd(lower) && !lower.equals("content-length") && !lower.equals("expect")
                && !lower.equals("host");
    }

    /** Whether a header of a response that was not reached through a redirect is relayed to the client. */
    boolean relaysResponseHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return isEndToEnd(lower) && !lower.equals("content-length");
    }

    /** Whether a header of a followed redirect target's response is relayed (a fixed allow-list). */
    static boolean relaysFollowedHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return FOLLOWED_RESPONSE.contains(lower) && !lower.equals("content-length");
    }

    private boolean isEndToEnd(String lower) {
        return !HOP_BY_HOP.contains(lower) && !lower.startsWith("proxy-") && !connectionListed.contains(lower);
    }
}
