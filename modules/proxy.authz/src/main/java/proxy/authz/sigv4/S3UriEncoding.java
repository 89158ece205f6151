package proxy.authz.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * Percent-decoding and the RFC 3986 encoding SigV4 canonical requests use. Works on bytes, so any UTF-8 (or even
 * invalid UTF-8) key round-trips exactly.
 */
final class S3UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3UriEncoding() {
    }

    /**
     * Decodes {@code %XX} escapes; every other character stands for its UTF-8 bytes ({@code +} stays a plus,
     * as in a path: S3 signatures never treat it as a space).
     *
     * @throws S3Exception {@code InvalidURI} for a truncated or non-hex escape
     */
    static byte[] decode(String raw) {
        var out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    throw new S3Exception(S3ErrorCode.INVALID_URI);
                }
                out.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 3;
            } else {
                int end = raw.indexOf('%', i);
                end = end < 0 ? raw.length() : end;
                out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toByteArray();
    }

    /** Encodes every byte outside the RFC 3986 unreserved set {@code A-Z a-z 0-9 - . _ ~} as upper-case {@code %XX}. */
    static String encode(byte[] bytes) {
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

    /**
     * Decodes then re-encodes: the one canonical spelling of a raw path segment or query component. Most
     * components already are canonical (SDKs encode that way) and are returned as they are, without the two
     * passes.
     */
    static String canonical(String raw) {
        return isCanonical(raw) ? raw : encode(decode(raw));
    }

    /**
     * Whether decoding and re-encoding would give {@code raw} back: it holds only unreserved characters and
     * upper-case escapes of other bytes.
     */
    static boolean isCanonical(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (unreserved(c)) {
                continue;
            }
            if (c != '%' || i + 2 >= raw.length()) {
                return false;
            }
            int high = upperHex(raw.charAt(i + 1));
            int low = upperHex(raw.charAt(i + 2));
            if (high < 0 || low < 0 || unreserved(high << 4 | low)) {
                return false;
            }
            i += 2;
        }
        return true;
    }

    private static int upperHex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean unreserved(int v) {
        return v >= 'A' && v <= 'Z' || v >= 'a' && v <= 'z' || v >= '0' && v <= '9'
                || v == '-' || v == '.' || v == '_' || v == '~';
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
