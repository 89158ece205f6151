package proxy.http;

import java.util.Locale;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/** Reads and validates the query parameters of ListObjects V1 and V2. */
final class ListParamsParser {
    private ListParamsParser() {
    }

    /** ListObjectsV2: prefix, delimiter, start-after, continuation-token, max-keys, encoding-type, fetch-owner. */
    static ListParams v2(QueryParams query) {
        return new ListParams(prefix(query), echoed(query, "delimiter"), echoed(query, "start-after"),
                query.get("continuation-token"), maxKeys(query), urlEncoded(query),
                query.get("fetch-owner").map(v -> v.equalsIgnoreCase("true")).orElse(false));
    }

    /** ListObjects V1: prefix, delimiter, marker (a key or a sealed cursor), max-keys, encoding-type. */
    static ListParams v1(QueryParams query) {
        return new ListParams(prefix(query), echoed(query, "delimiter"),
                echoed(query, "marker").filter(m -> !m.isEmpty()),
                Optional.empty(), maxKeys(query), urlEncoded(query), true);
    }

    /**
     * A parameter the listing echoes in its XML answer; rejected (InvalidArgument) when it holds a character XML
     * 1.0 cannot carry or that no key holds (controls, U+FFFE, U+FFFF), rather than failing as 500 when the
     * answer is written.
     */
    private static Optional<String> echoed(QueryParams query, String name) {
        Optional<String> value = query.get(name);
        if (value.isPresent() && !value.get().chars().allMatch(ListParamsParser::keyChar)) {
            throw invalid("Invalid " + name + ".");
        }
        return value;
    }

    /** Whether a character may appear in a key: not a control character, not U+FFFE or U+FFFF. */
    private static boolean keyChar(int c) {
        return c >= 0x20 && c != 0x7F && c != 0xFFFE && c != 0xFFFF;
    }

    /**
     * The prefix; rejected (InvalidArgument) when it contains a control character, U+FFFE, U+FFFF or a
     * backslash, or a complete segment that is empty, {@code .} or {@code ..}, since no key has one and such a
     * prefix must never reach a store.
     */
    private static String prefix(QueryParams query) {
        String prefix = query.get("prefix").orElse("");
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (!keyChar(c) || c == '\\') {
                throw invalid("Invalid prefix.");
            }
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length - 1; i++) {
            String s = segments[i];
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw invalid("Invalid prefix.");
            }
        }
        return prefix;
    }

    private static int maxKeys(QueryParams query) {
        Optional<String> raw = query.get("max-keys");
        if (raw.isEmpty()) {
            return ListParams.MAX_KEYS;
        }
        String digits = raw.get();
        if (digits.isEmpty() || digits.length() > 12 || !digits.chars().allMatch(Character::isDigit)) {
            throw invalid("Provided max-keys not an integer or within integer range");
        }
        return (int) Math.min(Long.parseLong(digits), ListParams.MAX_KEYS);
    }

    private static boolean urlEncoded(QueryParams query) {
        Optional<String> encoding = query.get("encoding-type");
        if (encoding.isEmpty()) {
            return false;
        }
        if (encoding.get().toLowerCase(Locale.ROOT).equals("url")) {
            return true;
        }
        throw invalid("Invalid Encoding Method specified in Request");
    }

    private static S3Exception invalid(String message) {
        return new S3Exception(S3ErrorCode.INVALID_ARGUMENT, message);
    }
}
