package proxy.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * A decoded query string: parameter name to its first value ({@code ""} for a bare name such as
 * {@code ?location}). Values are percent-decoded once; {@code +} is a space, as in S3 query strings.
 */
final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses a raw query string (without {@code ?}).
     *
     * @throws S3Exception InvalidArgument for a parameter that is not valid percent-encoded UTF-8
     */
    static QueryParams parse(String rawQuery) {
        var map = new LinkedHashMap<String, String>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                map.putIfAbsent(name, value);
            }
        }
        return new QueryParams(map);
    }

    /** The value of a parameter, if present. */
    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** Whether the parameter is present (with or without a value). */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The parameter names in arrival order. */
    Iterable<String> names() {
        return values.keySet();
    }

    private static String decode(String raw) {
        try {
            return KeyDecoder.percentDecode(raw.replace('+', ' '));
        } catch (S3Exception e) {
            throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT, "A query parameter is not valid URL-encoded UTF-8.");
        }
    }
}
