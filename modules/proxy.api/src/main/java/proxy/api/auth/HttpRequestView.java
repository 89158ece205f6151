package proxy.api.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an HTTP request that authentication and routing need: the method, the target decoded once (the one
 * form both sign and execute) and the headers as received.
 *
 * @param method  the request method, upper case
 * @param target  the decoded path and query
 * @param headers header name in lower case to its values in arrival order
 */
public record HttpRequestView(String method, RequestTarget target, Map<String, List<String>> headers) {
    public HttpRequestView {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        headers = Map.copyOf(headers);
    }

    /**
     * A view of a request target as received on the wire.
     *
     * @param rawPath  the request path, still percent-encoded
     * @param rawQuery the query string, still percent-encoded, without {@code ?}; empty for none
     * @throws proxy.api.S3Exception as {@link RequestTarget#parse} does
     */
    public HttpRequestView(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        this(method, RequestTarget.parse(rawPath, rawQuery), headers);
    }

    /** The first value of a header (name in any case). */
    public Optional<String> header(String name) {
        var values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
