package proxy.http;

import java.util.Locale;
import java.util.Optional;
import proxy.api.Ascii;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.RequestTarget;
import proxy.api.storage.ObjectKeys;

/** Reads and validates the query parameters of ListObjects V1 and V2. */
final class ListParamsParser {
    private ListParamsParser() {
    }

    /** ListObjectsV2: prefix, delimiter, start-after, continuation-token, max-keys, encoding-type, fetch-owner. */
    static ListParams v2(RequestTarget query) {
        return new ListParams(prefix(query), echoed(query, "delimiter"), echoed(query, "start-after"),
                query.parameter("continuation-token"), maxKeys(query), urlEncoded(query),
                query.parameter("fetch-owner").map(v -> v.equalsIgnoreCase("true")).orElse(false));
    }

    /** ListObjects V1: prefix, delimiter, marker (a key or a sealed cursor), max-keys, encoding-type. */
    static ListParams v1(RequestTarget query) {
        return new ListParams(prefix(query), echoed(query, "delimiter"),
                echoed(query, "marker").filter(m -> !m.isEmpty()),
                Optional.empty(), maxKeys(query), urlEncoded(query), true);
    }

    /**
     * A parameter the listing echoes in its XML answer; rejected (InvalidArgument) when it holds a character no key
     * holds ({@link ObjectKeys#keyChar}), rather than failing as 500 when the answer is written.
     */
    private static Optional<String> echoed(RequestTarget query, String name) {
        Optional<String> value = query.parameter(name);
        if (value.isPresent() && !value.get().chars().allMatch(ObjectKeys::keyChar)) {
            throw invalid("Invalid " + name + ".");
        }
        return value;
    }

    /** The prefix; rejected (InvalidArgument) unless it could begin a valid key ({@link ObjectKeys#validPrefix}). */
    private static String prefix(RequestTarget query) {
        String prefix = query.parameter("prefix").orElse("");
        if (!ObjectKeys.validPrefix(prefix)) {
            throw invalid("Invalid prefix.");
        }
        return prefix;
    }

    private static int maxKeys(RequestTarget query) {
        Optional<String> raw = query.parameter("max-keys");
        if (raw.isEmpty()) {
            return ListParams.MAX_KEYS;
        }
        String digits = raw.get();
        if (digits.length() > 12 || !Ascii.isDecimal(digits)) {
            throw invalid("Provided max-keys not an integer or within integer range");
        }
        return (int) Math.min(Long.parseLong(digits), ListParams.MAX_KEYS);
    }

    private static boolean urlEncoded(RequestTarget query) {
        Optional<String> encoding = query.parameter("encoding-type");
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
