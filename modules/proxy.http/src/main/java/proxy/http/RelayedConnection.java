package proxy.http;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * One client connection relayed to the JDK server: two non-blocking channels and the state of both directions,
 * driven by one {@link RelayLoop} thread (every method but {@link #close()} is called on it only). The end of the
 * client's input half-closes the server's; the end of the server's output (once written) closes both; an error on
 * either side resets both.
 */
final class RelayedConnection {
    private final SocketChannel client;
    private final SocketChannel server;
    private final Runnable ended;
    private final Direction up;
    private final Direction down;
    private SelectionKey clientKey;
    private SelectionKey serverKey;
    private volatile boolean closed;

    /** What flows one way: the bytes not yet taken by the receiver, and whether the sender's input has ended. */
    private static final class Direction {
        final SocketChannel from;
        final SocketChannel to;
        ByteBuffer pending;
        boolean inputEnded;

        Direction(SocketChannel from, SocketChannel to) {
            this.from = from;
            this.to = to;
        }

        boolean reading() {
            return !inputEnded && pending == null;
        }
    }

    /** @param ended runs once when both channels are closed */
    RelayedConnection(SocketChannel client, SocketChannel server, Runnable ended) {
        this.client = Objects.requireNonNull(client, "client");
        this.server = Objects.requireNonNull(server, "server");
        this.ended = Objects.requireNonNull(ended, "ended");
        this.up = new Direction(client, server);
        this.down = new Direction(server, client);
    }

    /** Registers both channels; a channel closed meanwhile closes the connection. */
    void register(Selector selector) {
        try {
            clientKey = client.register(selector, SelectionKey.OP_READ, this);
            serverKey = server.register(selector, SelectionKey.OP_READ, this);
        } catch (ClosedChannelException | RuntimeException e) {
            close();
        }
    }

    /** Copies what {@code key}'s channel is ready for. */
    void ready(SelectionKey key, RelayLoop loop) {
        try {
            boolean isClient = key == clientKey;
            if (key.isValid() && key.isWritable()) {
                flush(isClient ? down : up, loop);
            }
            if (!closed && key.isValid() && key.isReadable()) {
                pump(isClient ? up : down, loop);
            }
            if (!closed) {
                clientKey.interestOps((up.reading() ? SelectionKey.OP_READ : 0)
                        | (down.pending != null ? SelectionKey.OP_WRITE : 0));
                serverKey.interestOps((down.reading() ? SelectionKey.OP_READ : 0)
                        | (up.pending != null ? SelectionKey.OP_WRITE : 0));
            }
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            reset(); // no direct memory left for a slow receiver's buffer: this connection fails, the loop lives on
        }
    }

    /** Reads once and passes on what it can; what the receiver does not take waits in the scratch buffer. */
    private void pump(Direction d, RelayLoop loop) throws IOException {
        ByteBuffer buffer = loop.scratch();
        int n = d.from.read(buffer);
        if (n < 0) {
            d.inputEnded = true;
            inputDone(d);
            return;
        }
        if (n == 0) {
            return;
        }
        buffer.flip();
        d.to.write(buffer);
        if (buffer.hasRemaining()) {
            d.pending = loop.takeScratch();
        }
    }

    private void flush(Direction d, RelayLoop loop) throws IOException {
        if (d.pending == null) {
            return;
        }
        d.to.write(d.pending);
        if (!d.pending.hasRemaining()) {
            loop.giveBack(d.pending);
            d.pending = null;
            if (d.inputEnded) {
                inputDone(d);
            }
        }
    }

    /** The client stopped sending: the server sees the end of its input. The server closed: so does the client. */
    private void inputDone(Direction d) throws IOException {
        if (d == up) {
            server.shutdownOutput();
        } else {
            close();
        }
    }

    /** Closes both with a TCP reset (linger 0) rather than an orderly end. */
    private void reset() {
        for (SocketChannel channel : new SocketChannel[] {client, server}) {
            try {
                if (channel.isOpen()) {
                    channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
            } catch (IOException | RuntimeException e) {
                // Closed meanwhile.
            }
        }
        close();
    }

    /** Closes both channels (idempotent; any thread), then runs the end callback once. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeQuietly(client);
        closeQuietly(server);
        ended.run();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
