package proxy.http;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One selector thread of the {@link SocketRelay}: it owns the {@link RelayedConnection}s handed to it and copies
 * their bytes as their sockets become ready. It reads into one scratch buffer; a buffer stays with a connection
 * only while the receiving socket cannot take all it was given (then the connection takes the scratch buffer and
 * the loop a spare one), so idle and fast connections hold none: at most one direct buffer of {@link #BUFFER_SIZE} per
 * direction whose receiver is slower than its sender. If the loop itself fails, it closes every connection it owns
 * and every one handed to it later (fail closed; logged at ERROR).
 */
final class RelayLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RelayLoop.class.getName());
    /** Bytes read at most per readiness of a socket; also the buffer a slow receiver holds. */
    static final int BUFFER_SIZE = 64 * 1024;
    private static final int SPARE_BUFFERS = 16;

    private final Selector selector;
    private final Queue<RelayedConnection> added = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private final Thread thread;
    private ByteBuffer scratch = ByteBuffer.allocateDirect(BUFFER_SIZE);
    private volatile boolean closing;

    /** Opens the selector and starts the (daemon, platform) thread. @throws IOException when it cannot be opened */
    RelayLoop(String name) throws IOException {
        selector = Selector.open();
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    /** Hands {@code connection} to this loop (any thread); it is closed at once if the loop is closing. */
    void add(RelayedConnection connection) {
        added.add(connection);
        if (closing) {
            closeAdded();
        } else {
            selector.wakeup();
        }
    }

    /** Makes the thread run through its loop once (any thread). */
    void wakeUp() {
        selector.wakeup();
    }

    /** The scratch buffer, cleared (loop thread only). */
    ByteBuffer scratch() {
        return scratch.clear();
    }

    /** Gives the scratch buffer away to a connection and takes a spare one as the new scratch (loop thread only). */
    ByteBuffer takeScratch() {
        ByteBuffer taken = scratch;
        ByteBuffer next = spare.poll();
        scratch = next != null ? next : ByteBuffer.allocateDirect(BUFFER_SIZE);
        return taken;
    }

    /** Takes back a buffer a connection no longer needs (loop thread only). */
    void giveBack(ByteBuffer buffer) {
        if (spare.size() < SPARE_BUFFERS) {
            spare.push(buffer.clear());
        }
    }

    /** Stops the thread, which closes every connection it owns; waits for it briefly. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!closing) {
                selector.select(this::ready);
                registerAdded();
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(Level.ERROR, "relay loop " + Thread.currentThread().getName() + " failed; its connections are"
                    + " closed", e);
        } finally {
            closing = true;
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof RelayedConnection connection) {
                    connection.close();
                }
            }
            closeAdded();
            try {
                selector.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> "closing a relay selector: " + e);
            }
        }
    }

    private void ready(SelectionKey key) {
        if (key.attachment() instanceof RelayedConnection connection) {
            connection.ready(key, this);
        }
    }

    private void registerAdded() {
        for (RelayedConnection connection = added.poll(); connection != null; connection = added.poll()) {
            connection.register(selector);
        }
    }

    private void closeAdded() {
        for (RelayedConnection connection = added.poll(); connection != null; connection = added.poll()) {
            connection.close();
        }
    }
}
