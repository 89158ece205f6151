package proxy.authz.sigv4;

import java.nio.charset.StandardCharsets;

/**
 * The RFC 3986 encoding SigV4 canonical requests use: every UTF-8 byte outside the unreserved set
 * {@code A-Z a-z 0-9 - . _ ~} becomes upper-case {@code %XX}. Input is already decoded text (see
 * {@link proxy.api.auth.RequestTarget}); decoding is not this class's business.
 */
final class S3UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3UriEncoding() {
    }

    /** The canonical spelling of a decoded path segment or query component. */
    static String encode(String decoded) {
        if (decoded.chars().allMatch(S3UriEncoding::unreserved)) {
            return decoded;
        }
        byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
        var sb = new StringBuilder(bytes.length * 3 / 2);
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (unreserved(v)) {
                sb.append((char) v);
            } else {
                sb.append('%').append(HEX[v >>> 4]).append(HEX[v & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean unreserved(int v) {
        return v >= 'A' && v <= 'Z' || v >= 'a' && v <= 'z' || v >= '0' && v <= '9'
                || v == '-' || v == '.' || v == '_' || v == '~';
    }
}
