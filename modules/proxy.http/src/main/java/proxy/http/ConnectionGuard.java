package proxy.http;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import proxy.api.config.ConnectionLimits;

/**
 * The S3 endpoint's listening socket, in front of the JDK HTTP server. The JDK server offers no hook at accept
 * time, so one client that opens connections and sends nothing could fill its global connection limit and lock
 * everyone out. The guard accepts instead, holds each new connection until its first byte (at most
 * {@link ConnectionLimits#firstByteTimeoutSeconds()}), admits connections per remote address through a
 * {@link ConnectionTable} (silent connections make room, talking ones never do), and then relays the connection
 * to the JDK server listening on loopback ({@link SocketRelay}). Everything after the first byte (request-head
 * and idle limits, keep-alive) is the JDK server's.
 *
 * <p>One platform thread accepts; each new connection waits for its first byte on a virtual thread of its own, and
 * is then relayed by one of the relay's selector threads (one per core).
 */
final class ConnectionGuard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ConnectionGuard.class.getName());
    /** Small: every silent connection holds this buffer until it talks or is cut. */
    private static final int FIRST_READ = 1024;
    private static final long ACCEPT_FAILURE_PAUSE_MILLIS = 100;
    private static final long DRAIN_POLL_MILLIS = 10;
    private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final ConnectionLimits limits;
    private final InetSocketAddress target;
    private final ConnectionTable<SocketChannel> table;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private final AtomicLong lastAcceptFailureLogged = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
    private ServerSocketChannel listener;
    private SocketRelay relay;

    /**
     * @param limits what one address and all clients may hold
     * @param target the JDK server's loopback address the admitted connections are relayed to
     */
    ConnectionGuard(ConnectionLimits limits, InetSocketAddress target) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.target = Objects.requireNonNull(target, "target");
        this.table = new ConnectionTable<>(limits.maxPerAddress(), limits.max());
    }

    /** Binds {@code address} and starts accepting. @throws IOException when it cannot be bound */
    synchronized void start(InetSocketAddress address) throws IOException {
        if (listener != null) {
            throw new IllegalStateException("already started");
        }
        var socket = ServerSocketChannel.open();
        try {
            socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            socket.bind(address, 1024);
            relay = new SocketRelay(target, Runtime.getRuntime().availableProcessors(),
                    "s3-relay-" + socket.socket().getLocalPort());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        listener = socket;
        Thread.ofPlatform().name("s3-accept-" + socket.socket().getLocalPort()).daemon(true)
                .start(() -> acceptLoop(socket));
    }

    /** The bound port. */
    synchronized int port() {
        return listener.socket().getLocalPort();
    }

    /**
     * Stops accepting and closes the connections that have not sent a byte yet; relayed connections go on until
     * the HTTP server closes them or {@link #close(Duration)}.
     */
    synchronized void stopAccepting() {
        if (listener != null) {
            closeQuietly(listener);
        }
        table.clearPending().forEach(ConnectionGuard::closeQuietly);
    }

    /**
     * Stops accepting, waits up to {@code drain} for the relayed connections to end (once the HTTP server has
     * closed its side, what it wrote last is still being copied to the client), then closes those left.
     */
    void close(Duration drain) {
        stopAccepting();
        long deadline = System.nanoTime() + drain.toNanos();
        try {
            while (table.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(DRAIN_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        table.clear().forEach(ConnectionGuard::closeQuietly);
        SocketRelay closing;
        synchronized (this) {
            closing = relay;
        }
        if (closing != null) {
            closing.close();
        }
    }

    /** Stops accepting and closes every connection at once. */
    @Override
    public void close() {
        close(Duration.ZERO);
    }

    /** Connections held now, silent and relayed (for tests). */
    int connections() {
        return table.size();
    }

    private void acceptLoop(ServerSocketChannel socket) {
        while (socket.isOpen()) {
            SocketChannel client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                if (socket.isOpen()) {
                    // Out of file descriptors, say: pause rather than spin, and log at most once a minute.
                    noteAcceptFailure(e);
                }
                continue;
            }
            var admission = table.admit(client, client.socket().getInetAddress());
            admission.evicted().forEach(ConnectionGuard::closeQuietly);
            int refusedNow = admission.evicted().size();
            if (admission.admitted() && socket.isOpen()) {
                Thread.ofVirtual().name("s3-conn").start(() -> serve(client));
            } else {
                table.remove(client); // admitted while stopping: closed like the other silent ones
                closeQuietly(client);
                refusedNow += admission.admitted() ? 0 : 1;
            }
            if (refusedNow > 0) {
                noteRefused(refusedNow);
            }
        }
    }

    /**
     * Waits for the first bytes, then hands the connection to the relay, which forgets and closes it when it ends;
     * a connection that is not handed over is forgotten and closed here.
     */
    private void serve(SocketChannel client) {
        boolean relayed = false;
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            client.socket().setSoTimeout(Math.toIntExact(limits.firstByteTimeoutSeconds() * 1000L));
            byte[] first = new byte[FIRST_READ];
            int n = readFirst(client.socket().getInputStream(), first);
            if (n <= 0 || !table.activate(client)) {
                return;
            }
            relay.relay(client, first, n, () -> table.remove(client));
            relayed = true;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, () -> "connection ended: " + e);
        } finally {
            if (!relayed) {
                table.remove(client);
                closeQuietly(client);
            }
        }
    }

    /** The number of bytes read, or -1 when the client sent nothing in time or closed. */
    private static int readFirst(InputStream in, byte[] buffer) throws IOException {
        try {
            return in.read(buffer);
        } catch (SocketTimeoutException silent) {
            return -1;
        }
    }

    /** Refusals and evictions are logged at most once a minute, with the count since the last line. */
    private void noteRefused(int count) {
        long total = refused.addAndGet(count);
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastLogged.compareAndSet(last, now)) {
            refused.addAndGet(-total);
            LOG.log(Level.WARNING, "connection limits: {0} connection(s) refused or closed before sending a byte"
                    + " (at most {1} per address, {2} in all; silent connections are closed first)",
                    total, limits.maxPerAddress(), limits.max());
        }
    }

    private void noteAcceptFailure(IOException e) {
        long now = System.nanoTime();
        long last = lastAcceptFailureLogged.get();
        if (now - last >= LOG_INTERVAL_NANOS && lastAcceptFailureLogged.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "accepting a connection failed (logged once a minute)", e);
        }
        try {
            Thread.sleep(ACCEPT_FAILURE_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a socket that is already gone.
        }
    }
}
