package proxy.localproxy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.util.OptionalLong;

/**
 * Streams an outbound response back to the client with a fixed 64 KiB buffer, so memory stays bounded whatever
 * the object size. The response body is closed here (the caller hands over ownership); the exchange is not.
 */
final class ResponseRelay {

    private static final int BUFFER_SIZE = 64 * 1024;

    private ResponseRelay() {
    }

    /**
     * Writes status, headers and body of {@code response} to {@code exchange}.
     *
     * @param followed whether {@code response} came from a followed redirect: then only the object-describing
     *                 headers of {@link HeaderFilter#relaysFollowedHeader} are relayed
     * @return the number of body bytes written
     * @throws IOException when reading the response or writing to the client fails (the client then sees a
     *                     truncated response or a closed connection, never a silently short body)
     */
    static long relay(HttpExchange exchange, HttpResponse<InputStream> response, boolean followed)
            throws IOException {
        try (InputStream body = response.body()) {
            copyHeaders(response, exchange.getResponseHeaders(), followed);
            int status = response.statusCode();
            OptionalLong length = contentLength(response);
            boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            if (head || status == 204 || status == 304 || status < 200) {
                if ((head || status == 304) && length.isPresent()) {
                    // The JDK server lets HEAD and 304 carry Content-Length only as a header, with length -1.
                    exchange.getResponseHeaders().set("Content-Length", Long.toString(length.getAsLong()));
                }
                exchange.sendResponseHeaders(status, -1);
                return 0;
            }
            if (length.isPresent() && length.getAsLong() == 0) {
                exchange.sendResponseHeaders(status, -1);
                return 0;
            }
            exchange.sendResponseHeaders(status, length.orElse(0)); // 0 = chunked for an unknown length
            return copy(body, exchange.getResponseBody());
        }
    }

    private static void copyHeaders(HttpResponse<?> response, Headers out, boolean followed) {
        HeaderFilter filter = HeaderFilter.forMessage(response.headers().map());
        response.headers().map().forEach((name, values) -> {
            boolean relayed = followed ? HeaderFilter.relaysFollowedHeader(name) : filter.relaysResponseHeader(name);
            if (relayed && !name.startsWith(":")) {
                values.forEach(value -> out.add(name, value));
            }
        });
    }

    private static OptionalLong contentLength(HttpResponse<?> response) {
        try {
            return response.headers().firstValueAsLong("Content-Length");
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static long copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            total += n;
        }
        out.flush();
        return total;
    }
}
