package proxy.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * Percent-decodes an object key from the raw request path, exactly once, and rejects every key that could climb
 * out of its table or confuse a backend.
 *
 * <p>All malformed shapes answer {@code 400 InvalidURI} (one code, chosen for consistency): invalid escapes,
 * invalid UTF-8, NUL and other control characters, backslashes, {@code .} and {@code ..} segments, and empty
 * segments ({@code //}, a leading {@code /}). A single trailing {@code /} is allowed (a "directory" key such as
 * {@code alias/dir/}); such keys never name a served file. Keys longer than 1024 UTF-8 bytes answer
 * {@code 400 KeyTooLongError}.
 */
final class KeyDecoder {
    /** The longest key S3 accepts, in UTF-8 bytes. */
    static final int MAX_KEY_BYTES = 1024;

    private KeyDecoder() {
    }

    /**
     * Decodes and validates a raw (still percent-encoded) key.
     *
     * @throws S3Exception InvalidURI or KeyTooLongError
     */
    static String decode(String rawKey) {
        String key = percentDecode(rawKey);
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new S3Exception(S3ErrorCode.KEY_TOO_LONG);
        }
        validate(key);
        return key;
    }

    /**
     * Decodes {@code %XX} escapes to UTF-8 bytes; other characters stand for themselves. The JDK server reads the
     * request line as ISO-8859-1, so a raw non-ASCII byte arrives as one char up to U+00FF and is taken as that
     * byte. A {@code +} in a path is a plus sign.
     */
    static String percentDecode(String raw) {
        var bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw invalid("incomplete percent escape");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw invalid("invalid percent escape");
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0xFF) {
                throw invalid("invalid character");
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid("the key is not valid UTF-8");
        }
    }

    private static void validate(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x20 || c == 0x7F || c == '\\') {
                throw invalid("the key contains a control character or a backslash");
            }
        }
        String[] segments = key.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean trailing = i == segments.length - 1 && i > 0;
            if (segment.isEmpty() && !trailing || segment.equals(".") || segment.equals("..")) {
                throw invalid("the key contains an empty, '.' or '..' segment");
            }
        }
    }

    private static S3Exception invalid(String why) {
        return new S3Exception(S3ErrorCode.INVALID_URI, "Couldn't parse the specified URI: " + why + ".");
    }
}
