package proxy.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import proxy.api.auth.RequestTarget;

/**
 * The SigV4 canonical request. The verifier builds it from a request's decoded target ({@link RequestTarget}),
 * the same form routing executes: each path segment and each query name and value is re-encoded with the RFC 3986
 * unreserved set (a segment's {@code /}, sent as {@code %2F}, stays {@code %2F}). S3 signs the path once-encoded
 * (no double encoding, no dot-segment normalisation); so a key verifies however the client spelled it on the wire
 * ({@code =} or {@code %3D}, raw UTF-8 or escapes) and only as the key it decodes to. Query parameters are decoded
 * as {@link RequestTarget} says ({@code +} is a space). The signer ({@link SigV4Signer}) builds the same text
 * from the canonical components it sends.
 */
public final class CanonicalRequest {

    private CanonicalRequest() {
    }

    /**
     * The canonical request text of a received request.
     *
     * @param headers          lower-case header names to their values
     * @param excludeSignature whether to leave {@code X-Amz-Signature} out of the query (presigned requests)
     */
    public static String of(String method, RequestTarget target, Map<String, List<String>> headers,
                            List<String> signedHeaders, String payloadHash, boolean excludeSignature) {
        return of(method, canonicalUri(target.segments()), canonicalQuery(target.query(), excludeSignature),
                canonicalHeaders(headers, signedHeaders), String.join(";", signedHeaders), payloadHash);
    }

    /** The canonical request text from its already canonical components. */
    public static String of(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                            String signedHeaders, String payloadHash) {
        return new StringBuilder(method.length() + canonicalUri.length() + canonicalQuery.length()
                + canonicalHeaders.length() + signedHeaders.length() + payloadHash.length() + 5)
                .append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n')
                .append(canonicalHeaders).append('\n')
                .append(signedHeaders).append('\n')
                .append(payloadHash).toString();
    }

    /** {@code /} and the decoded path segments, each encoded, joined by {@code /}. */
    public static String canonicalUri(List<String> segments) {
        var sb = new StringBuilder(64);
        for (String segment : segments) {
            sb.append('/').append(S3UriEncoding.encode(segment));
        }
        return sb.toString();
    }

    /** The query parameters, each name and value encoded, sorted by encoded name then value. */
    public static String canonicalQuery(List<RequestTarget.Parameter> query, boolean excludeSignature) {
        if (query.isEmpty()) {
            return "";
        }
        var pairs = new ArrayList<String[]>(query.size());
        for (RequestTarget.Parameter p : query) {
            if (excludeSignature && p.name().equals("X-Amz-Signature")) {
                continue;
            }
            pairs.add(new String[] {S3UriEncoding.encode(p.name()), S3UriEncoding.encode(p.value())});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        var sb = new StringBuilder(256);
        for (String[] p : pairs) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /**
     * The canonical header lines ({@code name:value\n} each) of the signed headers in their given order; several
     * values of one header are joined by {@code ,}, each trimmed, runs of spaces and tabs made one space.
     */
    public static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedHeaders) {
        var sb = new StringBuilder(256);
        for (String name : signedHeaders) {
            List<String> values = headers.getOrDefault(name, List.of());
            sb.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendTrimmed(sb, values.get(i));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Appends a value stripped at both ends, each inner run of spaces and tabs as one space. */
    static void appendTrimmed(StringBuilder sb, String value) {
        String v = value.strip();
        boolean inRun = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == ' ' || c == '\t') {
                if (!inRun) {
                    sb.append(' ');
                }
                inRun = true;
            } else {
                sb.append(c);
                inRun = false;
            }
        }
    }
}
