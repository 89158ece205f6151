package proxy.authz.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import proxy.api.auth.RequestTarget;

/**
 * The SigV4 canonical request of an S3 request, built from its decoded target ({@link RequestTarget}), the same
 * form routing executes: each path segment and each query name and value is re-encoded with the RFC 3986
 * unreserved set (a segment's {@code /}, sent as {@code %2F}, stays {@code %2F}). S3 signs the path once-encoded (no double encoding, no dot-segment normalisation); so a key
 * verifies however the client spelled it on the wire ({@code =} or {@code %3D}, raw UTF-8 or escapes) and only
 * as the key it decodes to. Query parameters are decoded as {@link RequestTarget} says ({@code +} is a space).
 */
final class CanonicalRequest {
    private static final Pattern SPACES = Pattern.compile("[ \\t]+");

    private CanonicalRequest() {
    }

    /**
     * The canonical request text.
     *
     * @param excludeSignature whether to leave {@code X-Amz-Signature} out of the query (presigned requests)
     */
    static String of(String method, RequestTarget target, Map<String, List<String>> headers,
                     List<String> signedHeaders, String payloadHash, boolean excludeSignature) {
        return method + '\n'
                + canonicalUri(target.segments()) + '\n'
                + canonicalQuery(target.query(), excludeSignature) + '\n'
                + canonicalHeaders(headers, signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    /** {@code /} and the decoded path segments, each encoded, joined by {@code /}. */
    static String canonicalUri(List<String> segments) {
        var sb = new StringBuilder(64);
        for (String segment : segments) {
            sb.append('/').append(S3UriEncoding.encode(segment));
        }
        return sb.toString();
    }

    /** The query parameters, each name and value encoded, sorted by encoded name then value. */
    static String canonicalQuery(List<RequestTarget.Parameter> query, boolean excludeSignature) {
        var pairs = new ArrayList<String[]>();
        for (RequestTarget.Parameter p : query) {
            if (excludeSignature && p.name().equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {S3UriEncoding.encode(p.name()), S3UriEncoding.encode(p.value())});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    private static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        var sb = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.getOrDefault(name, List.of());
            sb.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(SPACES.matcher(values.get(i).strip()).replaceAll(" "));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
