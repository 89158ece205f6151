package proxy.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Objects;

/**
 * The response side of one exchange: the common S3 headers, and the few ways an answer is sent (XML, empty,
 * redirect, streamed body, headers only). Records the status and the body bytes for metrics, and carries the
 * request's {@link AuditFacts}. Not thread-safe; one per exchange.
 */
final class ResponseWriter {
    /** The largest copy buffer of a streamed body (a smaller body gets one of its size); never a whole body. */
    static final int BUFFER_SIZE = 64 * 1024;

    private final HttpExchange exchange;
    private final String requestId;
    private final boolean head;
    private int status;
    private long bytesSent;
    private boolean committed;
    private final AuditFacts audit = new AuditFacts();

    ResponseWriter(HttpExchange exchange, RequestIds.Ids ids) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.requestId = ids.requestId();
        this.head = exchange.getRequestMethod().equals("HEAD");
        Headers headers = exchange.getResponseHeaders();
        headers.set("x-amz-request-id", ids.requestId());
        headers.set("x-amz-id-2", ids.id2());
        headers.set("Server", "delta-s3-proxy");
    }

    String requestId() {
        return requestId;
    }

    int status() {
        return status;
    }

    long bytesSent() {
        return bytesSent;
    }

    /** What the audit log records of this request besides the response itself. */
    AuditFacts audit() {
        return audit;
    }

    /** Whether the status line has been sent (no error can be answered any more). */
    boolean committed() {
        return committed;
    }

    /** The request body, for the one operation that reads it (PutObject); the exchange closes it. */
    InputStream requestBody() {
        return exchange.getRequestBody();
    }

    /** Sets a response header (before the status line is sent). */
    ResponseWriter header(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
        return this;
    }

    /** Removes a response header. */
    void removeHeader(String name) {
        exchange.getResponseHeaders().remove(name);
    }

    /** An XML body ({@code application/xml}); on HEAD only its status and headers. */
    void xml(int code, byte[] body) {
        header("Content-Type", "application/xml");
        if (head) {
            headersOnly(code, body.length);
            return;
        }
        send(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
            bytesSent = body.length;
        } catch (IOException e) {
            throw new UncheckedIOException("writing response body", e);
        }
    }

    /** A response without a body (and without a Content-Length other than 0). */
    void empty(int code) {
        send(code, -1);
        exchange.close();
    }

    /** 307 Temporary Redirect to the given location. */
    void redirect(URI location) {
        header("Location", location.toASCIIString());
        empty(307);
    }

    /** Status and headers only, with the Content-Length a GET would have had (HEAD, 304). */
    void headersOnly(int code, long contentLength) {
        if (code != 304) {
            header("Content-Length", Long.toString(contentLength));
        }
        send(code, -1);
        exchange.close();
    }

    /**
     * Streams exactly {@code length} bytes of {@code body} with a fixed buffer.
     *
     * @throws ResponseAbortedException when the body fails after the status line was sent; the caller must let it
     *                                  propagate so the connection is closed without completing the response
     */
    void stream(int code, long length, InputStream body) throws ResponseAbortedException {
        send(code, length == 0 ? -1 : length);
        if (length == 0) {
            exchange.close();
            return;
        }
        OutputStream out = exchange.getResponseBody();
        var buffer = new byte[(int) Math.min(BUFFER_SIZE, length)]; // a 4 KiB answer does not zero 64 KiB
        long remaining = length;
        while (remaining > 0) {
            int n = readBackend(body, buffer, (int) Math.min(buffer.length, remaining), length);
            try {
                out.write(buffer, 0, n);
            } catch (IOException | RuntimeException e) {
                throw aborted(length, e, true);
            }
            bytesSent += n;
            remaining -= n;
        }
        try {
            out.close();
        } catch (IOException e) {
            throw aborted(length, e, true);
        }
    }

    private int readBackend(InputStream body, byte[] buffer, int max, long length) throws ResponseAbortedException {
        try {
            int n = body.read(buffer, 0, max);
            if (n < 0) {
                throw new IOException("the backend body ended " + (length - bytesSent) + " bytes early");
            }
            return n;
        } catch (IOException | RuntimeException e) {
            throw aborted(length, e, false);
        }
    }

    private ResponseAbortedException aborted(long length, Exception cause, boolean clientGone) {
        return new ResponseAbortedException((clientGone ? "client went away" : "backend failed") + " after "
                + bytesSent + " of " + length + " body bytes", cause, clientGone);
    }

    private void send(int code, long length) {
        try {
            exchange.sendResponseHeaders(code, length);
        } catch (IOException e) {
            throw new UncheckedIOException("sending response headers", e);
        }
        status = code;
        committed = true;
    }
}
