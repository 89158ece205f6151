package proxy.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * The one key type: a decoded object key split at its first segment into the table alias and the key relative to
 * the table root, valid by construction. This class holds the proxy's one set of key rules, which object keys and
 * listing prefixes and markers share.
 *
 * <p>A key is refused with {@code 400 InvalidURI} when it holds a character no listing could echo (a control
 * character, U+FFFE, U+FFFF), a backslash, or an empty, {@code .} or {@code ..} segment (so also {@code //} and a
 * leading {@code /}); a single trailing {@code /} is allowed (a "directory" key such as {@code alias/dir/}, which
 * never names a served file). Keys longer than 1024 UTF-8 bytes answer {@code 400 KeyTooLongError}. So no key can
 * climb out of its table or confuse a backend.
 *
 * @param alias    the first segment of the key
 * @param relative the rest after {@code alias/}; empty for {@code /bucket/alias}
 */
record ObjectKey(String alias, String relative) {
    /** The longest key S3 accepts, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    ObjectKey {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(relative, "relative");
        String full = relative.isEmpty() ? alias : alias + "/" + relative;
        if (full.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
        }
        if (!validSegments(full, true)) {
            throw new S3Exception(S3ErrorCode.INVALID_URI,
                    "Couldn't parse the specified URI: the key contains a control character, a backslash or an"
                            + " empty, '.' or '..' segment.");
        }
    }

    /**
     * The key of a decoded bucket-relative path ({@code alias} or {@code alias/relative}).
     *
     * @throws S3Exception InvalidURI or KeyTooLongError
     */
    static ObjectKey of(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? new ObjectKey(key, "") : new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /**
     * Whether a listing prefix could begin a valid key: its characters are key characters and its complete
     * segments (those a {@code /} ends) are neither empty, {@code .} nor {@code ..}.
     */
    static boolean validPrefix(String prefix) {
        return validSegments(prefix, false);
    }

    /** Whether a character may appear in a key: not a control character, not U+FFFE or U+FFFF. */
    static boolean keyChar(int c) {
        return c >= 0x20 && c != 0x7F && c != 0xFFFE && c != 0xFFFF;
    }

    /** Whether the key can name a file of a table (not the alias itself, not a "directory"). */
    boolean namesFile() {
        return !relative.isEmpty() && !relative.endsWith("/");
    }

    /** The full key as the client wrote it. */
    String full() {
        return alias + "/" + relative;
    }

    /**
     * Checks characters and segments; for a whole key the last segment may be empty only after a {@code /} (a
     * directory key), for a prefix the last (incomplete) segment may be anything.
     */
    private static boolean validSegments(String text, boolean wholeKey) {
        int segmentStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? '/' : text.charAt(i);
            if (!end && (!keyChar(c) || c == '\\')) {
                return false;
            }
            if (c != '/') {
                continue;
            }
            String segment = text.substring(segmentStart, i);
            boolean last = end;
            boolean dot = segment.equals(".") || segment.equals("..");
            if (last && !wholeKey) {
                return true;
            }
            if (dot || segment.isEmpty() && !(last && segmentStart > 0)) {
                return false;
            }
            segmentStart = i + 1;
        }
        return true;
    }
}
