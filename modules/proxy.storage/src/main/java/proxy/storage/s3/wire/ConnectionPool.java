package proxy.storage.s3.wire;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens connections and keeps idle ones per origin: at most {@code maxIdle} per origin, the most recently used
 * handed out first, and none idle longer than {@code maxIdleTime} (S3 closes idle connections after ~20 s; an
 * older one is closed, not reused). TLS connections verify the server's certificate and host name
 * ({@code HTTPS} endpoint identification) and send the host name as SNI. Every socket has {@code TCP_NODELAY}
 * and reads time out after {@code readTimeout}.
 */
final class ConnectionPool implements AutoCloseable {

    private final SSLSocketFactory tls;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final int maxIdle;
    private final long maxIdleNanos;
    private final Map<Origin, Idle> idle = new ConcurrentHashMap<>();
    private final LongAdder opened = new LongAdder();
    private volatile boolean closed;

    /** The idle connections of one origin, newest first. */
    private record Idle(ConcurrentLinkedDeque<Connection> connections, AtomicInteger size) {
    }

    ConnectionPool(SSLSocketFactory tls, Duration connectTimeout, Duration readTimeout, int maxIdle,
            Duration maxIdleTime) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.maxIdle = maxIdle;
        this.maxIdleNanos = maxIdleTime.toNanos();
    }

    /** An idle connection to {@code origin} young enough to reuse, or null. */
    Connection take(Origin origin) {
        Idle set = idle.get(origin);
        if (set == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Connection c; (c = set.connections.pollFirst()) != null; ) {
            set.size.decrementAndGet();
            if (now - c.idleSince() < maxIdleNanos) {
                return c;
            }
            c.close();
        }
        return null;
    }

    /** A new connection to {@code origin}; TLS handshake done. */
    Connection open(Origin origin) throws IOException {
        String host = origin.host().startsWith("[") ? origin.host().substring(1, origin.host().length() - 1)
                : origin.host();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, origin.port()), connectTimeoutMillis);
            socket.setSoTimeout(readTimeoutMillis);
            if (origin.tls()) {
                var secured = (SSLSocket) tls.createSocket(socket, host, origin.port(), true);
                var parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secured.setSSLParameters(parameters);
                socket = secured;
                secured.startHandshake();
            }
            opened.increment();
            return new Connection(origin, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Keeps {@code connection} for reuse, or closes it when its origin has {@code maxIdle} idle already. */
    void release(Connection connection) {
        Idle set = idle.computeIfAbsent(connection.origin(),
                o -> new Idle(new ConcurrentLinkedDeque<>(), new AtomicInteger()));
        long now = System.nanoTime();
        evictExpired(set, now);
        if (closed || set.size.incrementAndGet() > maxIdle) {
            set.size.decrementAndGet();
            connection.close();
            return;
        }
        connection.markIdle(now);
        set.connections.offerFirst(connection);
        if (closed) {
            closeAll();
        }
    }

    /** Connections opened so far (each a TCP connect, and a TLS handshake for https). */
    long opened() {
        return opened.sum();
    }

    @Override
    public void close() {
        closed = true;
        closeAll();
    }

    /** The oldest idle connections are at the tail: close those past their time, so none lingers unused. */
    private void evictExpired(Idle set, long now) {
        for (Connection c; (c = set.connections.peekLast()) != null && now - c.idleSince() >= maxIdleNanos; ) {
            if (set.connections.removeLastOccurrence(c)) {
                set.size.decrementAndGet();
                c.close();
            }
        }
    }

    private void closeAll() {
        for (Idle set : idle.values()) {
            for (Connection c; (c = set.connections.pollFirst()) != null; ) {
                set.size.decrementAndGet();
                c.close();
            }
        }
    }
}
