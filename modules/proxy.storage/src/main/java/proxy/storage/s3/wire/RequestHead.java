package proxy.storage.s3.wire;

import java.io.IOException;
import java.util.Arrays;

/**
 * The request line and headers of one request, encoded into a buffer reused from request to request. Names must
 * be tokens, values visible Latin-1 text (tab allowed): a CR, LF or other control character in a value (e.g. a
 * client's {@code If-Match}) fails the request instead of splitting it.
 */
final class RequestHead {
    private byte[] bytes = new byte[1024];
    private int length;

    /** Starts {@code METHOD target HTTP/1.1} with its {@code Host}. */
    RequestHead start(String method, String target, String host) throws IOException {
        length = 0;
        requireToken(method);
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new IOException("request target not encoded: character " + (int) c);
            }
        }
        append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
        return header("Host", host);
    }

    RequestHead header(String name, String value) throws IOException {
        requireToken(name);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IOException("header " + name + " has a value that cannot be sent");
            }
        }
        return append(name).append(": ").append(value).append("\r\n");
    }

    /** Ends the head with the empty line. */
    RequestHead end() {
        return append("\r\n");
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    private RequestHead append(String text) {
        int n = text.length();
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
        }
        for (int i = 0; i < n; i++) {
            bytes[length++] = (byte) text.charAt(i); // Latin-1, checked by the callers
        }
        return this;
    }

    private static void requireToken(String name) throws IOException {
        if (name.isEmpty()) {
            throw new IOException("empty header name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Tokens.isTokenChar(name.charAt(i))) {
                throw new IOException("not a token: " + name);
            }
        }
    }
}
