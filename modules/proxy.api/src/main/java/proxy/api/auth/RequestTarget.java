package proxy.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ObjectKeys;

/**
 * The request target (path and query) decoded once. Authentication signs exactly this (the SigV4 canonical request
 * re-encodes it) and routing executes exactly this, so no spelling of a target can be signed as one key and served
 * as another.
 *
 * <p>Decoding rules: the wire form is read byte by byte (the JDK server hands over the request line as
 * ISO-8859-1, so a raw byte arrives as one character up to U+00FF) and must be UTF-8; it is then percent-decoded
 * once by the proxy's one decoder, {@link ObjectKeys#percentDecode} ({@code %XX} is one byte; the result must be
 * UTF-8). The path is decoded segment by segment (split at each {@code /} on the wire), so an escaped
 * {@code %2F} stays inside its segment for the signature (S3 signs the path as sent, encoded once) and is a
 * {@code /} of the {@link #path() key path} routing uses: one signature covers exactly one key. In the path
 * {@code +} is a plus sign. In the query {@code +} is a space, as AWS S3 (and MinIO and Ceph) read a query
 * string: {@code prefix=a+b} lists {@code "a b"} and is signed as {@code prefix=a%20b}, while a plus sign travels
 * as {@code %2B}.
 *
 * @param segments the decoded path segments after the leading {@code /} ({@code [""]} for {@code /})
 * @param query    the decoded query parameters in arrival order (pieces without a name, such as {@code a&&b}'s
 *                 empty one, are dropped)
 */
public record RequestTarget(List<String> segments, List<Parameter> query) {

    /**
     * One decoded query parameter.
     *
     * @param name  the decoded name
     * @param value the decoded value; empty for a bare name ({@code ?location})
     */
    public record Parameter(String name, String value) {
        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public RequestTarget {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a path has at least one segment");
        }
        query = List.copyOf(query);
    }

    /**
     * Decodes a target as received.
     *
     * @param rawPath  the path still percent-encoded; empty means {@code /}
     * @param rawQuery the query without {@code ?}, still percent-encoded; empty for none
     * @throws S3Exception InvalidURI for a path that does not start with {@code /}, has a malformed escape or is not
     *                     UTF-8; InvalidArgument for such a query parameter
     */
    public static RequestTarget parse(String rawPath, String rawQuery) {
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        String path = rawPath.isEmpty() ? "/" : rawPath;
        if (!path.startsWith("/")) {
            throw invalidUri("the path does not start with '/'");
        }
        return new RequestTarget(decodePath(path.substring(1)), decodeQuery(rawQuery));
    }

    /** The decoded path routing uses: {@code /} and the segments joined by {@code /}. */
    public String path() {
        return "/" + String.join("/", segments);
    }

    /** The value of the first parameter of that name, if any. */
    public Optional<String> parameter(String name) {
        for (Parameter p : query) {
            if (p.name().equals(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** Whether a parameter of that name is present (with or without a value). */
    public boolean has(String name) {
        return parameter(name).isPresent();
    }

    private static List<String> decodePath(String raw) {
        var out = new ArrayList<String>();
        try {
            for (String segment : raw.split("/", -1)) {
                out.add(decode(segment, false));
            }
        } catch (IllegalArgumentException e) {
            throw invalidUri(e.getMessage());
        }
        return out;
    }

    private static List<Parameter> decodeQuery(String raw) {
        var out = new ArrayList<Parameter>();
        for (String piece : raw.split("&")) {
            int eq = piece.indexOf('=');
            String name = eq < 0 ? piece : piece.substring(0, eq);
            if (name.isEmpty()) {
                continue;
            }
            try {
                out.add(new Parameter(decode(name, true), eq < 0 ? "" : decode(piece.substring(eq + 1), true)));
            } catch (IllegalArgumentException e) {
                throw new S3Exception(S3ErrorCode.INVALID_ARGUMENT,
                        "A query parameter is not valid URL-encoded UTF-8.");
            }
        }
        return out;
    }

    /**
     * Decodes a wire component: its raw bytes (one character up to U+00FF each) as UTF-8 text, then that text
     * percent-decoded once by {@link ObjectKeys#percentDecode}.
     *
     * @throws IllegalArgumentException with a client-safe reason
     */
    private static String decode(String raw, boolean plusIsSpace) {
        String text = raw;
        char highest = highest(raw);
        if (highest >= 0x80) {
            if (highest > 0xFF) {
                throw new IllegalArgumentException("invalid character");
            }
            text = ObjectKeys.utf8(raw.getBytes(StandardCharsets.ISO_8859_1))
                    .orElseThrow(() -> new IllegalArgumentException("not valid UTF-8"));
        }
        return ObjectKeys.percentDecode(text, plusIsSpace)
                .orElseThrow(() -> new IllegalArgumentException("invalid percent escape or not valid UTF-8"));
    }

    /** The highest character of {@code s} (a loop: this runs for every component of every request). */
    private static char highest(String s) {
        char highest = 0;
        for (int i = 0; i < s.length(); i++) {
            highest = (char) Math.max(highest, s.charAt(i));
        }
        return highest;
    }

    private static S3Exception invalidUri(String why) {
        return new S3Exception(S3ErrorCode.INVALID_URI, "Couldn't parse the specified URI: " + why + ".");
    }
}
