package proxy.authz.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SigV4 canonical request of an S3 request, built from the request exactly as received.
 *
 * <p>The canonical URI and query are built by hand rather than from a decoded {@link java.net.URI}: S3 signs
 * the path <em>once</em>-encoded (no double encoding, no dot-segment normalisation), and clients differ in how
 * they escape characters that need no escaping ({@code ~}, {@code !}, {@code =}, ...). Decoding each segment
 * and re-encoding it with the RFC 3986 unreserved set yields the single spelling every conforming signer
 * (AWS SDKs, boto, s3a) computed, whatever the client put on the wire. {@code +} is a literal plus in both
 * the path and the query, as the SDKs encode a space as {@code %20}.
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
    static String of(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                     List<String> signedHeaders, String payloadHash, boolean excludeSignature) {
        return method + '\n'
                + canonicalUri(rawPath) + '\n'
                + canonicalQuery(rawQuery, excludeSignature) + '\n'
                + canonicalHeaders(headers, signedHeaders) + '\n'
                + String.join(";", signedHeaders) + '\n'
                + payloadHash;
    }

    /** The path with every segment decoded once and re-encoded; {@code /} for an empty path. */
    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        String[] segments = rawPath.split("/", -1);
        var sb = new StringBuilder(rawPath.length() + 16);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(S3UriEncoding.canonical(segments[i]));
        }
        return sb.toString();
    }

    /** The query parameters, each name and value canonically encoded, sorted by name then value. */
    static String canonicalQuery(String rawQuery, boolean excludeSignature) {
        var pairs = new ArrayList<String[]>();
        for (QueryParameter p : QueryParameter.parse(rawQuery)) {
            if (excludeSignature && p.name().equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {S3UriEncoding.canonical(p.rawName()), S3UriEncoding.canonical(p.rawValue())});
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
