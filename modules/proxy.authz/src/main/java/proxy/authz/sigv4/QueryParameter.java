package proxy.authz.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code name=value} pair of a raw query string.
 *
 * @param rawName  the name as received, still encoded
 * @param rawValue the value as received, still encoded; empty when the pair has no {@code =}
 */
record QueryParameter(String rawName, String rawValue) {

    /** The decoded name. */
    String name() {
        return decoded(rawName);
    }

    /** The decoded value. */
    String value() {
        return decoded(rawValue);
    }

    private static String decoded(String raw) {
        return raw.indexOf('%') < 0 ? raw : new String(S3UriEncoding.decode(raw), StandardCharsets.UTF_8);
    }

    /** The pairs of a raw query string in arrival order; empty pieces ({@code a&&b}) are skipped. */
    static List<QueryParameter> parse(String rawQuery) {
        var out = new ArrayList<QueryParameter>();
        if (rawQuery.isEmpty()) {
            return out;
        }
        for (String piece : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            out.add(eq < 0 ? new QueryParameter(piece, "") : new QueryParameter(piece.substring(0, eq),
                    piece.substring(eq + 1)));
        }
        return out;
    }
}
