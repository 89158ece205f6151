package proxy.api.storage;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import proxy.api.Ascii;

/**
 * The proxy's one set of rules for object keys, shared by the request parser, the Delta log reader and the
 * stores: how an encoded key is percent-decoded, and which keys and prefixes are valid.
 *
 * <p>A valid key is not empty and has no character a listing could not echo (a control character, U+FFFE,
 * U+FFFF), no backslash, and no empty, {@code .} or {@code ..} segment (so no leading, doubled or trailing
 * {@code /}): no valid key can climb out of its table or name something else on a backend.
 */
public final class ObjectKeys {
    private ObjectKeys() {
    }

    /**
     * Percent-decodes once: {@code %XX} is one byte, every other character stands for its UTF-8 bytes, and
     * {@code +} is a space when {@code plusIsSpace} (a query string as S3 reads it) and a plus sign otherwise.
     *
     * @return the decoded text, or empty for a malformed escape or bytes that are not strict UTF-8
     */
    public static Optional<String> percentDecode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && (!plusIsSpace || text.indexOf('+') < 0)) {
            return Optional.of(text);
        }
        var out = new byte[text.length() * 3]; // a character is at most 3 UTF-8 bytes (a surrogate pair 4 for 2)
        int n = 0;
        boolean ascii = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 2 < text.length() ? Ascii.hexDigit(text.charAt(i + 1)) : -1;
                int lo = i + 2 < text.length() ? Ascii.hexDigit(text.charAt(i + 2)) : -1;
                if (hi < 0 || lo < 0) {
                    return Optional.empty();
                }
                out[n++] = (byte) (hi << 4 | lo);
                ascii &= hi < 8;
                i += 2;
            } else if (c < 0x80) {
                out[n++] = (byte) (plusIsSpace && c == '+' ? ' ' : c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < text.length() ? i + 2 : i + 1;
                byte[] bytes = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(bytes, 0, out, n, bytes.length);
                n += bytes.length;
                ascii = false;
                i = end - 1;
            }
        }
        return ascii ? Optional.of(new String(out, 0, n, StandardCharsets.US_ASCII))
                : utf8(Arrays.copyOf(out, n));
    }

    /** The bytes as text, or empty when they are not strict UTF-8. */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** Whether the key is valid (see the class comment). One pass over the characters. */
    public static boolean validKey(String key) {
        return !key.isEmpty() && validSegments(key, true);
    }

    /**
     * Whether a listing prefix could begin a valid key: its characters are key characters and its complete
     * segments (those a {@code /} ends) are neither empty, {@code .} nor {@code ..}.
     */
    public static boolean validPrefix(String prefix) {
        return validSegments(prefix, false);
    }

    /** Whether a character may appear in a key: not a control character, not U+FFFE or U+FFFF. */
    public static boolean keyChar(int c) {
        return c >= 0x20 && c != 0x7F && c != 0xFFFE && c != 0xFFFF;
    }

    /** Checks characters and segments; the last segment of a prefix is incomplete and may be anything. */
    private static boolean validSegments(String text, boolean wholeKey) {
        int segmentStart = 0;
        for (int i = 0; i <= text.length(); i++) {
            boolean end = i == text.length();
            char c = end ? '/' : text.charAt(i);
            if (!end && (!keyChar(c) || c == '\\')) {
                return false;
            }
            if (c == '/') {
                if ((wholeKey || !end) && isDotOrEmpty(text, segmentStart, i)) {
                    return false;
                }
                segmentStart = i + 1;
            }
        }
        return true;
    }

    private static boolean isDotOrEmpty(String text, int from, int to) {
        int length = to - from;
        return length == 0 || text.charAt(from) == '.' && (length == 1 || length == 2 && text.charAt(from + 1) == '.');
    }
}
