package proxy.sigv4;

import java.nio.charset.StandardCharsets;

/**
 * The RFC 3986 encoding SigV4 canonical requests use: every UTF-8 byte outside the unreserved set
 * {@code A-Z a-z 0-9 - . _ ~} becomes upper-case {@code %XX}. Input is already decoded text (see
 * {@link proxy.api.auth.RequestTarget}); decoding is not this class's business.
 */
public final class S3UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3UriEncoding() {
    }

    /** The canonical spelling of a decoded path segment or query component. */
    public static String encode(String decoded) {
        return encode(decoded, false);
    }

    /**
     * The canonical spelling of an object key as a path: each segment encoded, the {@code /} between them kept
     * (the form S3 signs and the backend receives; S3 does not encode twice).
     */
    public static String encodePath(String key) {
        return encode(key, true);
    }

    private static String encode(String decoded, boolean keepSlash) {
        if (allUnreserved(decoded, keepSlash)) {
            return decoded;
        }
        byte[] bytes = decoded.getBytes(StandardCharsets.UTF_8);
        var sb = new StringBuilder(bytes.length * 3 / 2);
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (unreserved(v) || keepSlash && v == '/') {
                sb.append((char) v);
            } else {
                sb.append('%').append(HEX[v >>> 4]).append(HEX[v & 0xF]);
            }
        }
        return sb.toString();
    }

    private static boolean allUnreserved(String text, boolean keepSlash) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unreserved(c) && !(keepSlash && c == '/')) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(int v) {
        return v >= 'A' && v <= 'Z' || v >= 'a' && v <= 'z' || v >= '0' && v <= '9'
                || v == '-' || v == '.' || v == '_' || v == '~';
    }
}
