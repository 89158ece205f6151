package proxy.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Copies admitted client connections to and from the JDK server on loopback until either side ends, on a few
 * selector threads ({@link RelayLoop}, one per core by default) rather than on threads of their own: a small
 * request then costs one read and one write per direction and no thread hand-off (two virtual threads per
 * connection cost about a third of a 307's CPU, measured in docs/benchmarks.md, session 5). When the server
 * closes, the client is closed too; when the client stops sending, the server sees the end of its input and
 * finishes what it is answering. A reset (or any failure) on one side resets the other, so a client sees a
 * connection the server aborted as aborted, not as a clean end. A connection holds no buffer while its bytes flow;
 * one of {@link RelayLoop#BUFFER_SIZE} only while the receiving side is slower than the sending one.
 */
final class SocketRelay implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SocketRelay.class.getName());
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final RelayLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * Starts {@code threads} selector threads.
     *
     * @param target the JDK server's loopback address
     * @param name   the threads' name prefix
     * @throws IOException when a selector cannot be opened
     */
    SocketRelay(InetSocketAddress target, int threads, String name) throws IOException {
        this.target = Objects.requireNonNull(target, "target");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be positive");
        }
        loops = new RelayLoop[threads];
        try {
            for (int i = 0; i < threads; i++) {
                loops[i] = new RelayLoop(name + "-" + i);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /**
     * Connects to the server (blocking, on the caller's thread), sends it the {@code length} bytes already read
     * into {@code first}, then hands both connections to a selector thread and returns at once. {@code ended} runs
     * once, on that thread, when both connections are closed. When this throws, nothing was handed over: the caller
     * closes {@code client}.
     *
     * @param client a connected channel in blocking mode, with no read in progress
     * @throws IOException when the server cannot be reached
     */
    void relay(SocketChannel client, byte[] first, int length, Runnable ended) throws IOException {
        var server = SocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.socket().connect(target, CONNECT_TIMEOUT_MILLIS);
            var head = ByteBuffer.wrap(first, 0, length);
            while (head.hasRemaining()) {
                server.write(head);
            }
            client.configureBlocking(false);
            server.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        loops[Math.floorMod(next.getAndIncrement(), loops.length)].add(new RelayedConnection(client, server, ended));
    }

    /**
     * Wakes every selector thread so that it finishes closing the connections other threads closed (a registered
     * channel is released by its selector).
     */
    void wakeUp() {
        for (RelayLoop loop : loops) {
            if (loop != null) {
                loop.wakeUp();
            }
        }
    }

    /** Stops the selector threads and closes every connection they relay. */
    @Override
    public void close() {
        for (RelayLoop loop : loops) {
            if (loop != null) {
                try {
                    loop.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, () -> "closing a relay loop: " + e);
                }
            }
        }
    }
}
