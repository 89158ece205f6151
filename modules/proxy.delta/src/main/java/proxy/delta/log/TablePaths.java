package proxy.delta.log;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns paths as the log writes them into store keys. A relative path is URI-encoded: it is percent-decoded
 * exactly once ({@code +} stays {@code +}). An absolute URI counts only when it lies under the table root, and is
 * then relativized. Anything that would leave the root, or that no valid key could name (dot or empty segments,
 * backslash, NUL, a malformed escape), yields nothing: such a file is never indexed.
 */
public final class TablePaths {
    private final URI root;
    private final String rootPath;

    /** @param root the table root of the store the keys are for */
    public TablePaths(URI root) {
        this.root = Objects.requireNonNull(root, "root");
        String p = root.getPath() == null ? "" : root.getPath();
        this.rootPath = p.endsWith("/") ? p : p + "/";
    }

    /** The key a log path names, or empty when it names nothing inside the table. */
    public Optional<String> keyOf(String logPath) {
        if (hasScheme(logPath)) {
            return absolute(logPath).filter(TablePaths::validKey);
        }
        return percentDecode(logPath).filter(TablePaths::validKey);
    }

    /** Whether the path starts with a URI scheme ({@code ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"}). */
    private static boolean hasScheme(String path) {
        if (path.isEmpty() || !isAsciiLetter(path.charAt(0))) {
            return false;
        }
        for (int i = 1; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == ':') {
                return true;
            }
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        return false;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private Optional<String> absolute(String logPath) {
        URI uri;
        try {
            uri = new URI(logPath);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.isOpaque() || uri.getPath() == null || !sameScheme(uri.getScheme(), root.getScheme())
                || !Objects.equals(emptyToNull(uri.getAuthority()), emptyToNull(root.getAuthority()))) {
            return Optional.empty();
        }
        String path = uri.getPath();
        return path.startsWith(rootPath) ? Optional.of(path.substring(rootPath.length())) : Optional.empty();
    }

    private static boolean sameScheme(String a, String b) {
        return a != null && b != null && family(a).equals(family(b));
    }

    private static String family(String scheme) {
        String s = scheme.toLowerCase(Locale.ROOT);
        return s.equals("s3a") || s.equals("s3n") ? "s3" : s;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Percent-decodes once, as UTF-8; empty for a malformed escape or invalid UTF-8. */
    static Optional<String> percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return Optional.of(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            if (i + 2 >= s.length()) {
                return Optional.empty();
            }
            int hi = Character.digit(s.charAt(i + 1), 16);
            int lo = Character.digit(s.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            out.write(hi << 4 | lo);
            i += 2;
        }
        byte[] bytes = out.toByteArray();
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether a key stays inside the table: not empty, no backslash or NUL, no empty (so no leading slash),
     * {@code .} or {@code ..} segment. One pass over the characters (it runs for every indexed file).
     */
    static boolean validKey(String key) {
        int segmentStart = 0;
        for (int i = 0; i <= key.length(); i++) {
            char c = i < key.length() ? key.charAt(i) : '/';
            if (c == '\\' || c == '\0') {
                return false;
            }
            if (c == '/') {
                if (isDotOrEmpty(key, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isDotOrEmpty(String key, int from, int to) {
        int length = to - from;
        return length == 0 || key.charAt(from) == '.' && (length == 1 || length == 2 && key.charAt(from + 1) == '.');
    }
}
