package proxy.storage.s3.wire;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import proxy.api.Ascii;

/**
 * Sends bodiless requests (GET, HEAD) over pooled keep-alive connections and returns the answer with its body
 * still on the wire. A kept-alive connection the server closed while it sat idle fails before any byte of the
 * answer arrives (an end of stream or reset on the write or the first read): the request is then sent once more,
 * on a new connection, as {@code HttpURLConnection} does (GET and HEAD are idempotent); once a byte of the answer
 * has arrived nothing is retried, and a timeout is never retried. Thread-safe; close it to close idle connections.
 */
public final class WireClient implements AutoCloseable {

    private static final int MAX_INTERIM = 8;

    private final ConnectionPool pool;
    private final LongAdder retried = new LongAdder();

    /**
     * @param tls          makes the TLS sockets of {@code https} origins (e.g. {@code SSLSocketFactory.getDefault()})
     * @param maxIdle      idle connections kept per origin
     * @param maxIdleTime  how long an idle connection may still be reused
     */
    public WireClient(SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout, int maxIdle,
            Duration maxIdleTime) {
        this.pool = new ConnectionPool(tls, connectTimeout, readTimeout, maxIdle, maxIdleTime);
    }

    /**
     * Sends {@code method target} with {@code Host: host} and {@code headers} (a {@code Host} among them is
     * ignored).
     *
     * @param target the request target, already percent-encoded
     * @throws IOException when no complete answer head came: refused, timed out, reset, malformed answer, or a
     *                     header value with control characters
     */
    public WireResponse send(Origin origin, String method, String target, String host,
            Map<String, String> headers) throws IOException {
        Connection pooled = pool.take(origin);
        if (pooled != null) {
            WireResponse answer = exchange(pooled, method, target, host, headers, true);
            if (answer != null) {
                return answer;
            }
            retried.increment();
        }
        return exchange(pool.open(origin), method, target, host, headers, false);
    }

    /** Connections opened so far. */
    public long opened() {
        return pool.opened();
    }

    /** Requests sent again because their kept-alive connection turned out closed. */
    public long retried() {
        return retried.sum();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The answer, or null when a reused connection failed before the answer began and {@code mayRetry}. */
    private WireResponse exchange(Connection connection, String method, String target, String host,
            Map<String, String> headers, boolean mayRetry) throws IOException {
        try {
            var request = connection.request().start(method, target, host);
            for (var header : headers.entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Host")) {
                    request.header(header.getKey(), header.getValue());
                }
            }
            request.end();
            int first;
            try {
                connection.send();
                first = connection.peek();
            } catch (SocketException | SSLException e) {
                if (mayRetry) {
                    connection.close();
                    return null;
                }
                throw e;
            }
            if (first < 0) {
                if (mayRetry) {
                    connection.close();
                    return null;
                }
                throw new EOFException("backend closed the connection without answering");
            }
            return answer(connection, finalHead(connection), method.equals("HEAD"));
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * The final answer's head, after skipping interim ones (RFC 9110: a client must accept unexpected 1xx answers;
     * at most {@value #MAX_INTERIM}). {@code 101 Switching Protocols} is refused: these requests never ask to upgrade.
     */
    private static ResponseHead finalHead(Connection connection) throws IOException {
        for (int interim = 0; interim <= MAX_INTERIM; interim++) {
            ResponseHead head = ResponseHead.read(connection);
            if (head.status() >= 200) {
                return head;
            }
            if (head.status() == 101) {
                throw new IOException("backend switched protocols unasked");
            }
        }
        throw new IOException("backend sent more than " + MAX_INTERIM + " interim answers");
    }

    /** Frames the body: none for HEAD, 204, 304; chunked; Content-Length; else up to the end of the connection. */
    private WireResponse answer(Connection connection, ResponseHead head, boolean headRequest) throws IOException {
        boolean reusable = head.keepAlive();
        if (headRequest || head.status() == 204 || head.status() == 304) {
            release(connection, reusable);
            return new WireResponse(head, null);
        }
        String encoding = head.header("Transfer-Encoding");
        int lengths = head.occurrences("Content-Length");
        if (encoding != null) {
            if (lengths > 0 || head.occurrences("Transfer-Encoding") > 1 || !encoding.equalsIgnoreCase("chunked")) {
                throw new IOException("backend answer framed ambiguously: Transfer-Encoding " + encoding
                        + (lengths > 0 ? " with Content-Length" : ""));
            }
            return new WireResponse(head, new ChunkedBody(connection, pool, reusable));
        }
        if (lengths == 0) {
            return new WireResponse(head, new UntilCloseBody(connection, pool));
        }
        long length = contentLength(head.header("Content-Length"), lengths);
        return new WireResponse(head, new FixedLengthBody(connection, pool, reusable, length));
    }

    private void release(Connection connection, boolean reusable) {
        if (reusable && !connection.hasBuffered()) {
            pool.release(connection);
        } else {
            connection.close();
        }
    }

    private static long contentLength(String value, int occurrences) throws IOException {
        if (occurrences > 1 || value.length() > 18 || !Ascii.isDecimal(value)) {
            throw new IOException("backend answer has an invalid Content-Length");
        }
        return Long.parseLong(value);
    }
}
