package proxy.delta.log;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import proxy.api.storage.ObjectKeys;

/**
 * Turns paths as the log writes them into store keys. A relative path is URI-encoded: it is percent-decoded
 * exactly once ({@code +} stays {@code +}). An absolute URI counts only when it lies under the table root, and is
 * then relativized. Anything that would leave the root, or that no valid key could name ({@link ObjectKeys}: dot or
 * empty segments, backslash, control characters, a malformed escape), yields nothing: such a file is never indexed
 * (no request could name it either).
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
            return absolute(logPath).filter(ObjectKeys::validKey);
        }
        return ObjectKeys.percentDecode(logPath, false).filter(ObjectKeys::validKey);
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
}
