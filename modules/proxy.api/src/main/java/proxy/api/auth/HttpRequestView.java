package proxy.api.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The parts of an HTTP request that authentication needs, exactly as received.
 *
 * @param method   the request method, upper case
 * @param rawPath  the request path, still percent-encoded
 * @param rawQuery the query string, still percent-encoded, without {@code ?}; empty for none
 * @param headers  header name in lower case to its values in arrival order
 */
public record HttpRequestView(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
    public HttpRequestView {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        Objects.requireNonNull(rawQuery, "rawQuery");
        headers = Map.copyOf(headers);
    }

    /** The first value of a header (name in any case). */
    public Optional<String> header(String name) {
        var values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }
}
